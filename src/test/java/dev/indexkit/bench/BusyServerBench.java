package dev.indexkit.bench;

import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.reliability.PartitionedWriterGap;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The busy-server figures, each against 0.1's single 10 s lock timeout in the same run:
 * <ol>
 *   <li>the longest time without a committed write on a partitioned table while {@code ensureIndex}
 *       waits behind a writer transaction open for {@code bench.longWriterSeconds} (default 12);</li>
 *   <li>how long a concurrent build takes, and whether it succeeds, behind a repeatable-read report
 *       open for {@code bench.reportSeconds} (default 60) on an unrelated table.</li>
 * </ol>
 * Not a test:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.BusyServerBench</pre>
 */
public final class BusyServerBench {

    private static final String BASELINE = "0.1 (lock_timeout 10s, no retry)";
    private static final String CURRENT = "1.0 defaults (2s x6 / 30min)";

    public static void main(String[] args) throws Exception {
        // The baseline fails on purpose: keep Liquibase's and the server's logs out of the table.
        java.util.logging.LogManager.getLogManager().reset();
        long longWriterMillis = TimeUnit.SECONDS.toMillis(Long.getLong("bench.longWriterSeconds", 12));
        long reportSeconds = Long.getLong("bench.reportSeconds", 60);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
            System.out.printf("busy-server bench on embedded %s%n%n", server.version());
            System.out.printf("writer gap on a partitioned table, build behind a %d s writer transaction, 2 writers%n",
                    longWriterMillis / 1000);
            System.out.printf("%-34s %10s %10s %8s %14s%n", "policy", "outcome", "update ms", "writes", "longest gap ms");
            long baselineGap = writerGap(server, c, BASELINE, "changelogs/events-index-10s.yaml", longWriterMillis);
            long currentGap = writerGap(server, c, CURRENT, "changelogs/events-index-default.yaml", longWriterMillis);
            System.out.printf("longest gap, 0.1 / 1.0: %.1fx%n%n", (double) baselineGap / Math.max(1, currentGap));

            System.out.printf("concurrent build behind a %d s repeatable-read report on another table%n", reportSeconds);
            System.out.printf("%-34s %10s %12s%n", "policy", "outcome", "after s");
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
            execute(c, "CREATE TABLE IF NOT EXISTS reports (n int)", "INSERT INTO reports VALUES (1)",
                    "INSERT INTO items (code, status, created_at) SELECT 'c' || g, 'new', now() FROM generate_series(1, 100000) g");
            behindReport(server, c, BASELINE, "changelogs/items-status-0.1-defaults.yaml", reportSeconds);
            behindReport(server, c, CURRENT, "changelogs/items-status-patient.yaml", reportSeconds);
        }
    }

    private static long writerGap(EmbeddedPostgresServer server, Connection c, String label, String changelog,
                                  long longWriterMillis) throws Exception {
        execute(c, "DROP TABLE IF EXISTS events CASCADE");
        forgetChangeset(c, "ix_events_code");
        PartitionedWriterGap.createEvents(c);
        PartitionedWriterGap.Result r = PartitionedWriterGap.measure(server.url(), "postgres", "postgres", changelog,
                longWriterMillis);
        System.out.printf("%-34s %10s %10d %8d %14d%n", label, r.failure() == null ? "built" : "failed",
                r.updateMillis(), r.writes(), r.longestGapMillis());
        return r.longestGapMillis();
    }

    private static void behindReport(EmbeddedPostgresServer server, Connection c, String label, String changelog,
                                     long reportSeconds) throws Exception {
        execute(c, "DROP INDEX IF EXISTS ix_items_status");
        forgetChangeset(c, "ix_items_status");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection report = server.connect(); Statement st = report.createStatement()) {
            report.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SELECT count(*) FROM reports");
            long start = System.nanoTime();
            timer.schedule(() -> {
                report.commit();
                return null;
            }, reportSeconds, TimeUnit.SECONDS);
            String outcome = "built";
            try {
                new ChangelogRunner(c).update(changelog);
            } catch (RuntimeException e) {
                outcome = "failed";
            }
            System.out.printf("%-34s %10s %12d%n", label, outcome, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            timer.shutdown();
            timer.awaitTermination(reportSeconds + 5, TimeUnit.SECONDS);
        } finally {
            timer.shutdownNow();
        }
    }

    private static void forgetChangeset(Connection c, String id) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF to_regclass('databasechangelog') IS NOT NULL THEN "
                    + "DELETE FROM databasechangelog WHERE id = '" + id + "'; END IF; END $$");
        }
    }

    private static void execute(Connection c, String... sql) throws Exception {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
