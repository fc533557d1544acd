package dev.indexkit.internal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.concurrent.Callable;

/** {@code indexkit rollback --tag [--sql]}: undoes (or prints how it would undo) every changeset applied after the tag. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll a changelog back to a tag, e.g. --tag mina-schema removes the mina indexes.")
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    ChangelogOptions options;

    @Option(names = "--tag", required = true, description = "Tag to roll back to (e.g. <pack>-schema)")
    String tag;

    @Option(names = "--sql", description = "Print the SQL instead of running it (rollback-sql): the plan the rollback executes")
    boolean sqlOnly;

    @Override
    public Integer call() throws Exception {
        try (Connection c = options.connection.connect()) {
            if (sqlOnly) {
                System.out.print(options.runner(c).rollbackSql(options.changelog, tag));
                return 0;
            }
            options.runner(c).rollbackToTag(options.changelog, tag);
        }
        return 0;
    }
}
