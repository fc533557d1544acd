package dev.indexkit.health;

/**
 * One thing the health check noticed, with the SQL that fixes it. The check never runs that SQL.
 *
 * @param kind     what sort of finding
 * @param severity how much it matters
 * @param schema   schema of the table, or null for a database-wide finding (the cache hit ratio)
 * @param table    the table concerned, or null for a database-wide finding
 * @param index    the index concerned, or null when the finding is about a table or the database
 * @param detail   what was found and why it matters, in a sentence
 * @param fix      the statement a person may run, or empty when there is nothing to run
 */
public record Finding(Kind kind, Severity severity, String schema, String table, String index, String detail, String fix) {

    /** What the health check looks for. */
    public enum Kind {
        /** An INVALID index left by a failed or interrupted concurrent build: costs every write, serves no query. */
        INVALID_INDEX,
        /** An index with the same definition as another one on the table. */
        DUPLICATE_INDEX,
        /** A plain B-tree whose columns lead a longer one, which serves every query it serves. */
        REDUNDANT_PREFIX_INDEX,
        /** A foreign key no index leads with: deleting or updating a referenced row scans the table. */
        FOREIGN_KEY_WITHOUT_INDEX,
        /** An index with no scan since the statistics were reset (replicas and rare jobs are not seen). */
        UNUSED_INDEX,
        /** Below {@link IndexHealth#CACHE_HIT_THRESHOLD} of blocks come from shared buffers. */
        LOW_CACHE_HIT_RATIO,
        /** A partitioned table whose newest partition ends soon, or whose DEFAULT partition holds rows. */
        PARTITION_RUNWAY
    }

    /** How much a finding matters, in increasing order. */
    public enum Severity {
        /** Worth a look before acting, such as an unused index. */
        INFO,
        /**
         * Costs something now or soon: a duplicate or redundant index, an unindexed foreign key, a low
         * cache hit ratio, less than a month of partitions ahead, rows in DEFAULT.
         */
        WARNING,
        /** Broken: an INVALID index, or a partitioned table whose newest partition has ended. */
        ERROR;

        /**
         * Reads a severity as the CLI's options write it.
         *
         * @param text {@code info}, {@code warning} or {@code error}, any case, surrounding blanks ignored
         * @return the severity
         * @throws IllegalArgumentException when the text is none of them
         */
        public static Severity parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("severity '" + text + "' is not info, warning or error");
            }
        }
    }
}
