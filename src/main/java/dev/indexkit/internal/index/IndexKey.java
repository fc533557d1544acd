package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.SqlFragments;

/**
 * One key of an index: a column or an expression, with its sort order and operator class.
 *
 * @param column     column name (quoted when rendered), or null for an expression key
 * @param expression SQL expression such as {@code lower(email)}, or null for a column key
 * @param descending {@code DESC} instead of the default ascending order
 * @param opclass    operator class such as {@code jsonb_path_ops}, or null for the default
 */
public record IndexKey(String column, String expression, boolean descending, String opclass) {

    public IndexKey {
        if ((column == null) == (expression == null)) {
            throw new IllegalArgumentException("an index column needs exactly one of 'name' or 'expression'"
                    + " (got name=" + column + ", expression=" + expression + ")");
        }
        if (column != null) {
            Identifiers.requireValid(column, "column name");
        } else {
            expression = SqlFragments.requireSingleExpression(expression, "index expression");
        }
        if (opclass != null && opclass.isBlank()) {
            opclass = null;
        }
        if (opclass != null) {
            Identifiers.requireValid(opclass, "operator class");
        }
    }

    public static IndexKey column(String name) {
        return new IndexKey(name, null, false, null);
    }

    /** How the key is written inside {@code CREATE INDEX ... (...)}. */
    public String render(boolean withOpclass) {
        StringBuilder sql = new StringBuilder(column != null ? Identifiers.quote(column) : "(" + expression + ")");
        if (withOpclass && opclass != null) {
            sql.append(' ').append(Identifiers.quote(opclass));
        }
        if (descending) {
            sql.append(" DESC");
        }
        return sql.toString();
    }

    /** A short human description: {@code created_at DESC}, {@code (lower(email))}. */
    public String describe() {
        return render(true).replace("\"", "");
    }
}
