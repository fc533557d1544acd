package dev.indexkit.internal.demo;

import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.internal.text.TextTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The partitions of a partitioned table: name, bounds (read in UTC), rows. */
public final class PartitionInventory {

    private static final String SQL = """
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid), c.reltuples::bigint
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
            WHERE n.nspname = ? AND p.relname = ?
            ORDER BY c.relname""";

    private PartitionInventory() {
    }

    public static TextTable of(Connection connection, String schema, String table) throws SQLException {
        TextTable out = new TextTable("partition", "bounds", "rows (estimate)");
        SessionSettings.set(connection, "TimeZone", "UTC", false);
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.row(rs.getString(1), rs.getString(2), Math.max(0, rs.getLong(3)));
                }
            }
        }
        return out;
    }
}
