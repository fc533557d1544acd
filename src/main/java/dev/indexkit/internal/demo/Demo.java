package dev.indexkit.internal.demo;

import dev.indexkit.internal.sql.Transactions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main job on any PostgreSQL database: every pack applied, each rolled back to its
 * {@code <pack>-schema} tag, its tables filled with production-shaped data, the pack re-applied to
 * those populated tables (as a migration meets a service's database: the indexes built
 * concurrently over existing rows), the indexes shown, and every catalog query verified.
 */
public final class Demo {

    private final Connection connection;
    private final VerifyRun.Connector sessions;
    private final PrintStream out;
    private final Map<String, Long> phases = new LinkedHashMap<>();

    /**
     * @param connection the session that applies, rolls back and verifies
     * @param sessions   opens the further sessions that load the packs' data side by side
     */
    public Demo(Connection connection, VerifyRun.Connector sessions, PrintStream out) {
        this.connection = connection;
        this.sessions = sessions;
        this.out = out;
    }

    /** Runs the whole demo; the verification's outcome is returned so a caller can fail on it. */
    public VerifyReport run() throws SQLException {
        timed("apply and roll back", "apply all packs (" + Pack.ALL_CHANGELOG + ")", () -> runner().update(Pack.ALL_CHANGELOG));
        for (Pack pack : Pack.values()) {
            timed("apply and roll back", "roll " + pack.id() + " back to " + pack.schemaTag(),
                    () -> VerifyRun.runner(connection, pack).rollbackToTag(pack.changelog(), pack.schemaTag()));
        }
        timed("load data", "load every pack's data (scale 1, " + VerifyRun.loadSessions(Pack.values().length) + " sessions)", () -> sql(() -> VerifyRun.seedAll(sessions, List.of(Pack.values()), 1,
                (pack, ms) -> out.printf("    %-50s %6d ms%n", pack.id() + " data", ms))));
        for (Pack pack : Pack.values()) {
            timed("re-apply to populated tables", "re-apply " + pack.id() + " to its populated tables", () -> sql(() -> {
                VerifyRun.applyIndexes(connection, pack);
                VerifyRun.analyzeExpressionIndexes(connection, pack);
            }));
        }
        out.println();
        out.println("Indexes built by the packs:");
        out.print(IndexInventory.of(connection, schemas()));
        out.println();
        out.println("Monthly partitions of fastnext.activity_logs (kept by ensureMonthlyPartitions on every update):");
        out.print(PartitionInventory.of(connection, Pack.FASTNEXT.sharedSchema(), "activity_logs"));

        out.println();
        out.println("Verification: production-shaped data (scale 1), EXPLAIN of every target query, timed with its index, without it "
                + "and without the pack's indexes on its tables:");
        List<QueryResult> results = new ArrayList<>();
        for (Pack pack : Pack.values()) {
            timed("verify", "verify " + pack.id(), () -> sql(() -> results.addAll(new Verification(connection, 3).run(pack))));
        }
        VerifyReport report = new VerifyReport(results);
        out.print(report.text());
        out.println();
        out.println("Where the time went:");
        phases.forEach((phase, ms) -> out.printf("  %-52s %6d ms%n", phase, ms));
        return report;
    }

    /** Milliseconds per phase of the last {@link #run()}, in the order they ran (the demo benchmark prints them). */
    public Map<String, Long> phases() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    private ChangelogRunner runner() {
        return new ChangelogRunner(connection);
    }

    private static List<String> schemas() {
        return Arrays.stream(Pack.values()).map(Pack::sharedSchema).toList();
    }

    private static void sql(Transactions.Work work) {
        try {
            work.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void timed(String phase, String step, Runnable work) {
        long start = System.nanoTime();
        work.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        phases.merge(phase, ms, Long::sum);
        out.printf("  %-52s %6d ms%n", step, ms);
    }
}
