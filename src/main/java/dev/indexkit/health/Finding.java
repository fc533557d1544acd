package dev.indexkit.health;

/**
 * One thing the health check noticed, with the SQL that fixes it. The check never runs that SQL.
 *
 * @param kind     what sort of finding
 * @param severity how much it matters
 * @param fix      the statement a person may run, or empty when there is nothing to run
 */
public record Finding(Kind kind, Severity severity, String schema, String table, String index, String detail, String fix) {

    public enum Kind { INVALID_INDEX, DUPLICATE_INDEX, REDUNDANT_PREFIX_INDEX, FOREIGN_KEY_WITHOUT_INDEX, UNUSED_INDEX, LOW_CACHE_HIT_RATIO,
        /** A partitioned table whose newest partition ends soon, or whose DEFAULT partition holds rows. */
        PARTITION_RUNWAY }

    public enum Severity {
        INFO, WARNING, ERROR;

        public static Severity parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("severity '" + text + "' is not info, warning or error");
            }
        }
    }
}
