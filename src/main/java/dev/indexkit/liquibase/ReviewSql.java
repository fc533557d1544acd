package dev.indexkit.liquibase;

import dev.indexkit.index.LockClass;
import dev.indexkit.index.Timeouts;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;

/** The statement lists the SQL generators answer with (support checks; update-sql prints {@link PrintedPlan}). */
final class ReviewSql {

    private ReviewSql() {
    }

    static Sql[] of(String ddl) {
        return new Sql[]{new UnparsedSql(ddl)};
    }

    /** Timeout values are validated durations ({@link Timeouts}), so inlining them is safe. */
    static Sql[] withTimeouts(Timeouts timeouts, LockClass lockClass, String ddl) {
        return new Sql[]{
                new UnparsedSql("SET lock_timeout = '" + timeouts.lockTimeoutFor(lockClass) + "'"),
                new UnparsedSql("SET statement_timeout = '" + timeouts.statementTimeout() + "'"),
                new UnparsedSql(ddl),
                new UnparsedSql("RESET lock_timeout"),
                new UnparsedSql("RESET statement_timeout")};
    }
}
