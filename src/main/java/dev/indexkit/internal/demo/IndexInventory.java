package dev.indexkit.internal.demo;

import dev.indexkit.internal.text.TextTable;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The indexes a pack built: name, table, method, size, valid. Constraint-backing indexes (primary
 * keys, unique constraints) and partition children (shown through their parent) are left out.
 */
public final class IndexInventory {

    private static final String SQL = """
            SELECT n.nspname, t.relname, c.relname, am.amname,
                   pg_size_pretty(pg_relation_size(c.oid)), i.indisvalid,
                   (SELECT count(*) FROM pg_inherits h WHERE h.inhparent = c.oid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = c.relam
            WHERE n.nspname = ANY (?)
              AND NOT c.relispartition
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
              AND t.relname NOT LIKE 'databasechangelog%'
            ORDER BY n.nspname, t.relname, c.relname""";

    private IndexInventory() {
    }

    public static TextTable of(Connection connection, List<String> schemas) throws SQLException {
        TextTable table = new TextTable("schema", "table", "index", "method", "size", "valid", "partitions");
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            Array array = connection.createArrayOf("text", schemas.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long children = rs.getLong(7);
                    table.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6) ? "yes" : "NO", children == 0 ? "" : children);
                }
            }
        }
        return table;
    }
}
