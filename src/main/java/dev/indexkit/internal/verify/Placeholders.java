package dev.indexkit.internal.verify;

import dev.indexkit.verify.RefusedQueryException;

/**
 * JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, ...}, numbered in order, outside
 * string literals, quoted identifiers, comments and dollar quotes. {@code ??} is pgjdbc's escape for
 * the {@code ?} operator (jsonb key existence) and stays one {@code ?}. Only for a catalog entry that
 * gives {@code params}: elsewhere a {@code ?} is PostgreSQL's operator.
 */
final class Placeholders {

    private Placeholders() {
    }

    static String numbered(String sql) throws RefusedQueryException {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int n = 0;
        boolean question = false;
        for (int i = 0; i < sql.length(); ) {
            char c = sql.charAt(i);
            int end = skipQuoted(sql, i);
            if (end > i) {
                out.append(sql, i, end);
                i = end;
            } else if (c == '?' && i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
                out.append('?');
                i += 2;
            } else if (c == '?') {
                question = true;
                out.append('$').append(++n);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        if (question && PostgresExplainer.maxParameter(sql) > 0) {
            throw new RefusedQueryException("refused: the query mixes ? and $n placeholders; write all of them one way");
        }
        return out.toString();
    }

    /**
     * {@code $n} replaced by the n-th value as a string literal (the server casts it), highest numbers
     * first so {@code $10} is not read as {@code $1}: the text a driver that inlines values sends, for
     * the timing runs.
     */
    static String inlined(String numberedSql, java.util.List<String> params) {
        String out = numberedSql;
        for (int i = params.size(); i >= 1; i--) {
            String value = params.get(i - 1);
            out = out.replace("$" + i, value == null ? "NULL" : dev.indexkit.internal.sql.Identifiers.literal(value));
        }
        return out;
    }

    /** The end of the quoted text or comment starting at {@code i}, or {@code i} if none starts there. */
    private static int skipQuoted(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return sql.length();
        }
        if (sql.startsWith("--", i)) {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? sql.length() : nl;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        if (c == '$') {
            int j = i + 1;
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
            if (j < sql.length() && sql.charAt(j) == '$' && !Character.isDigit(sql.charAt(i + 1 < j ? i + 1 : i))) {
                String tag = sql.substring(i, j + 1);
                int close = sql.indexOf(tag, j + 1);
                return close < 0 ? sql.length() : close + tag.length();
            }
        }
        return i;
    }
}
