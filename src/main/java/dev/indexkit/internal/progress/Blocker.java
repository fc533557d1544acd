package dev.indexkit.internal.progress;

/**
 * A session a DDL step waits for: the holder of the lock it queues for, or a transaction older than a
 * concurrent build (which waits for every one of them to end).
 */
public record Blocker(int pid, String application, long ageSeconds, String state, String query, boolean autovacuum) {

    private static final int QUERY_PREFIX = 60;

    /** {@code pid 4711 (application "reports") idle in transaction for 42 s: SELECT sum(total) FROM orders...}. */
    public String describe() {
        String text = query == null ? "" : query.replaceAll("\\s+", " ").strip();
        return "pid " + pid + (autovacuum ? " (autovacuum)" : application == null || application.isEmpty() ? ""
                : " (application \"" + application + "\")") + " " + (state == null ? "running" : state)
                + " for " + ageSeconds + " s" + (text.isEmpty() ? "" : ": "
                + (text.length() > QUERY_PREFIX ? text.substring(0, QUERY_PREFIX) + "..." : text));
    }
}
