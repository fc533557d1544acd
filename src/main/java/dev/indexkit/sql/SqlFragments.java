package dev.indexkit.sql;

/**
 * Checks for the raw SQL fragments a changelog author writes (index expressions, WHERE predicates):
 * they are SQL by nature, like core Liquibase's {@code where}, but must stay one expression.
 */
public final class SqlFragments {

    private SqlFragments() {
    }

    /**
     * Rejects a fragment that could end the statement or hide text from review: a semicolon or a
     * comment outside a quoted literal or identifier.
     */
    public static String requireSingleExpression(String fragment, String what) {
        if (fragment == null || fragment.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        char quote = 0;
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';') {
                throw new IllegalArgumentException(what + " `" + fragment
                        + "` contains ';': give a single SQL expression, not statements");
            } else if ((c == '-' || c == '/') && i + 1 < fragment.length()
                    && fragment.charAt(i + 1) == (c == '-' ? '-' : '*')) {
                throw new IllegalArgumentException(what + " `" + fragment
                        + "` contains a SQL comment: remove it so reviewers see the whole expression");
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(what + " `" + fragment + "` has an unterminated " + quote + " quote");
        }
        return fragment.trim();
    }
}
