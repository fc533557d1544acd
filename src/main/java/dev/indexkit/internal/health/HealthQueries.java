package dev.indexkit.internal.health;

/** The catalog queries of the health check; {@code ?} is the array of schemas to inspect. */
public final class HealthQueries {

    private HealthQueries() {
    }

    /** Indexes with their shape, excluding partition children (judged through their parent). */
    public static final String INDEXES = """
            SELECT n.nspname, t.relname, c.relname, i.indisvalid, i.indisunique, i.indisprimary,
                   EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid) AS backs_constraint,
                   am.amname, i.indnkeyatts, i.indkey::text, i.indclass::text, i.indcollation::text, i.indoption::text,
                   coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), ''),
                   pg_relation_size(c.oid), c.relkind = 'I' AS partitioned
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = c.relam
            WHERE n.nspname = ANY (?) AND NOT c.relispartition
            ORDER BY n.nspname, t.relname, c.relname""";

    /** Scans per index since the statistics were reset; partitioned indexes sum their partitions. */
    public static final String INDEX_SCANS = """
            SELECT s.schemaname, s.indexrelname, s.idx_scan FROM pg_stat_user_indexes s WHERE s.schemaname = ANY (?)
            UNION ALL
            SELECT n.nspname, c.relname, sum(coalesce(s.idx_scan, 0))::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL pg_partition_tree(c.oid) tree
            LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = tree.relid
            WHERE c.relkind = 'I' AND n.nspname = ANY (?)
            GROUP BY n.nspname, c.relname""";

    public static final String STATS_RESET = "SELECT coalesce(stats_reset::text, 'the server started') FROM pg_stat_database WHERE datname = current_database()";

    /** Foreign keys (not the copies PostgreSQL makes on partitions) with their column names in order. */
    public static final String FOREIGN_KEYS = """
            SELECT n.nspname, t.relname, k.conname, t.oid,
                   array_agg(a.attname ORDER BY u.ord)::text[], array_agg(a.attnum ORDER BY u.ord)::int[]
            FROM pg_constraint k
            JOIN pg_class t ON t.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
            WHERE k.contype = 'f' AND k.conparentid = 0 AND n.nspname = ANY (?)
            GROUP BY n.nspname, t.relname, k.conname, t.oid
            ORDER BY 1, 2, 3""";

    /** Leading key columns of every valid index on a table. */
    public static final String LEADING_KEYS = "SELECT i.indkey::text FROM pg_index i WHERE i.indrelid = ? AND i.indisvalid";

    /**
     * Every table and partition: a partitioned table's sizes are the sums over its leaf partitions
     * (its own relation is empty), and each partition names its parent.
     */
    public static final String SIZES = """
            SELECT n.nspname, c.relname,
                   CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)
                        FROM pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_total_relation_size(c.oid) END,
                   CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0)
                        FROM pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_relation_size(c.oid) END,
                   CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_indexes_size(t.relid)), 0)
                        FROM pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_indexes_size(c.oid) END,
                   (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid),
                   (SELECT p.relname FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?)
            ORDER BY 3 DESC, 2""";

    /**
     * Each RANGE-partitioned table on one column: where its newest bounded partition ends, and its
     * DEFAULT partition if it has one (the runway check).
     */
    public static final String RUNWAY = """
            SELECT n.nspname, c.relname,
                   (SELECT max(substring(pg_get_expr(p.relpartbound, p.oid) FROM 'TO \\(''([^'']+)''\\)')::timestamptz)
                    FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhrelid WHERE h.inhparent = c.oid),
                   (SELECT p.relname FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhrelid
                    WHERE h.inhparent = c.oid AND pg_get_expr(p.relpartbound, p.oid) = 'DEFAULT')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
            WHERE pt.partstrat = 'r' AND pt.partnatts = 1 AND NOT c.relispartition AND n.nspname = ANY (?)
            ORDER BY 1, 2""";

    public static final String CACHE_HIT = """
            SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()""";
}
