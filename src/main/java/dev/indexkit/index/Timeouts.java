package dev.indexkit.index;

import java.util.regex.Pattern;

/**
 * The {@code lock_timeout} and {@code statement_timeout} an index DDL runs under, and how many times a
 * DDL that gave up on a lock is tried again.
 *
 * <p>Values use PostgreSQL's syntax ({@code 10s}, {@code 500ms}, {@code 2h}, {@code 0} for no limit).
 * They are set explicitly because a role-level {@code statement_timeout} (common for application
 * users) would otherwise cancel a long concurrent build and leave an INVALID index behind.
 *
 * <p>A short {@code lock_timeout} means a migration gives up instead of queueing behind a long
 * transaction (and stalling every query that queues behind the migration). {@code lockRetries} then
 * tries again after 1 s, 2 s, 4 s ... (at most 30 s apart), so a deploy rides out a passing blocker.
 */
public record Timeouts(String lockTimeout, String statementTimeout, int lockRetries) {

    private static final Pattern DURATION = Pattern.compile("\\d+\\s*(us|ms|s|min|h|d)?");
    private static final String DEFAULT_LOCK_TIMEOUT = "10s";
    private static final String DEFAULT_STATEMENT_TIMEOUT = "0";

    /** A build queues for at most 10 s behind a conflicting lock; no statement limit. */
    public static final Timeouts DEFAULTS = new Timeouts(null, null, 0);

    static final int MAX_LOCK_RETRIES = 20;
    private static final long FIRST_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;

    public Timeouts {
        lockTimeout = check(lockTimeout, "lockTimeout", DEFAULT_LOCK_TIMEOUT);
        statementTimeout = check(statementTimeout, "statementTimeout", DEFAULT_STATEMENT_TIMEOUT);
        if (lockRetries < 0 || lockRetries > MAX_LOCK_RETRIES) {
            throw new IllegalArgumentException("lockRetries " + lockRetries + " is out of range: use 0 (give up at the "
                    + "first lock timeout) to " + MAX_LOCK_RETRIES);
        }
    }

    public Timeouts(String lockTimeout, String statementTimeout) {
        this(lockTimeout, statementTimeout, 0);
    }

    /** How long to wait before retry number {@code retry} (1-based): 1 s, 2 s, 4 s ... capped at 30 s. */
    public long backoffMillis(int retry) {
        return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(retry - 1, 10));
    }

    private static String check(String value, String what, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        if (!DURATION.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' is not a PostgreSQL duration: use e.g. 10s, 500ms, 5min, 2h or 0 for no limit");
        }
        return v;
    }
}
