package dev.indexkit.internal.progress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Watches {@code pg_stat_progress_create_index} from a connection of its own (the build's connection
 * is busy running the DDL) and reports every index build in the current database as it moves:
 * phase changes always, progress in steps, and while a build waits (for writers, for old
 * transactions) the sessions it waits for, again every {@link #WAITING_REPORT_MILLIS} ms, so a
 * deploy that looks stuck names the report or batch job it is waiting for. Runs on a daemon thread
 * until closed.
 */
public final class BuildProgressMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BuildProgressMonitor.class.getName());

    // Blocks, then tuples, then lockers: whichever the current phase counts.
    private static final String SQL = """
            SELECT p.pid, coalesce(i.relname, '(new index)'), coalesce(t.relname, '?'), p.command, p.phase,
                   CASE WHEN p.blocks_total > 0 THEN p.blocks_done WHEN p.tuples_total > 0 THEN p.tuples_done
                        ELSE p.lockers_done END,
                   CASE WHEN p.blocks_total > 0 THEN p.blocks_total WHEN p.tuples_total > 0 THEN p.tuples_total
                        ELSE p.lockers_total END
            FROM pg_stat_progress_create_index p
            LEFT JOIN pg_class i ON i.oid = p.index_relid
            LEFT JOIN pg_class t ON t.oid = p.relid
            WHERE p.datname = current_database() AND p.pid <> pg_backend_pid()
            ORDER BY p.pid""";

    /** How often a build that keeps waiting is reported again with its blockers. */
    public static final long WAITING_REPORT_MILLIS = 5_000;

    private final Connection connection;
    private final Consumer<BuildProgress> sink;
    private final long intervalMillis;
    private final int step;
    private final Thread thread;
    private volatile boolean running = true;

    private BuildProgressMonitor(Connection connection, Consumer<BuildProgress> sink, long intervalMillis, int step) {
        this.connection = connection;
        this.sink = sink;
        this.intervalMillis = intervalMillis;
        this.step = step;
        this.thread = new Thread(this::loop, "indexkit-build-progress");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching. The monitor owns {@code connection} and closes it on {@link #close()}.
     *
     * @param step report progress again after it moved this many percentage points
     */
    public static BuildProgressMonitor start(Connection connection, Consumer<BuildProgress> sink,
                                             long intervalMillis, int step) {
        BuildProgressMonitor monitor = new BuildProgressMonitor(connection, sink, intervalMillis, step);
        monitor.thread.start();
        return monitor;
    }

    /** What is being built right now. */
    public static List<BuildProgress> current(Connection connection) throws SQLException {
        List<BuildProgress> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long done = rs.getLong(6);
                long total = rs.getLong(7);
                String phase = rs.getString(5);
                out.add(new BuildProgress(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        phase, done, total, total > 0 ? (int) (100 * done / total) : -1, List.of()));
            }
        }
        List<BuildProgress> withBlockers = new ArrayList<>(out.size());
        for (BuildProgress p : out) {
            withBlockers.add(p.waiting() ? new BuildProgress(p.pid(), p.index(), p.table(), p.command(), p.phase(),
                    p.done(), p.total(), p.percent(), Blockers.blocking(connection, p.pid())) : p);
        }
        return withBlockers;
    }

    private void loop() {
        java.util.Map<Integer, BuildProgress> last = new java.util.HashMap<>();
        java.util.Map<Integer, Long> reportedAt = new java.util.HashMap<>();
        while (running) {
            try {
                long now = System.nanoTime();
                for (BuildProgress p : current(connection)) {
                    boolean stillWaiting = p.waiting() && now - reportedAt.getOrDefault(p.pid(), now)
                            >= WAITING_REPORT_MILLIS * 1_000_000;
                    if (!p.sameStepAs(last.get(p.pid()), step) || stillWaiting) {
                        last.put(p.pid(), p);
                        reportedAt.put(p.pid(), now);
                        sink.accept(p);
                    }
                }
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                // Progress is a courtesy: never let it disturb the migration it watches.
                LOG.fine(() -> "progress monitor stopped: " + e.getMessage());
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException ignored) {
            // closing a monitoring connection: nothing to recover
        }
    }
}
