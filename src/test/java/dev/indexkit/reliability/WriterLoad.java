package dev.indexkit.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Application-like writers on {@code items}: each thread, on its own autocommit connection, inserts a
 * row and updates a random existing one, again and again, recording when each write committed and
 * how long it took. Used by the write-availability test and the write-latency benchmark.
 */
public final class WriterLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Writer> writers = new ArrayList<>();

    private WriterLoad() {
    }

    /** Starts {@code count} writers on {@code table} (columns code, status, created_at) of the database at {@code url}. */
    public static WriterLoad start(String url, String user, String password, String table, int count, long maxId) throws SQLException {
        WriterLoad load = new WriterLoad();
        for (int i = 0; i < count; i++) {
            Writer writer = new Writer(DriverManager.getConnection(url, user, password), table, maxId, load.running);
            load.writers.add(writer);
            Thread thread = new Thread(writer, "writer-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** Stops the writers and returns every write they made. */
    public Writes stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        List<long[]> all = new ArrayList<>();
        for (Writer writer : writers) {
            if (writer.failure != null) {
                throw new IllegalStateException("a writer failed: " + writer.failure.getMessage(), writer.failure);
            }
            all.addAll(writer.writes);
        }
        all.sort((a, b) -> Long.compare(a[0], b[0]));
        return new Writes(all);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    /** Writes as {committedAtNanos, latencyNanos}, in commit order. */
    public record Writes(List<long[]> writes) {

        /**
         * Writes in flight at any time inside [from, to] (System.nanoTime values): those that started
         * or committed in it, so a write blocked by the build and released at its end counts too.
         */
        public Writes between(long from, long to) {
            return new Writes(writes.stream().filter(w -> w[0] >= from && w[0] - w[1] <= to).toList());
        }

        public int count() {
            return writes.size();
        }

        /** The longest time in [from, to] in which no write committed, in nanoseconds. */
        public long longestSilence(long from, long to) {
            long previous = from;
            long longest = 0;
            for (long[] w : writes) {
                if (w[0] < from || w[0] > to) {
                    continue;
                }
                longest = Math.max(longest, w[0] - previous);
                previous = w[0];
            }
            return Math.max(longest, to - previous);
        }

        /** The latency at {@code percentile} (e.g. 99.9), or the worst for 100, in milliseconds. */
        public double latencyMillis(double percentile) {
            if (writes.isEmpty()) {
                return Double.NaN;
            }
            long[] sorted = writes.stream().mapToLong(w -> w[1]).toArray();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
        }
    }

    private static final class Writer implements Runnable {
        private final Connection connection;
        private final String table;
        private final long maxId;
        private final AtomicBoolean running;
        private final List<long[]> writes = new ArrayList<>();
        private volatile Exception failure;

        Writer(Connection connection, String table, long maxId, AtomicBoolean running) {
            this.connection = connection;
            this.table = table;
            this.maxId = maxId;
            this.running = running;
        }

        @Override
        public void run() {
            String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
            try (connection;
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO " + quoted
                         + " (code, status, created_at) VALUES (?, 'new', now())");
                 PreparedStatement update = connection.prepareStatement("UPDATE " + quoted
                         + " SET status = 'done' WHERE id = ?")) {
                long n = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    if (n++ % 2 == 0) {
                        insert.setString(1, Thread.currentThread().getName() + "-" + n);
                        insert.executeUpdate();
                    } else {
                        update.setLong(1, ThreadLocalRandom.current().nextLong(1, maxId + 1));
                        update.executeUpdate();
                    }
                    long end = System.nanoTime();
                    writes.add(new long[]{end, end - start});
                }
            } catch (SQLException e) {
                failure = e;
            }
        }
    }
}
