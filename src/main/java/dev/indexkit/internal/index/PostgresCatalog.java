package dev.indexkit.internal.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Catalog lookups by name, always with bind parameters. A null schema means {@code current_schema()}. */
final class PostgresCatalog {

    /** A table (or partitioned table) found in {@code pg_class}. */
    record Table(long oid, String schema, String name, char kind) {
        boolean partitioned() {
            return kind == 'p';
        }
    }

    /** An index found by name; {@code partitioned} for the index of a partitioned table (relkind 'I'). */
    record ExistingIndex(long oid, String table, boolean valid, String definition, boolean partitioned) {
    }

    private final Connection connection;

    PostgresCatalog(Connection connection) {
        this.connection = connection;
    }

    Optional<Table> table(String schema, String name) throws SQLException {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = coalesce(?, current_schema()) AND c.relname = ? AND c.relkind IN ('r', 'p')";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Table(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0)))
                        : Optional.empty();
            }
        }
    }

    /** Those of {@code columns} that the table does not have. */
    List<String> missingColumns(Table table, List<String> columns) throws SQLException {
        List<String> missing = new ArrayList<>();
        String sql = "SELECT 1 FROM pg_attribute WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (String column : columns) {
                ps.setLong(1, table.oid());
                ps.setString(2, column);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        missing.add(column);
                    }
                }
            }
        }
        return missing;
    }

    Optional<ExistingIndex> index(String schema, String name) throws SQLException {
        String sql = "SELECT i.indexrelid, t.relname, i.indisvalid, pg_get_indexdef(i.indexrelid), ic.relkind = 'I' "
                + "FROM pg_class ic JOIN pg_namespace n ON n.oid = ic.relnamespace "
                + "JOIN pg_index i ON i.indexrelid = ic.oid JOIN pg_class t ON t.oid = i.indrelid "
                + "WHERE n.nspname = coalesce(?, current_schema()) AND ic.relname = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ExistingIndex(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getBoolean(5)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Why a swap of names cannot replace this index, if it cannot: a constraint is built on it (its
     * name would move with the index, and the old index could not be dropped), a foreign key or
     * replica identity relies on it, or it is a partition's index attached to a parent.
     */
    Optional<String> whyNotReplaceable(long indexOid) throws SQLException {
        String sql = """
                SELECT CASE
                  WHEN EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = x.indexrelid AND conrelid = x.indrelid)
                    THEN 'constraint ' || (SELECT quote_ident(conname) FROM pg_constraint
                         WHERE conindid = x.indexrelid AND conrelid = x.indrelid LIMIT 1) || ' is built on it'
                  WHEN EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = x.indexrelid)
                    THEN 'a foreign key relies on it'
                  WHEN x.indisreplident THEN 'it is the replica identity of its table'
                  WHEN EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = x.indexrelid)
                    THEN 'it is attached to a partitioned index'
                END
                FROM pg_index x WHERE x.indexrelid = ?""";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, indexOid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether any relation other than an index already uses this name in the schema. */
    Optional<String> nonIndexRelationKind(String schema, String name) throws SQLException {
        String sql = "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = coalesce(?, current_schema()) AND c.relname = ? AND c.relkind NOT IN ('i', 'I')";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
