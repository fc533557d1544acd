package dev.indexkit.internal.cli;

import dev.indexkit.liquibase.ChangelogRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.Map;

/**
 * {@code --changelog}, {@code -D name=value} parameters, the {@code --contexts} and {@code --labels}
 * filters, plus the connection, for Liquibase commands.
 */
public final class ChangelogOptions {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--changelog", required = true,
            description = "Changelog: from the jar (indexkit/<pack>/changelog.yaml) or a file path, relative to the"
                    + " working directory or absolute")
    String changelog;

    @Option(names = "--contexts", paramLabel = "<expression>",
            description = "Liquibase context expression, e.g. 'prod and !backfill': only changesets whose context"
                    + " matches run, roll back or print; those without a context always do")
    String contexts;

    @Option(names = "--labels", paramLabel = "<expression>",
            description = "Liquibase label filter, e.g. 'orders and !backfill': only changesets whose labels"
                    + " match run, roll back or print; those without labels always do")
    String labels;

    @Option(names = {"-D", "--param"}, description = "Changelog parameter, e.g. -D indexkit.mina.schema=app")
    Map<String, String> parameters = Map.of();

    /** A runner on {@code c} with the parameters and filters set and Liquibase's own progress shown. */
    ChangelogRunner runner(Connection c) {
        ChangelogRunner runner = new ChangelogRunner(c).liquibaseConsole(true).contexts(contexts).labels(labels);
        parameters.forEach(runner::parameter);
        return runner;
    }
}
