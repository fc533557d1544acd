package dev.indexkit.spring;

import dev.indexkit.internal.partition.PartitionLocks;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The monthly partition maintenance of the tables under {@code indexkit.partitions.tables}, as the
 * auto-configuration runs it on each table's cron (and once at startup). Replicas take turns: a run
 * first tries the table's advisory lock ({@code pg_try_advisory_lock}, the lock every indexkit
 * partition runner takes) and, when another session holds it, skips the table and says so in the
 * log instead of waiting; the instance that holds it does the work.
 */
public final class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());

    private final DataSource dataSource;
    private final Map<String, MonthlyPartitionConfig> tables = new LinkedHashMap<>();

    PartitionMaintenance(DataSource dataSource, List<MonthlyPartitionConfig> tables) {
        this.dataSource = dataSource;
        for (MonthlyPartitionConfig config : tables) {
            this.tables.put(name(config), config);
        }
    }

    /**
     * The tables kept, as configured.
     *
     * @return each table's configuration, in configuration order
     */
    public List<MonthlyPartitionConfig> tables() {
        return List.copyOf(tables.values());
    }

    /**
     * Runs one table's maintenance now, unless another instance is running it.
     *
     * @param table the table as configured under {@code indexkit.partitions.tables[i].table}
     * @return the steps taken (empty when the table was up to date), or empty when another session
     *         held the table's lock and this run was skipped
     * @throws SQLException when no connection can be had or the connection fails
     * @throws dev.indexkit.partition.PartitionException when planning or a step fails
     * @throws IllegalArgumentException when the table is not configured
     */
    public Optional<List<PartitionAction>> run(String table) throws SQLException {
        MonthlyPartitionConfig config = tables.get(table);
        if (config == null) {
            throw new IllegalArgumentException("table " + table + " is not under indexkit.partitions.tables: " + tables.keySet());
        }
        try (Connection c = dataSource.getConnection()) {
            MonthlyPartitionConfig resolved = config.withCurrentSchema(c);
            String key = PartitionLocks.key(resolved);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                if (!advisory(c, "pg_try_advisory_lock", key)) {
                    LOG.info(() -> "indexkit: partition maintenance of " + resolved.qualifiedTable()
                            + " skipped: another instance holds its lock (" + holder(c, key)
                            + ") and is running it");
                    return Optional.empty();
                }
                try {
                    // Takes the same lock again (session locks nest), so it never waits here.
                    List<PartitionAction> done = MonthlyPartitions.of(resolved).apply(c);
                    if (done.isEmpty()) {
                        LOG.info(() -> "indexkit: partitions of " + resolved.qualifiedTable() + " are up to date");
                    }
                    done.forEach(a -> LOG.info(() -> "indexkit: partitions of " + resolved.qualifiedTable() + ": " + a.description()));
                    return Optional.of(done);
                } finally {
                    if (!c.isClosed()) {
                        advisory(c, "pg_advisory_unlock", key);
                    }
                }
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(autoCommit);
                }
            }
        }
    }

    /**
     * Runs every table once, in configuration order. With {@code failFast} the first failure is thrown
     * (the startup run); without, it is logged and the next table runs (a scheduled run).
     */
    Map<String, Optional<List<PartitionAction>>> runAll(boolean failFast) {
        Map<String, Optional<List<PartitionAction>>> outcome = new LinkedHashMap<>();
        for (String table : tables.keySet()) {
            try {
                outcome.put(table, run(table));
            } catch (SQLException | RuntimeException e) {
                if (failFast) {
                    throw new IllegalStateException("indexkit: partition maintenance of " + table + " (indexkit.partitions.tables) "
                            + "failed: " + e.getMessage(), e);
                }
                LOG.log(Level.SEVERE, e, () -> "indexkit: partition maintenance of " + table + " failed; the next run tries again");
            }
        }
        return outcome;
    }

    static String name(MonthlyPartitionConfig config) {
        return config.schema() == null ? config.table() : config.schema() + "." + config.table();
    }

    private static boolean advisory(Connection c, String function, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Who holds the lock, for the log: a single-key advisory lock is (classid, objid) = (high, low) 32 bits. */
    private static String holder(Connection c, String key) {
        String sql = "SELECT a.pid, coalesce(nullif(a.application_name, ''), 'no application_name'), host(a.client_addr) "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(?)::bigint";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "holder already gone";
                }
                return "pid " + rs.getInt(1) + ", " + rs.getString(2) + (rs.getString(3) == null ? "" : " from " + rs.getString(3));
            }
        } catch (SQLException e) {
            return "holder unknown: " + e.getMessage();
        }
    }
}
