package dev.indexkit.verify;

import java.sql.SQLException;

/**
 * A query verification will not run: not exactly one statement, or one that modifies data or locks
 * rows. Thrown before anything of the query reaches the server (or, for a data-modifying plan, after
 * a plain {@code EXPLAIN} in a read-only transaction and before any {@code EXPLAIN ANALYZE}).
 */
public final class RefusedQueryException extends SQLException {

    /** @param message why the query is refused, naming the reason */
    public RefusedQueryException(String message) {
        super(message);
    }
}
