package dev.indexkit.internal.cli;

import dev.indexkit.liquibase.ChangelogRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.Map;

/** {@code --changelog} and {@code -D name=value} parameters, plus the connection, for Liquibase commands. */
public final class ChangelogOptions {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--changelog", required = true,
            description = "Changelog: from the jar (indexkit/<pack>/changelog.yaml) or a file path, relative to the"
                    + " working directory or absolute")
    String changelog;

    @Option(names = {"-D", "--param"}, description = "Changelog parameter, e.g. -D indexkit.mina.schema=app")
    Map<String, String> parameters = Map.of();

    /** A runner on {@code c} with the parameters set and Liquibase's own progress shown. */
    ChangelogRunner runner(Connection c) {
        ChangelogRunner runner = new ChangelogRunner(c).liquibaseConsole(true);
        parameters.forEach(runner::parameter);
        return runner;
    }
}
