package dev.indexkit.cli;

import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.progress.BuildProgressMonitor;
import dev.indexkit.progress.ProgressPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code indexkit update}: applies a changelog (a pack from the jar, or a file) through Liquibase. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Apply a changelog, e.g. indexkit/mina/changelog.yaml from the jar or a file path.")
final class UpdateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--changelog", required = true, description = "Changelog: classpath (indexkit/<pack>/changelog.yaml) or file")
    String changelog;

    @Option(names = {"-D", "--param"}, description = "Changelog parameter, e.g. -D indexkit.mina.schema=app")
    Map<String, String> parameters = Map.of();

    @Option(names = "--sql", description = "Print the SQL instead of running it (update-sql)")
    boolean sqlOnly;

    @Override
    public Integer call() throws Exception {
        try (Connection c = connection.connect()) {
            ChangelogRunner runner = new ChangelogRunner(c).liquibaseConsole(true);
            parameters.forEach(runner::parameter);
            if (sqlOnly) {
                System.out.print(runner.updateSql(changelog));
            } else {
                try (BuildProgressMonitor ignored = BuildProgressMonitor.start(connection.connect(),
                        ProgressPrinter.forConsole(System.out), 500, 5)) {
                    runner.update(changelog);
                }
            }
        }
        return 0;
    }
}
