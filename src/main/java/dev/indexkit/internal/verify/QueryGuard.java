package dev.indexkit.internal.verify;

import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.RefusedQueryException;

import java.util.List;

/**
 * What a verification accepts as a target query: exactly one statement that reads. A query reaches
 * the server appended to {@code EXPLAIN} or {@code PREPARE}, and pgjdbc sends every ';'-separated
 * part of a text as a statement of its own, so a query holding a ';' anywhere but at its end is
 * refused before it is sent (statements are separated by ';' in SQL, so without one the server sees
 * exactly one). Whether that statement reads or writes is the server's call: its plan, read in a
 * read-only transaction.
 */
final class QueryGuard {

    private QueryGuard() {
    }

    /** The query without a trailing ';'; throws when it is empty or holds more than one statement. */
    static String singleStatement(String sql) throws RefusedQueryException {
        String text = sql == null ? "" : sql.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw new RefusedQueryException("refused: the query is empty; give one SELECT statement");
        }
        int semicolon = text.indexOf(';');
        if (semicolon >= 0) {
            throw new RefusedQueryException("refused: the query holds a ';' at character " + (semicolon + 1)
                    + " (\"" + excerpt(text, semicolon) + "\"): a target query is exactly one statement, and the JDBC "
                    + "driver would send each ';'-separated part as a statement of its own. Remove it (inside a string "
                    + "literal, write chr(59) instead).");
        }
        return text;
    }

    /** Refuses a plan that writes (INSERT/UPDATE/DELETE/MERGE, also in a CTE) or locks rows (FOR UPDATE/SHARE). */
    static void readsOnly(ExplainedPlan plan) throws RefusedQueryException {
        List<String> writes = plan.root().all().stream()
                .filter(n -> "ModifyTable".equals(n.type()) || "LockRows".equals(n.type()))
                .map(n -> n.type() + (n.relation() == null ? "" : " on " + n.relation())).distinct().toList();
        if (!writes.isEmpty()) {
            throw new RefusedQueryException("refused: the query modifies data or locks rows (" + String.join(", ", writes)
                    + "): a target query must only read; verification never executes a write, even in a rolled-back transaction");
        }
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(text.length(), at + 20);
        return (from > 0 ? "..." : "") + text.substring(from, to).replace('\n', ' ') + (to < text.length() ? "..." : "");
    }
}
