package dev.indexkit.reliability;

import dev.indexkit.liquibase.ChangelogRunner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The harness behind the writer-gap figure: a partitioned {@code events} table, two autocommitting
 * writers on it, a writer transaction left open for a while, and a changelog that indexes the table
 * meanwhile. It reports the longest time in which no write committed between the update's start and
 * end. Used by {@code PartitionedBuildTest} (asserted) and {@code BusyServerBench} (printed).
 */
public final class PartitionedWriterGap {

    /** Rows in the three 2024 partitions; writers' own rows go to DEFAULT, whatever the day. */
    public static final long ROWS = 30_000;

    /** What one measurement saw. */
    public record Result(Exception failure, int writes, long longestGapMillis, long updateMillis) {
    }

    private PartitionedWriterGap() {
    }

    /** Creates {@code events} partitioned by month (three 2024 months and DEFAULT) with {@link #ROWS} rows. */
    public static void createEvents(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : new String[]{
                    "CREATE TABLE events (id bigserial, code text NOT NULL, status text NOT NULL, "
                            + "created_at timestamptz NOT NULL, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                    "CREATE TABLE events_2024_01 PARTITION OF events FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00')",
                    "CREATE TABLE events_2024_02 PARTITION OF events FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00')",
                    "CREATE TABLE events_2024_03 PARTITION OF events FOR VALUES FROM ('2024-03-01 00:00:00+00') TO ('2024-04-01 00:00:00+00')",
                    "CREATE TABLE events_default PARTITION OF events DEFAULT",
                    "INSERT INTO events (code, status, created_at) SELECT 'c' || g, (ARRAY['new','done'])[g % 2 + 1], "
                            + "timestamptz '2024-01-01 00:00:00+00' + (g % 90) * interval '1 day' FROM generate_series(1, " + ROWS + ") g",
                    "VACUUM ANALYZE events"}) {
                st.execute(sql);
            }
        }
    }

    /** Runs {@code changelog} while a writer transaction stays open for {@code longWriterMillis}, under two writers. */
    public static Result measure(String url, String user, String password, String changelog, long longWriterMillis)
            throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (WriterLoad load = WriterLoad.start(url, user, password, "events", 2, ROWS);
             Connection longWriter = DriverManager.getConnection(url, user, password);
             Statement st = longWriter.createStatement()) {
            Thread.sleep(300);
            longWriter.setAutoCommit(false);
            st.execute("INSERT INTO events (code, status, created_at) VALUES ('long', 'new', now())");
            timer.schedule(() -> {
                longWriter.commit();
                return null;
            }, longWriterMillis, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            Exception failure = null;
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                new ChangelogRunner(c).update(changelog);
            } catch (Exception e) {
                failure = e;
            }
            long end = System.nanoTime();
            Thread.sleep(300);
            WriterLoad.Writes writes = load.stop();
            return new Result(failure, writes.between(start, end).count(), writes.longestSilence(start, end) / 1_000_000,
                    (end - start) / 1_000_000);
        } finally {
            timer.shutdownNow();
        }
    }
}
