package dev.indexkit.internal.partition;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.PartitionException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a partitioned table, its key and its partitions from the catalog, by name with bind parameters. */
public final class PartitionCatalog implements PartitionFacts {

    private final Connection connection;

    public PartitionCatalog(Connection connection) {
        this.connection = connection;
    }

    /**
     * The table, its key, its columns and its partitions in one query: one round trip, whether or not
     * there is a DEFAULT partition. Whether DEFAULT may hold rows is answered from its size on disk,
     * so an empty DEFAULT costs no query of its own (see {@link PartitionedTable#defaultMayHoldRows}).
     */
    public PartitionedTable read(MonthlyPartitionConfig config) throws SQLException {
        String where = config.qualifiedTable();
        Table table = null;
        List<PartitionedTable.Partition> partitions = new ArrayList<>();
        Optional<String> defaultPartition = Optional.empty();
        boolean defaultMayHoldRows = false;
        try (PreparedStatement ps = connection.prepareStatement(READ)) {
            ps.setString(1, config.schema());
            ps.setString(2, config.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (table == null) {
                        String[] columns = (String[]) rs.getArray(8).getArray();
                        table = new Table(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7), List.of(columns));
                    }
                    if (rs.getString(10) == null) {
                        continue; // no partition yet: the row only carries the table
                    }
                    if (rs.getBoolean(11)) {
                        defaultPartition = Optional.of(rs.getString(10));
                        defaultMayHoldRows = rs.getBoolean(15);
                    } else {
                        partitions.add(new PartitionedTable.Partition(rs.getString(9), rs.getString(10),
                                (Long) rs.getObject(12), (Long) rs.getObject(13), rs.getBoolean(14)));
                    }
                }
            }
        }
        if (table == null) {
            throw new PartitionException("Table " + where + " does not exist: check the schema and table name "
                    + "(names are case-sensitive and taken as written), or create it PARTITION BY RANGE first");
        }
        if (!"p".equals(table.kind())) {
            throw new PartitionException("Table " + where + " is not partitioned: create it with PARTITION BY RANGE ("
                    + Identifiers.quote(config.column()) + "), or convert it with PartitionConverter (CLI: partitions convert)");
        }
        if (!"r".equals(table.strategy()) || table.keyColumns() != 1 || table.keyAttnum() == 0) {
            throw new PartitionException("Table " + where + " is partitioned by "
                    + describeStrategy(table.strategy(), table.keyColumns(), table.keyAttnum())
                    + ", not by RANGE on one column: monthly partitions need PARTITION BY RANGE (<one timestamptz, timestamp or date column>)");
        }
        if (!table.keyName().equals(config.column())) {
            throw new PartitionException("Table " + where + " is partitioned by " + Identifiers.quote(table.keyName()) + ", not by "
                    + Identifiers.quote(config.column()) + ": give --column " + table.keyName());
        }
        Table found = table;
        PartitionColumnType type = PartitionColumnType.ofPostgres(found.keyType()).orElseThrow(() -> new PartitionException(
                "Partition column " + Identifiers.quote(found.keyName()) + " of " + where + " is " + found.keyType()
                        + ": monthly partitions need timestamptz, timestamp or date"));
        return new PartitionedTable(config.schema(), config.table(), config.column(), type, table.columns(), partitions,
                defaultPartition, defaultMayHoldRows, table.serverVersion());
    }

    /** The table's own facts, as every row of {@link #READ} carries them. */
    private record Table(String kind, String strategy, int keyColumns, int keyAttnum, String keyName, String keyType,
                         int serverVersion, List<String> columns) {
    }

    /**
     * One row per partition (or one row with null partition columns when there is none), each carrying
     * the table's facts. A bound is turned into the comparison domain by the key's type within the query,
     * so the type needs no query of its own first. A DEFAULT partition that is a plain table with no
     * block on disk holds no row: a sequential scan of it reads that same block count and would return
     * nothing. Any other DEFAULT (with blocks, maybe only of deleted rows; itself partitioned; foreign)
     * may hold rows, and the planner asks it for their months. PostgreSQL 14+ (inhdetachpending).
     */
    private static final String READ = """
            WITH t AS (
                SELECT c.oid, c.relkind, pt.partstrat, pt.partnatts, pt.partattrs[0] AS keyatt
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p'))
            SELECT t.relkind, t.partstrat, t.partnatts, t.keyatt, k.attname, format_type(k.atttypid, k.atttypmod),
                   current_setting('server_version_num')::int,
                   ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0
                         AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum),
                   p.nspname, p.relname, p.is_default,
                   CASE WHEN p.r[1] LIKE '''%%' THEN %s END,
                   CASE WHEN p.r[2] LIKE '''%%' THEN %s END,
                   p.inhdetachpending,
                   p.is_default AND NOT (p.relkind = 'r' AND pg_relation_size(p.oid) = 0)
            FROM t
            LEFT JOIN pg_attribute k ON k.attrelid = t.oid AND k.attnum = t.keyatt AND t.keyatt > 0
            LEFT JOIN LATERAL (
                SELECT n.nspname, c.relname, c.oid, c.relkind, i.inhdetachpending, e.expr = 'DEFAULT' AS is_default,
                       regexp_match(e.expr, '^FOR VALUES FROM \\((.*)\\) TO \\((.*)\\)$') AS r
                FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS expr) e
                WHERE i.inhparent = t.oid) p ON true
            ORDER BY p.relname""".formatted(boundToMicros("btrim(p.r[1], '''')"), boundToMicros("btrim(p.r[2], '''')"));

    /** A bound's text in the comparison domain of whichever key type the table has. */
    private static String boundToMicros(String text) {
        StringBuilder sql = new StringBuilder("CASE format_type(k.atttypid, k.atttypmod)");
        for (PartitionColumnType type : PartitionColumnType.values()) {
            sql.append(" WHEN ").append(Identifiers.literal(type.postgresName())).append(" THEN ").append(type.boundToMicrosSql(text));
        }
        return sql.append(" END").toString();
    }

    /** An ordinary table, not partitioned: what {@code PartitionConverter} turns into a partitioned one. */
    public boolean isPlainTable(String schema, String name) throws SQLException {
        return exists(schema, name, " AND c.relkind = 'r'");
    }

    /** Whether a relation of that name exists in the schema. */
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
    public Set<String> existingRelations(String schema, Collection<String> names) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ANY (?)")) {
            ps.setString(1, schema);
            ps.setArray(2, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
        }
        return taken;
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
