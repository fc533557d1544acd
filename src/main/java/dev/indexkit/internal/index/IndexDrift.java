package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.ReadOnly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an existing index is the one a changeset defines, compared the way PostgreSQL sees both:
 * access method, uniqueness, each key (column, or expression as the server prints it back), its order
 * and operator class, the INCLUDE columns, and the predicate (as the server prints it back, so
 * {@code IN ('a','b')} equals {@code = ANY (ARRAY['a','b'])}). Collations and storage parameters are
 * not compared. Reads only, in a read-only transaction.
 */
final class IndexDrift {

    private static final int DESC = 1;
    private static final int NULLS_FIRST = 2;

    private IndexDrift() {
    }

    private record Column(int position, boolean key, String attname, String text, int option, String opclass,
                          boolean defaultOpclass) {
    }

    /** How the existing index differs from {@code wanted}, in words; empty when they are the same index. */
    static Optional<String> difference(Connection connection, IndexDefinition wanted, long indexOid) throws SQLException {
        return ReadOnly.run(connection, () -> Optional.ofNullable(compare(connection, wanted, indexOid)));
    }

    private static String compare(Connection c, IndexDefinition wanted, long oid) throws SQLException {
        String method;
        boolean unique;
        String predicate;
        try (PreparedStatement ps = c.prepareStatement("SELECT am.amname, x.indisunique, pg_get_expr(x.indpred, x.indrelid, true) "
                + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam WHERE x.indexrelid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                method = rs.getString(1);
                unique = rs.getBoolean(2);
                predicate = rs.getString(3);
            }
        }
        if (!method.equals(wanted.method().sqlName())) {
            return "it is a " + method + " index, the changeset wants " + wanted.method().sqlName();
        }
        if (unique != wanted.unique()) {
            return unique ? "it is UNIQUE, the changeset's is not" : "it is not UNIQUE, the changeset's is";
        }
        List<Column> columns = columns(c, oid);
        List<Column> keys = columns.stream().filter(Column::key).toList();
        List<String> include = columns.stream().filter(col -> !col.key()).map(Column::attname).toList();
        String table = wanted.qualifiedTable();
        if (keys.size() != wanted.keys().size()) {
            return "it has " + keys.size() + " key(s) (" + describe(keys) + "), the changeset wants " + wanted.keys().size();
        }
        for (int i = 0; i < keys.size(); i++) {
            Column have = keys.get(i);
            IndexKey want = wanted.keys().get(i);
            // PostgreSQL stores an expression that is just a column, such as (code), as a column key.
            String haveText = have.attname() != null ? Identifiers.quote(have.attname()) : have.text();
            boolean sameKey = want.column() != null
                    ? want.column().equals(have.attname())
                    : Objects.equals(FragmentCheck.normalized(c, table, haveText), FragmentCheck.normalized(c, table, want.expression()));
            if (!sameKey) {
                return "key " + (i + 1) + " is " + have.text() + ", the changeset wants " + want.describe();
            }
            int expected = want.descending() ? DESC | NULLS_FIRST : 0;
            if ((have.option() & (DESC | NULLS_FIRST)) != expected) {
                return "key " + (i + 1) + " (" + have.text() + ") is sorted " + order(have.option())
                        + ", the changeset wants " + order(expected);
            }
            boolean sameOpclass = want.opclass() == null ? have.defaultOpclass()
                    : want.opclass().toLowerCase(Locale.ROOT).equals(have.opclass());
            if (!sameOpclass) {
                return "key " + (i + 1) + " (" + have.text() + ") uses operator class " + have.opclass()
                        + ", the changeset wants " + (want.opclass() == null ? "the default" : want.opclass());
            }
        }
        if (!include.equals(wanted.include())) {
            return "it includes (" + String.join(", ", include) + "), the changeset wants (" + String.join(", ", wanted.include()) + ")";
        }
        String havePredicate = predicate == null ? null : FragmentCheck.normalized(c, table, predicate);
        String wantPredicate = wanted.where() == null ? null : FragmentCheck.normalized(c, table, wanted.where());
        if (!Objects.equals(havePredicate, wantPredicate)) {
            return predicate == null ? "it is not partial, the changeset's has WHERE " + wanted.where()
                    : wanted.where() == null ? "it is partial (WHERE " + predicate + "), the changeset's is not"
                    : "its predicate is " + predicate + ", the changeset wants " + wanted.where();
        }
        return null;
    }

    private static List<Column> columns(Connection c, long oid) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k, k <= x.indnkeyatts, a.attname, pg_get_indexdef(x.indexrelid, k, true),
                       coalesce(x.indoption[k - 1], 0), opc.opcname, coalesce(opc.opcdefault, true)
                FROM pg_index x CROSS JOIN generate_series(1, x.indnatts) k
                LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1] AND x.indkey[k - 1] <> 0
                LEFT JOIN pg_opclass opc ON k <= x.indnkeyatts AND opc.oid = x.indclass[k - 1]
                WHERE x.indexrelid = ? ORDER BY k""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }

    private static String describe(List<Column> keys) {
        return String.join(", ", keys.stream().map(Column::text).toList());
    }

    private static String order(int option) {
        return ((option & DESC) != 0 ? "DESC" : "ASC") + ((option & NULLS_FIRST) != 0 ? " NULLS FIRST" : " NULLS LAST");
    }
}
