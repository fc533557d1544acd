package dev.indexkit.internal.cli;

import dev.indexkit.internal.progress.BuildProgressMonitor;
import dev.indexkit.internal.progress.ProgressPrinter;
import dev.indexkit.liquibase.ChangelogRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.concurrent.Callable;

/** {@code indexkit update}: applies a changelog (a pack from the jar, or a file) through Liquibase. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Apply a changelog, e.g. indexkit/mina/changelog.yaml from the jar or a file path.")
public final class UpdateCommand implements Callable<Integer> {

    @Mixin
    ChangelogOptions options;

    @Option(names = "--sql", description = "Print the SQL instead of running it (update-sql)")
    boolean sqlOnly;

    @Override
    public Integer call() throws Exception {
        try (Connection c = options.connection.connect()) {
            ChangelogRunner runner = options.runner(c);
            if (sqlOnly) {
                System.out.print(runner.updateSql(options.changelog));
                return 0;
            }
            // Progress is watched from a second connection: the build's own is busy with the DDL.
            try (BuildProgressMonitor ignored = BuildProgressMonitor.start(options.connection.connect(),
                    ProgressPrinter.forConsole(System.out), 500, 5)) {
                runner.update(options.changelog);
            }
        }
        return 0;
    }
}
