package dev.indexkit.partition;

import dev.indexkit.internal.partition.PartitionCatalog;
import dev.indexkit.internal.partition.PartitionExecutor;
import dev.indexkit.internal.partition.PartitionLocks;
import dev.indexkit.internal.partition.PartitionPlanner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps a RANGE-partitioned table's monthly partitions: creates the current month and
 * {@code monthsAhead} more (counted from today in the configured zone, never from the newest row),
 * moves rows waiting in the DEFAULT partition into their new month, and detaches or drops months past
 * retention. Idempotent; concurrent runners on the same table take turns on an advisory lock.
 *
 * <pre>{@code
 * MonthlyPartitions partitions = MonthlyPartitions.of(MonthlyPartitionConfig.forTable("public.activity_logs")
 *         .column("timestamp").monthsAhead(3).retentionMonths(12).build());
 * partitions.plan(connection).forEach(System.out::println);   // dry run
 * partitions.apply(connection);
 * }</pre>
 */
public final class MonthlyPartitions {

    /** The lock_timeout every step runs under: a step gives up rather than queue behind a long transaction. */
    public static final String LOCK_TIMEOUT = PartitionExecutor.LOCK_TIMEOUT;
    /** check_violation: DEFAULT holds a row for the range of a partition being created. */
    private static final String ROW_IN_DEFAULT = "23514";

    private final MonthlyPartitionConfig config;

    private MonthlyPartitions(MonthlyPartitionConfig config) {
        this.config = config;
    }

    /**
     * The partition keeper for one table.
     *
     * @param config the table and what to keep; from {@link MonthlyPartitionConfig#forTable}
     * @return a keeper; it holds no connection
     */
    public static MonthlyPartitions of(MonthlyPartitionConfig config) {
        return new MonthlyPartitions(config);
    }

    /**
     * The configuration this keeper was made with.
     *
     * @return the configuration, its schema null when the current schema is meant
     */
    public MonthlyPartitionConfig config() {
        return config;
    }

    /**
     * The steps {@link #apply} would take now, with their SQL; reads the catalog only.
     *
     * @param connection a connection to the table's database
     * @return the steps in the order they would run; empty when the table is up to date
     * @throws SQLException when reading the catalog fails
     * @throws PartitionException when the table is missing, not RANGE-partitioned by the column, or
     *         its partitions cannot be brought into shape
     */
    public List<PartitionAction> plan(Connection connection) throws SQLException {
        if (config.schema() == null) {
            return of(config.withCurrentSchema(connection)).plan(connection);
        }
        PartitionCatalog catalog = new PartitionCatalog(connection);
        return new PartitionPlanner(config, catalog).plan(catalog.read(config));
    }

    /**
     * Brings the table up to date and returns the steps taken (empty when it already was).
     *
     * @param connection a connection to the table's database; its auto-commit setting is restored after
     * @return the steps taken, in order
     * @throws SQLException when the connection fails outside a step
     * @throws PartitionException when planning or a step fails; the message names the step
     */
    public List<PartitionAction> apply(Connection connection) throws SQLException {
        if (config.schema() == null) {
            return of(config.withCurrentSchema(connection)).apply(connection);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        String lockKey = PartitionLocks.key(config);
        advisoryLock(connection, "pg_advisory_lock", lockKey);
        try {
            // Planned after the lock: a runner that went first has already created what it could.
            try {
                return new PartitionExecutor(connection).run(plan(connection));
            } catch (PartitionException e) {
                if (!(e.getCause() instanceof SQLException cause) || !ROW_IN_DEFAULT.equals(cause.getSQLState())) {
                    throw e;
                }
                // A row reached the (empty) DEFAULT partition after the plan; the creation rolled back.
                // Planned again, the month is created through the move path, which moves it.
                return new PartitionExecutor(connection).run(plan(connection));
            }
        } finally {
            // A session that was terminated has lost its lock with it; do not hide the real error
            // behind "connection closed".
            if (!connection.isClosed()) {
                advisoryLock(connection, "pg_advisory_unlock", lockKey);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void advisoryLock(Connection connection, String function, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            ps.setString(1, key);
            ps.executeQuery().close();
        }
    }
}
