package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.SessionSettings;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The timeout policy an index DDL runs under, per {@link LockClass}:
 * <ul>
 *   <li>{@code lockTimeout} (default 2 s) for steps that block writers while they wait. They give up
 *       quickly and are tried again {@code lockRetries} times (default 5) after 1 s, 2 s, 4 s ...
 *       (at most 30 s, each with random jitter so replicas deploying at once do not retry in step):
 *       writers wait at most {@code lockTimeout} at a time, and a deploy rides out a passing blocker.</li>
 *   <li>{@code concurrentLockTimeout} (default 30 min) for concurrent builds and drops. They wait for
 *       every transaction older than themselves anywhere in the database (a report, a batch job,
 *       {@code pg_dump}), and that wait counts against {@code lock_timeout}; writers are not blocked
 *       meanwhile, so a generous budget costs nothing and a short one would fail the deploy.</li>
 *   <li>{@code statementTimeout} (default 0, no limit) for every step, set explicitly because a
 *       role-level {@code statement_timeout} (common for application users) would otherwise cancel
 *       a long concurrent build and leave an INVALID index behind.</li>
 * </ul>
 * Cleanup after a failure (dropping an INVALID leftover) runs under {@code lockTimeout} without retries:
 * if it cannot get its lock either, the next run repairs the leftover.
 *
 * <p>Values use PostgreSQL's syntax ({@code 10s}, {@code 500ms}, {@code 2h}, {@code 0} for no limit).
 */
public record Timeouts(String lockTimeout, String statementTimeout, int lockRetries, String concurrentLockTimeout) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(us|ms|s|min|h|d)?");
    public static final String DEFAULT_LOCK_TIMEOUT = "2s";
    public static final String DEFAULT_CONCURRENT_LOCK_TIMEOUT = "30min";
    public static final int DEFAULT_LOCK_RETRIES = 5;
    private static final String DEFAULT_STATEMENT_TIMEOUT = "0";

    /** The defaults: 2 s and 5 retries for writer-blocking steps, 30 min for concurrent ones, no statement limit. */
    public static final Timeouts DEFAULTS = new Timeouts(null, null, DEFAULT_LOCK_RETRIES, null);

    static final int MAX_LOCK_RETRIES = 20;
    private static final long FIRST_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;

    public Timeouts {
        lockTimeout = check(lockTimeout, "lockTimeout", DEFAULT_LOCK_TIMEOUT);
        statementTimeout = check(statementTimeout, "statementTimeout", DEFAULT_STATEMENT_TIMEOUT);
        concurrentLockTimeout = check(concurrentLockTimeout, "concurrentLockTimeout", DEFAULT_CONCURRENT_LOCK_TIMEOUT);
        if (lockRetries < 0 || lockRetries > MAX_LOCK_RETRIES) {
            throw new IllegalArgumentException("lockRetries " + lockRetries + " is out of range: use 0 (give up at the "
                    + "first lock timeout) to " + MAX_LOCK_RETRIES);
        }
    }

    public Timeouts(String lockTimeout, String statementTimeout, int lockRetries) {
        this(lockTimeout, statementTimeout, lockRetries, null);
    }

    /** The {@code lock_timeout} a step of this class runs under. */
    public String lockTimeoutFor(LockClass lockClass) {
        return lockClass == LockClass.CONCURRENT ? concurrentLockTimeout : lockTimeout;
    }

    /** The session settings a step of this class runs under, and is printed with. */
    public Map<String, String> settingsFor(LockClass lockClass, int serverMajor) {
        return SessionSettings.forDdl(lockTimeoutFor(lockClass), statementTimeout, serverMajor);
    }

    /** How many times a step of this class is tried again after its lock timeout expired. */
    public int retriesFor(LockClass lockClass) {
        return lockClass == LockClass.BLOCKS_WRITERS ? lockRetries : 0;
    }

    /**
     * How long to wait before retry number {@code retry} (1-based): 1 s, 2 s, 4 s ... capped at 30 s,
     * then a random point between half of that and all of it.
     */
    public long backoffMillis(int retry) {
        long ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(retry - 1, 10));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static String check(String value, String what, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        if (!DURATION.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' is not a PostgreSQL duration: use e.g. 2s, 500ms, 5min, 2h or 0 for no limit");
        }
        if (millis(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " '" + value + "' is out of range: PostgreSQL takes at most "
                    + Integer.MAX_VALUE + "ms (about 24 days); use a shorter duration, or 0 for no limit");
        }
        return v;
    }

    /** The duration in milliseconds, as PostgreSQL reads it (no unit: milliseconds). */
    private static double millis(String duration) {
        var m = DURATION.matcher(duration);
        m.matches();
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "us" -> n / 1000;
            case "s" -> n * 1000;
            case "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n;
        };
    }
}
