package dev.indexkit.cli;

import dev.indexkit.liquibase.ChangelogRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code indexkit rollback --tag}: undoes every changeset of the changelog applied after the tag. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll a changelog back to a tag, e.g. --tag mina-schema removes the mina indexes.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--changelog", required = true, description = "Changelog the changesets come from")
    String changelog;

    @Option(names = "--tag", required = true, description = "Tag to roll back to (e.g. <pack>-schema)")
    String tag;

    @Option(names = {"-D", "--param"}, description = "Changelog parameter, e.g. -D indexkit.mina.schema=app")
    Map<String, String> parameters = Map.of();

    @Override
    public Integer call() throws Exception {
        try (Connection c = connection.connect()) {
            ChangelogRunner runner = new ChangelogRunner(c).liquibaseConsole(true);
            parameters.forEach(runner::parameter);
            runner.rollbackToTag(changelog, tag);
        }
        return 0;
    }
}
