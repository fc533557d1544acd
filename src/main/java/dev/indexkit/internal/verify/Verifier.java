package dev.indexkit.internal.verify;

import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.TargetQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Explains queries on one connection, PostgreSQL or SQLite, and checks a verification is sound. */
public final class Verifier {

    private final Connection connection;
    private final boolean sqlite;

    public Verifier(Connection connection) {
        this.connection = connection;
        this.sqlite = isSqlite(connection);
    }

    /** Whether {@code connection} is SQLite (else PostgreSQL), from the driver's product name. */
    public static boolean isSqlite(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product: " + e.getMessage(), e);
        }
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** What {@code query} expects on this database: its per-major expectation on PostgreSQL. */
    public TargetQuery expectationHere(TargetQuery query) {
        return sqlite ? query : query.onPostgres(postgresMajor());
    }

    /** The server's PostgreSQL major version (0 on SQLite): catalog expectations may differ by major. */
    public int postgresMajor() {
        if (sqlite) {
            return 0;
        }
        try {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version: " + e.getMessage(), e);
        }
    }

    public ExplainedPlan explain(String sql) throws SQLException {
        return sqlite ? new SqliteExplainer(connection).explain(sql) : new PostgresExplainer(connection).explain(sql);
    }

    /** The plan of one form of a catalog query; on SQLite with its sample values bound (SQLite has one plan). */
    public ExplainedPlan explain(QueryForm form) throws SQLException {
        if (form.params() == null) {
            return explain(form.sql());
        }
        if (sqlite) {
            return new SqliteExplainer(connection).explain(form.sql(), form.params());
        }
        return new PostgresExplainer(connection).explain(form.sql(), form.params(), form.generic());
    }

    /** The predicate of {@code index} ({@code name} or {@code schema.name}) if it is a partial index (PostgreSQL), as the server prints it. */
    public java.util.Optional<String> partialPredicate(String index) throws SQLException {
        if (sqlite) {
            return java.util.Optional.empty();
        }
        try (java.sql.PreparedStatement ps = connection.prepareStatement("SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i "
                + "WHERE i.indexrelid = " + IndexName.REGCLASS + " AND i.indpred IS NOT NULL")) {
            IndexName.parse(index).bind(ps, 1);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    /**
     * The table {@code index} is on, by name (a partitioned index: its partitioned table); empty if there
     * is none. On PostgreSQL {@code index} may be {@code schema.name} ({@link IndexName}).
     */
    public java.util.Optional<String> tableOf(String index) throws SQLException {
        String sql = sqlite ? "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?"
                : "SELECT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = " + IndexName.REGCLASS;
        try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
            if (sqlite) {
                ps.setString(1, index);
            } else {
                IndexName.parse(index).bind(ps, 1);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    /** Why a verification of {@code plan} against {@code expectedIndex} would prove nothing; empty when sound. */
    public List<String> soundnessProblems(ExplainedPlan plan, String expectedIndex) throws SQLException {
        return Soundness.problems(connection, plan, expectedIndex, sqlite);
    }
}
