package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Builds and drops indexes on SQLite: plain {@code CREATE INDEX IF NOT EXISTS}, partial indexes included. */
public final class SqliteIndexBuilder {

    private final Connection connection;

    public SqliteIndexBuilder(Connection connection) {
        this.connection = connection;
    }

    public BuildOutcome ensure(IndexDefinition index) throws SQLException {
        List<String> pgOnly = index.postgresOnlyFeatures();
        if (!pgOnly.isEmpty()) {
            throw new IndexBuildException("Index " + Identifiers.quote(index.name()) + " uses " + String.join(", ", pgOnly)
                    + ", which SQLite does not have: limit its changeset with dbms: postgresql");
        }
        requireTable(index);
        boolean existed = exists(index.name());
        try (Statement st = connection.createStatement()) {
            st.execute(IndexSql.createSqlite(index));
        }
        return existed ? BuildOutcome.ALREADY_PRESENT : BuildOutcome.BUILT;
    }

    public BuildOutcome drop(String name) throws SQLException {
        boolean existed = exists(name);
        try (Statement st = connection.createStatement()) {
            st.execute(IndexSql.dropSqlite(name));
        }
        return existed ? BuildOutcome.DROPPED : BuildOutcome.ABSENT;
    }

    private void requireTable(IndexDefinition index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            ps.setString(1, index.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                    + Identifiers.quote(index.table()) + " does not exist. Check tableName, or apply the changeset "
                    + "that creates the table first.");
        }
        List<String> missing = index.keys().stream().filter(k -> k.column() != null).map(IndexKey::column)
                .filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                    + Identifiers.quote(index.table()) + " has no column " + String.join(", ", missing)
                    + ". Check the column names.");
        }
    }

    private boolean exists(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
