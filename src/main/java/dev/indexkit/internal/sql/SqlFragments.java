package dev.indexkit.internal.sql;

import dev.indexkit.internal.index.FragmentCheck;

/**
 * The offline check for the raw SQL fragments a changelog author writes (index expressions, WHERE
 * predicates): they are SQL by nature, like core Liquibase's {@code where}, but must stay one
 * expression. Whether a fragment is one expression is decided by PostgreSQL's parser before any DDL
 * runs ({@code FragmentCheck}); this check needs no server and so also guards {@code update-sql}.
 * It does not try to understand quoting (escape strings and dollar quotes fool such scanners):
 * a {@code ;} or a comment marker anywhere, even inside a literal, is refused.
 */
public final class SqlFragments {

    private SqlFragments() {
    }

    /** Rejects an empty fragment, and one with {@code ;}, {@code --} or a block comment anywhere in it. */
    public static String requireSingleExpression(String fragment, String what) {
        if (fragment == null || fragment.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (fragment.indexOf(';') >= 0) {
            throw new IllegalArgumentException(what + " `" + fragment + "` contains ';': give a single SQL "
                    + "expression, not statements (indexkit refuses ';' even inside a literal, so no client or "
                    + "reviewer's tool can split the statement there)");
        }
        if (fragment.contains("--") || fragment.contains("/*")) {
            throw new IllegalArgumentException(what + " `" + fragment + "` contains a SQL comment marker (-- or /*): "
                    + "remove it so reviewers see the whole expression");
        }
        return fragment.trim();
    }
}
