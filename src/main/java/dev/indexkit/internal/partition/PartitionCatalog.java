package dev.indexkit.internal.partition;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.PartitionException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a partitioned table, its key and its partitions from the catalog, by name with bind parameters. */
public final class PartitionCatalog implements PartitionFacts {

    private final Connection connection;

    public PartitionCatalog(Connection connection) {
        this.connection = connection;
    }

    public PartitionedTable read(MonthlyPartitionConfig config) throws SQLException {
        String where = config.qualifiedTable();
        long oid;
        String kind;
        String strategy;
        int keyColumns;
        int keyAttnum;
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT c.oid, c.relkind, pt.partstrat, pt.partnatts, pt.partattrs[0]
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""")) {
            ps.setString(1, config.schema());
            ps.setString(2, config.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PartitionException("Table " + where + " does not exist: check the schema and table name "
                            + "(names are case-sensitive and taken as written), or create it PARTITION BY RANGE first");
                }
                oid = rs.getLong(1);
                kind = rs.getString(2);
                strategy = rs.getString(3);
                keyColumns = rs.getInt(4);
                keyAttnum = rs.getInt(5);
            }
        }
        if (!"p".equals(kind)) {
            throw new PartitionException("Table " + where + " is not partitioned: create it with PARTITION BY RANGE ("
                    + Identifiers.quote(config.column()) + "), or convert it with PartitionConverter (CLI: partitions convert)");
        }
        if (!"r".equals(strategy) || keyColumns != 1 || keyAttnum == 0) {
            throw new PartitionException("Table " + where + " is partitioned by " + describeStrategy(strategy, keyColumns, keyAttnum)
                    + ", not by RANGE on one column: monthly partitions need PARTITION BY RANGE (<one timestamptz, timestamp or date column>)");
        }
        String[] key = keyColumn(oid, keyAttnum);
        if (!key[0].equals(config.column())) {
            throw new PartitionException("Table " + where + " is partitioned by " + Identifiers.quote(key[0]) + ", not by "
                    + Identifiers.quote(config.column()) + ": give --column " + key[0]);
        }
        PartitionColumnType type = PartitionColumnType.ofPostgres(key[1]).orElseThrow(() -> new PartitionException(
                "Partition column " + Identifiers.quote(key[0]) + " of " + where + " is " + key[1]
                        + ": monthly partitions need timestamptz, timestamp or date"));
        List<PartitionedTable.Partition> partitions = new ArrayList<>();
        Optional<String> defaultPartition = Optional.empty();
        String bounds = """
                SELECT n.nspname, c.relname, b.expr = 'DEFAULT',
                       CASE WHEN b.r[1] LIKE '''%%' THEN %s END,
                       CASE WHEN b.r[2] LIKE '''%%' THEN %s END,
                       %s
                FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS expr) e
                CROSS JOIN LATERAL (SELECT e.expr, regexp_match(e.expr, '^FOR VALUES FROM \\((.*)\\) TO \\((.*)\\)$') AS r) b
                WHERE i.inhparent = ?
                ORDER BY c.relname""".formatted(type.boundToMicrosSql("btrim(b.r[1], '''')"),
                type.boundToMicrosSql("btrim(b.r[2], '''')"),
                serverVersion() >= 140000 ? "i.inhdetachpending" : "false");
        try (PreparedStatement ps = connection.prepareStatement(bounds)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        defaultPartition = Optional.of(rs.getString(2));
                    } else {
                        partitions.add(new PartitionedTable.Partition(rs.getString(1), rs.getString(2),
                                (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getBoolean(6)));
                    }
                }
            }
        }
        return new PartitionedTable(config.schema(), config.table(), config.column(), type, columns(oid), partitions,
                defaultPartition, serverVersion());
    }

    /** An ordinary table, not partitioned: what {@code PartitionConverter} turns into a partitioned one. */
    public boolean isPlainTable(String schema, String name) throws SQLException {
        return exists(schema, name, " AND c.relkind = 'r'");
    }

    /** Whether a relation of that name exists in the schema (a name clash for a new partition). */
    @Override
    public boolean relationExists(String schema, String name) throws SQLException {
        return exists(schema, name, "");
    }

    private boolean exists(String schema, String name, String kindCondition) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?" + kindCondition)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<YearMonth> defaultMonths(PartitionedTable table, ZoneId zone) throws SQLException {
        String key = Identifiers.quote(table.column()) + (table.columnType() == PartitionColumnType.TIMESTAMPTZ
                ? " AT TIME ZONE " + Identifiers.literal(zone.getId()) : "");
        String sql = "SELECT DISTINCT to_char(" + key + ", 'YYYY-MM') FROM "
                + Identifiers.qualified(table.schema(), table.defaultPartition().orElseThrow()) + " WHERE "
                + Identifiers.quote(table.column()) + " IS NOT NULL ORDER BY 1";
        List<YearMonth> months = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                months.add(YearMonth.parse(rs.getString(1)));
            }
        }
        return months;
    }

    @Override
    public long defaultRowsBetween(PartitionedTable table, String fromLiteral, String toLiteral) throws SQLException {
        String sql = "SELECT count(*) FROM " + Identifiers.qualified(table.schema(), table.defaultPartition().orElseThrow())
                + " WHERE " + Identifiers.quote(table.column()) + " >= " + fromLiteral + " AND "
                + Identifiers.quote(table.column()) + " < " + toLiteral;
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String[] keyColumn(long oid, int attnum) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ? AND attnum = ?")) {
            ps.setLong(1, oid);
            ps.setInt(2, attnum);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    private List<String> columns(long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ? "
                + "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private int serverVersion() throws SQLException {
        return Integer.parseInt(SessionSettings.current(connection, "server_version_num"));
    }

    private static String describeStrategy(String strategy, int keyColumns, int keyAttnum) {
        String s = switch (strategy == null ? "?" : strategy) {
            case "l" -> "LIST";
            case "h" -> "HASH";
            case "r" -> "RANGE";
            default -> "an unknown strategy";
        };
        return s + (keyColumns > 1 ? " on " + keyColumns + " columns" : keyAttnum == 0 ? " on an expression" : "");
    }
}
