package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.internal.sql.SessionSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets PostgreSQL's own parser decide whether an index's SQL fragments (key expressions, the partial
 * index predicate) are exactly one expression each, before any DDL runs. A hand-written scanner can be
 * fooled ({@code E'\''} escape strings, dollar quotes); the server cannot.
 *
 * <p>How: each fragment is framed as it will sit in the DDL ({@code SELECT (expr) FROM ONLY t} for a
 * key, {@code SELECT 1 FROM ONLY t WHERE (predicate)} for the predicate) and handed to the server as a
 * bind value, never as statement text, so no client splits it at a {@code ;}. A {@code DO} block opens
 * it with {@code FOR ... IN EXECUTE 'EXPLAIN (VERBOSE, FORMAT JSON) ...'}: a cursor, which PostgreSQL
 * refuses for more than one statement, and an EXPLAIN, which plans without running anything and lists
 * the output columns (a key must produce exactly one). All of it runs in a read-only transaction that
 * is rolled back.
 */
public final class FragmentCheck {

    private static final String EXPLAIN_IN_CURSOR = """
            DO $indexkit$
            DECLARE plan json;
            BEGIN
              FOR plan IN EXECUTE current_setting('indexkit.fragment_check') LOOP
                PERFORM set_config('indexkit.fragment_plan', plan::text, true);
              END LOOP;
            END
            $indexkit$""";

    private FragmentCheck() {
    }

    /** A fragment, as the message names it, and the statement that frames it as it sits in the DDL. */
    private record Check(String what, String select) {
    }

    /** Throws {@link IndexBuildException} naming the first fragment the server does not accept as one expression. */
    static void requireSingleExpressions(Connection connection, IndexDefinition index) throws SQLException {
        String table = index.qualifiedTable();
        List<Check> checks = new ArrayList<>();
        for (IndexKey key : index.keys()) {
            if (key.expression() != null) {
                checks.add(new Check("index expression `" + key.expression() + "`",
                        "SELECT (" + key.expression() + ") FROM ONLY " + table + " LIMIT 0"));
            }
        }
        if (index.where() != null) {
            checks.add(new Check("where predicate `" + index.where() + "`",
                    "SELECT 1 FROM ONLY " + table + " WHERE (" + index.where() + ")"));
        }
        if (checks.isEmpty()) {
            return;
        }
        // One read-only transaction for all of them; each check has its own savepoint.
        String refusal = ReadOnly.run(connection, () -> {
            for (Check check : checks) {
                String problem = problemWith(connection, check.select());
                if (problem != null) {
                    return "the " + check.what() + " is not one SQL expression on " + table + " (" + problem + ")";
                }
            }
            return null;
        });
        if (refusal != null) {
            throw new IndexBuildException("Index " + index.qualifiedName() + ": " + refusal
                    + ". Give a single expression, with no ';' or statements; nothing was run.");
        }
    }

    /**
     * An expression as PostgreSQL prints it back after parsing (the output of {@code EXPLAIN VERBOSE
     * SELECT (expr) FROM ONLY table}), so two spellings of one expression compare equal
     * ({@code status IN ('a','b')} and {@code status = ANY (ARRAY['a','b'])}). Runs inside the caller's
     * read-only transaction; null when the server refuses it.
     */
    static String normalized(Connection connection, String qualifiedTable, String expression) throws SQLException {
        String select = "SELECT (" + expression + ") FROM ONLY " + qualifiedTable + " LIMIT 0";
        if (problemWith(connection, select) != null) {
            return null;
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT current_setting('indexkit.fragment_plan')::json -> 0 -> 'Plan' -> 'Output' ->> 0")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What the server objects to in {@code select}, or null when it is one statement with one output column. */
    private static String problemWith(Connection connection, String select) throws SQLException {
        SessionSettings.set(connection, "indexkit.fragment_check", "EXPLAIN (VERBOSE, FORMAT JSON) " + select, true);
        try (Statement st = connection.createStatement()) {
            st.execute("SAVEPOINT indexkit_fragment");
            try {
                st.execute(EXPLAIN_IN_CURSOR);
            } catch (SQLException refused) {
                st.execute("ROLLBACK TO SAVEPOINT indexkit_fragment");
                return refused.getMessage();
            }
            try (ResultSet rs = st.executeQuery("SELECT json_array_length(current_setting('indexkit.fragment_plan')::json "
                    + "-> 0 -> 'Plan' -> 'Output')")) {
                rs.next();
                int outputs = rs.getInt(1);
                return outputs == 1 ? null : "it yields " + outputs + " values";
            }
        }
    }
}
