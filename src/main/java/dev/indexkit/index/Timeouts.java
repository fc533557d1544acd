package dev.indexkit.index;

import java.util.regex.Pattern;

/**
 * The {@code lock_timeout} and {@code statement_timeout} an index DDL runs under.
 *
 * <p>Values use PostgreSQL's syntax ({@code 10s}, {@code 500ms}, {@code 2h}, {@code 0} for no limit).
 * They are set explicitly because a role-level {@code statement_timeout} (common for application
 * users) would otherwise cancel a long concurrent build and leave an INVALID index behind.
 */
public record Timeouts(String lockTimeout, String statementTimeout) {

    private static final Pattern DURATION = Pattern.compile("\\d+\\s*(us|ms|s|min|h|d)?");
    private static final String DEFAULT_LOCK_TIMEOUT = "10s";
    private static final String DEFAULT_STATEMENT_TIMEOUT = "0";

    /** A build queues for at most 10 s behind a conflicting lock; no statement limit. */
    public static final Timeouts DEFAULTS = new Timeouts(null, null);

    public Timeouts {
        lockTimeout = check(lockTimeout, "lockTimeout", DEFAULT_LOCK_TIMEOUT);
        statementTimeout = check(statementTimeout, "statementTimeout", DEFAULT_STATEMENT_TIMEOUT);
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
