package dev.indexkit.partition;

import dev.indexkit.internal.partition.PartitionCatalog;
import dev.indexkit.internal.partition.PartitionColumnType;
import dev.indexkit.internal.partition.PartitionExecutor;
import dev.indexkit.internal.partition.PartitionPlanner;
import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.internal.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a populated, non-partitioned table into a monthly RANGE-partitioned one without copying a
 * row: the table becomes one partition, {@code <table>_history}, holding every month its data spans,
 * and new months get partitions of their own.
 *
 * <ol>
 *   <li>{@code ADD CONSTRAINT ... CHECK (bounds) NOT VALID}: a brief ACCESS EXCLUSIVE lock, no scan. The
 *       bounds run from the oldest row's month to the end of the later of the newest row's month and
 *       <em>next</em> month: from here to the swap, PostgreSQL checks every new row against them, and a
 *       conversion that starts just before midnight on the last day of a month ends after it, with
 *       writers stamping rows in the new month;</li>
 *   <li>{@code VALIDATE CONSTRAINT}: scans the table under SHARE UPDATE EXCLUSIVE, writes go on;</li>
 *   <li>in one short transaction: rename the table to {@code <table>_history}, create the partitioned
 *       parent under the old name ({@code LIKE ... INCLUDING ALL}), and {@code ATTACH} the history,
 *       which needs no scan because the validated CHECK already proves the bounds;</li>
 *   <li>in the same transaction, the months after the history and the DEFAULT partition, as
 *       {@link MonthlyPartitions} would plan them for the converted table.</li>
 * </ol>
 * {@link #plan} returns these steps as they would run now, for review; {@code PartitionScript}
 * prints them ({@code indexkit partitions convert --plan}) as a script that applies with
 * {@code psql -v ON_ERROR_STOP=1}. Writer-blocking steps run under a 2 s lock timeout and are retried;
 * the validation runs under the 30 min concurrent budget.
 * A conversion that stops before the swap removes its bounds check, which would otherwise refuse every
 * row dated after its upper bound from then on; one killed half-way leaves it, and the next convert
 * replaces it. Rows dated after the upper bound (far in the future) are refused while the conversion
 * runs: taking them would need a scan of the whole table under a lock that blocks writers.
 * Refused, with the reason, when a primary key or unique constraint lacks the partition column
 * (PostgreSQL requires it) or when other tables' foreign keys point at the table.
 */
public final class PartitionConverter {

    private final MonthlyPartitionConfig config;

    /**
     * A converter for one table.
     *
     * @param config the table, its partition column and what to keep after the conversion
     */
    public PartitionConverter(MonthlyPartitionConfig config) {
        this.config = config;
    }

    /**
     * The conversion's steps as they would run now, read from the catalog inside a read-only
     * transaction: the bounds check, its validation, the swap, and the months after the history with the
     * DEFAULT partition (committed with the swap). {@link #convert} runs exactly these.
     *
     * @param connection a connection to the table's database
     * @return the steps in the order they would run
     * @throws SQLException when reading the catalog fails
     * @throws PartitionException when the table cannot be converted, with the reason
     */
    public List<PartitionAction> plan(Connection connection) throws SQLException {
        if (config.schema() == null) {
            return new PartitionConverter(config.withCurrentSchema(connection)).plan(connection);
        }
        String history = Identifiers.withSuffix(config.table(), "_history");
        Facts facts = ReadOnly.run(connection, () -> inspect(connection));
        List<PartitionAction> months = ReadOnly.run(connection, () -> PartitionPlanner.planAfterConversion(config,
                new PartitionCatalog(connection), facts.type, history, facts.first, facts.last.plusMonths(1),
                Integer.parseInt(SessionSettings.current(connection, "server_version_num"))));
        String table = config.qualifiedTable();
        String qualifiedHistory = Identifiers.qualified(config.schema(), history);
        String check = boundsCheck();
        String key = Identifiers.quote(config.column());
        String from = facts.type.literal(facts.first, config.zone());
        String to = facts.type.literal(facts.last.plusMonths(1), config.zone());
        String bounds = facts.first + " to " + facts.last;

        List<String> swap = new ArrayList<>();
        swap.add("ALTER TABLE " + table + " RENAME TO " + Identifiers.quote(history));
        swap.add("CREATE TABLE " + table + " (LIKE " + qualifiedHistory + " INCLUDING ALL) PARTITION BY RANGE (" + key + ")");
        for (String identity : facts.identityColumns) {
            // LIKE gives the parent a new identity sequence; continue where the old one stopped.
            swap.add("SELECT setval(pg_get_serial_sequence(" + Identifiers.literal(table) + ", " + Identifiers.literal(identity)
                    + "), coalesce((SELECT max(" + Identifiers.quote(identity) + ") FROM " + qualifiedHistory + "), 0) + 1, false)");
            // PostgreSQL refuses to attach a table with an identity column of its own; the parent's
            // identity now numbers every insert.
            swap.add("ALTER TABLE " + qualifiedHistory + " ALTER COLUMN " + Identifiers.quote(identity) + " DROP IDENTITY");
        }
        swap.add("ALTER TABLE " + table + " ATTACH PARTITION " + qualifiedHistory + " FOR VALUES FROM (" + from + ") TO (" + to + ")");
        // LIKE ... INCLUDING ALL copied the bounds CHECK to the parent, where it would refuse every new
        // month: drop it there, then the history's own copy.
        swap.add("ALTER TABLE " + table + " DROP CONSTRAINT " + check);
        swap.add("ALTER TABLE " + qualifiedHistory + " DROP CONSTRAINT IF EXISTS " + check);

        List<PartitionAction> plan = new ArrayList<>(List.of(
                new PartitionAction(PartitionAction.Kind.ADD_BOUNDS_CHECK, config.table(), "add the bounds check " + check
                        + " (" + bounds + ") to " + table + ", NOT VALID: no scan, a brief ACCESS EXCLUSIVE lock",
                        // A check left by a conversion that stopped later may have other bounds: replace it.
                        List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + check,
                                "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + key + " IS NOT NULL AND "
                                + key + " >= " + from + " AND " + key + " < " + to + ") NOT VALID")),
                new PartitionAction(PartitionAction.Kind.VALIDATE_BOUNDS_CHECK, config.table(), "validate " + check
                        + ": scans " + table + " under SHARE UPDATE EXCLUSIVE, writes go on",
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check)),
                new PartitionAction(PartitionAction.Kind.SWAP_IN_PARTITIONED_TABLE, history, "rename " + table + " to "
                        + Identifiers.quote(history) + ", create the partitioned " + table + " in its place and attach the "
                        + "history for " + bounds + " (no scan: the validated check proves the bounds)", List.copyOf(swap))));
        plan.addAll(months);
        return List.copyOf(plan);
    }

    private String boundsCheck() {
        return Identifiers.quote(Identifiers.withSuffix(config.table(), "_indexkit_bounds"));
    }

    /**
     * Converts the table: runs {@link #plan} step by step (the swap and the new months in one
     * transaction, retried after a lock timeout). Returns the SQL it ran, in order.
     *
     * @param connection a connection to the table's database; its auto-commit setting is restored after
     * @return every statement it ran, in order
     * @throws SQLException when the connection fails outside a step
     * @throws PartitionException when the conversion stopped; the table is then still a plain table
     */
    public List<String> convert(Connection connection) throws SQLException {
        List<String> ran = new ArrayList<>();
        apply(connection).forEach(action -> ran.addAll(action.sql()));
        return ran;
    }

    /**
     * {@link #convert}, returning the steps it ran, as {@link MonthlyPartitions#apply} does.
     *
     * @param connection a connection to the table's database; its auto-commit setting is restored after
     * @return the steps it ran, in order
     * @throws SQLException when the connection fails outside a step
     * @throws PartitionException when the conversion stopped; the table is then still a plain table
     */
    public List<PartitionAction> apply(Connection connection) throws SQLException {
        if (config.schema() == null) {
            return new PartitionConverter(config.withCurrentSchema(connection)).apply(connection);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            List<PartitionAction> plan = plan(connection);
            try {
                new PartitionExecutor(connection).run(plan);
            } catch (PartitionException e) {
                throw new PartitionException("Converting " + config.qualifiedTable() + " stopped, and the table is still a "
                        + "plain table (the step that failed was rolled back; " + removeBoundsCheck(connection) + "): "
                        + e.getMessage(), e);
            }
            return plan;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Drops the bounds check a stopped conversion added: left in place, it would refuse every row dated
     * after its upper bound once the calendar gets there. Under the short lock timeout, once: it needs
     * the same lock as the step that may just have given up. Says what it did.
     */
    private String removeBoundsCheck(Connection connection) {
        String drop = "ALTER TABLE " + config.qualifiedTable() + " DROP CONSTRAINT IF EXISTS " + boundsCheck();
        try {
            Transactions.inOne(connection, () -> {
                SessionSettings.set(connection, "lock_timeout", PartitionExecutor.LOCK_TIMEOUT, true);
                try (Statement st = connection.createStatement()) {
                    st.execute(drop);
                }
            });
            return "its bounds check " + boundsCheck() + " was removed";
        } catch (SQLException e) {
            return "its bounds check " + boundsCheck() + " could not be removed (" + e.getMessage().lines().findFirst().orElse("")
                    + "): run `" + drop + "` before the month after its upper bound begins, or the next convert, which replaces it";
        }
    }

    private record Facts(PartitionColumnType type, YearMonth first, YearMonth last, List<String> identityColumns) {
    }

    private Facts inspect(Connection c) throws SQLException {
        String table = config.qualifiedTable();
        long oid;
        try (PreparedStatement ps = c.prepareStatement("SELECT cl.oid, cl.relkind FROM pg_class cl JOIN pg_namespace n "
                + "ON n.oid = cl.relnamespace WHERE n.nspname = ? AND cl.relname = ? AND cl.relkind IN ('r', 'p')")) {
            ps.setString(1, config.schema());
            ps.setString(2, config.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PartitionException("Table " + table + " does not exist: check the schema and table name");
                }
                if ("p".equals(rs.getString(2))) {
                    throw new PartitionException("Table " + table + " is already partitioned: use MonthlyPartitions (CLI: partitions apply)");
                }
                oid = rs.getLong(1);
            }
        }
        PartitionColumnType type;
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setLong(1, oid);
            ps.setString(2, config.column());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PartitionException("Table " + table + " has no column " + Identifiers.quote(config.column()));
                }
                String formatType = rs.getString(1);
                type = PartitionColumnType.ofPostgres(formatType).orElseThrow(() -> new PartitionException("Column "
                        + Identifiers.quote(config.column()) + " of " + table + " is " + formatType
                        + ": monthly partitions need timestamptz, timestamp or date"));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT conname FROM pg_constraint WHERE conrelid = ? AND contype IN ('p', 'u') "
                + "AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = conrelid AND a.attnum = ANY (conkey) AND a.attname = ?)")) {
            ps.setLong(1, oid);
            ps.setString(2, config.column());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new PartitionException("Constraint " + Identifiers.quote(rs.getString(1)) + " of " + table
                            + " does not include " + Identifiers.quote(config.column()) + ": PostgreSQL requires that every primary key "
                            + "and unique constraint of a partitioned table must include the partition column. Change it to include "
                            + config.column() + " first.");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT conname, conrelid::regclass::text FROM pg_constraint WHERE confrelid = ? AND contype = 'f'")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new PartitionException("Foreign key " + Identifiers.quote(rs.getString(1)) + " of " + rs.getString(2)
                            + " references " + table + " and would follow the renamed history table: drop it before converting "
                            + "and re-create it on the partitioned table afterwards");
                }
            }
        }
        List<String> identity = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ? AND attidentity <> ''")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identity.add(rs.getString(1));
                }
            }
        }
        YearMonth today = YearMonth.from(LocalDate.now(config.clock().withZone(config.zone())));
        String key = Identifiers.quote(config.column());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT to_char(min(" + key + ")" + zoneShift(type) + ", 'YYYY-MM'), to_char(max(" + key + ")" + zoneShift(type)
                        + ", 'YYYY-MM'), count(*) FILTER (WHERE " + key + " IS NULL) FROM " + table)) {
            rs.next();
            if (rs.getLong(3) > 0) {
                // Found in the same scan as the bounds; the validation would fail on them after a scan of its own.
                throw new PartitionException(rs.getLong(3) + " rows of " + table + " have no " + key
                        + ": a month partition cannot hold them; set their " + key + " (or delete them) and make the column "
                        + "NOT NULL, then convert");
            }
            YearMonth first = rs.getString(1) == null ? today : YearMonth.parse(rs.getString(1));
            YearMonth last = rs.getString(2) == null ? today : YearMonth.parse(rs.getString(2));
            // The history ends at the later of its newest row's month and next month: rows stamped now()
            // pass the bounds check even when the conversion runs across midnight at a month's end.
            YearMonth next = today.plusMonths(1);
            return new Facts(type, first, last.isBefore(next) ? next : last, identity);
        }
    }

    /** For timestamptz, the month of a value is its month in the configured zone. */
    private String zoneShift(PartitionColumnType type) {
        ZoneId zone = config.zone();
        return type == PartitionColumnType.TIMESTAMPTZ ? " AT TIME ZONE " + Identifiers.literal(zone.getId()) : "";
    }

}
