package dev.indexkit.internal.demo;

import dev.indexkit.internal.verify.QueryResult;
import dev.indexkit.internal.verify.Verification;
import dev.indexkit.internal.verify.VerifyReport;
import dev.indexkit.internal.verify.VerifyRun;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main job on any PostgreSQL database: apply every pack, roll each back to its
 * {@code <pack>-schema} tag and re-apply it, then show the indexes that were built.
 */
public final class Demo {

    private final Connection connection;
    private final PrintStream out;

    public Demo(Connection connection, PrintStream out) {
        this.connection = connection;
        this.out = out;
    }

    /** Runs the whole demo; the verification's outcome is returned so a caller can fail on it. */
    public VerifyReport run() throws SQLException {
        timed("apply all packs (" + Pack.ALL_CHANGELOG + ")", () -> runner().update(Pack.ALL_CHANGELOG));
        for (Pack pack : Pack.values()) {
            timed("roll " + pack.id() + " back to " + pack.schemaTag(),
                    () -> runner(pack).rollbackToTag(pack.changelog(), pack.schemaTag()));
            timed("re-apply " + pack.id(), () -> runner(pack).update(pack.changelog()));
        }
        out.println();
        out.println("Indexes built by the packs:");
        out.print(IndexInventory.of(connection, schemas()));
        out.println();
        out.println("Monthly partitions of fastnext.activity_logs (kept by ensureMonthlyPartitions on every update):");
        out.print(PartitionInventory.of(connection, Pack.FASTNEXT.sharedSchema(), "activity_logs"));

        out.println();
        out.println("Verification: production-shaped data (scale 1), EXPLAIN of every target query, best of 3 with and without its index:");
        List<QueryResult> results = new ArrayList<>();
        for (Pack pack : Pack.values()) {
            timed("load " + pack.id() + " data", () -> {
                try {
                    VerifyRun.seed(connection, pack, 1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            results.addAll(new Verification(connection, 3).run(pack));
        }
        VerifyReport report = new VerifyReport(results);
        out.print(report.text());
        return report;
    }

    private ChangelogRunner runner() {
        return new ChangelogRunner(connection);
    }

    /** A pack's changelog run on its own must name the schema all.yaml gave it. */
    private ChangelogRunner runner(Pack pack) {
        return runner().parameter(pack.schemaParameter(), pack.sharedSchema());
    }

    private static List<String> schemas() {
        return Arrays.stream(Pack.values()).map(Pack::sharedSchema).toList();
    }

    private void timed(String step, Runnable work) {
        long start = System.nanoTime();
        work.run();
        out.printf("  %-52s %6d ms%n", step, (System.nanoTime() - start) / 1_000_000);
    }
}
