package dev.indexkit.internal.cli;

import dev.indexkit.internal.demo.Demo;
import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.internal.progress.BuildProgressMonitor;
import dev.indexkit.internal.progress.ProgressPrinter;
import dev.indexkit.internal.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.concurrent.Callable;

/** {@code indexkit demo}: the main job on an embedded PostgreSQL, nothing to install. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start embedded PostgreSQL, apply every pack, roll each back to its schema tag, load production-shaped "
                + "data, re-apply every pack to the populated tables, show the indexes, verify every target query; "
                + "exit 1 when one does not use its index.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep-running", description = "Keep the embedded server up and print its URL until Ctrl-C")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        EmbeddedPostgresRequirement.require("indexkit verify --url jdbc:postgresql://host:5432/scratch --seed-data (applies every pack and loads its data: a test database only)");
        VerifyReport report;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
            System.out.println("indexkit demo on embedded " + server.version() + " (" + server.url() + ")");
            try (BuildProgressMonitor ignored = BuildProgressMonitor.start(server.connect(),
                    ProgressPrinter.forConsole(System.out), 500, 5)) {
                report = new Demo(c, server::connect, System.out).run();
            }
            if (keepRunning) {
                System.out.println("Server running at " + server.url() + " (user postgres); Ctrl-C to stop.");
                Thread.currentThread().join();
            }
        }
        return exitCode(report);
    }

    /** A CI job or a user's script must see a failed check, not only read it in the table. */
    public static int exitCode(VerifyReport report) {
        return report.allPassed() ? 0 : 1;
    }
}
