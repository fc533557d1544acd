package dev.indexkit.bench;

import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.reliability.WriterLoad;

import java.sql.Connection;
import java.sql.Statement;

/**
 * What application writers feel while the same index is built three ways on the same table of
 * {@code bench.rows} rows (default 3,000,000): a plain {@code CREATE INDEX}, a raw
 * {@code CREATE INDEX CONCURRENTLY}, and indexkit's {@code ensureIndex} through Liquibase (timeouts,
 * checks, validity check included). Writers insert and update on their own autocommit connections
 * throughout; the table prints their worst, 99.9th and 99th percentile latency during each build
 * (every write in flight during it, including one blocked by it), {@code bench.rounds} times (default 3).
 * Not a test:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.WriteLatencyBench</pre>
 */
public final class WriteLatencyBench {

    private static final String INDEX = "CREATE INDEX %s ix_items_status ON items (status, created_at)";

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 3_000_000L);
        int writers = Integer.getInteger("bench.writers", 2);
        int rounds = Integer.getInteger("bench.rounds", 3);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
            System.out.printf("write latency bench on embedded %s: %,d rows, %d writers%n", server.version(), rows, writers);
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO items (code, status, created_at) SELECT md5(g::text), (ARRAY['new','done','failed'])[g % 3 + 1], "
                        + "now() - g * interval '1 second' FROM generate_series(1, " + rows + ") g");
                st.execute("VACUUM ANALYZE items");
            }
            System.out.printf("%-34s %9s %8s %9s %9s %9s %12s%n", "build (same index, same data)", "build ms", "writes",
                    "p99 ms", "p99.9 ms", "worst ms", "silence ms");
            // Rounds interleave the three so drift in the machine (caches, autovacuum) hits all alike.
            for (int round = 1; round <= rounds; round++) {
                measure(server, "plain CREATE INDEX", rows, writers, () -> execute(c, INDEX.formatted("")));
                measure(server, "raw CREATE INDEX CONCURRENTLY", rows, writers, () -> execute(c, INDEX.formatted("CONCURRENTLY")));
                measure(server, "indexkit ensureIndex (Liquibase)", rows, writers,
                        () -> new ChangelogRunner(c).update("changelogs/items-status-patient.yaml"));
            }
        }
    }

    private static void measure(EmbeddedPostgresServer server, String label, long rows, int writers, Build build) throws Exception {
        try (Connection c = server.connect()) {
            execute(c, "DROP INDEX IF EXISTS ix_items_status");
            execute(c, "DELETE FROM databasechangelog WHERE id = 'ix_items_status'");
            execute(c, "CHECKPOINT");
        }
        try (WriterLoad load = WriterLoad.start(server.url(), "postgres", "postgres", "items", writers, rows)) {
            Thread.sleep(1000);
            long start = System.nanoTime();
            build.run();
            long end = System.nanoTime();
            Thread.sleep(500);
            WriterLoad.Writes during = load.stop().between(start, end);
            System.out.printf("%-34s %9d %8d %9.1f %9.1f %9.1f %12.1f%n", label, (end - start) / 1_000_000, during.count(),
                    during.latencyMillis(99), during.latencyMillis(99.9), during.latencyMillis(100),
                    during.longestSilence(start, end) / 1e6);
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @FunctionalInterface
    private interface Build {
        void run() throws Exception;
    }
}
