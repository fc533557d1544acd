package dev.indexkit.health;

import dev.indexkit.internal.health.HealthQueries;
import dev.indexkit.internal.health.IndexShape;
import dev.indexkit.internal.sql.Identifiers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index checks seeds 003 and 004 ask a DBA to do by hand: invalid, duplicate and prefix-redundant
 * indexes, foreign keys without a supporting index, unused indexes, sizes and the cache hit ratio.
 * Read-only: findings carry the SQL to fix them, and nothing is ever run.
 */
public final class IndexHealth {

    /** Below this share of blocks found in shared buffers, reads hit the disk too often (seed 000: 95%). */
    public static final double CACHE_HIT_THRESHOLD = 0.95;

    private final Connection connection;

    /**
     * A checker on one database.
     *
     * @param connection where the catalog and statistics are read; only read, never closed
     */
    public IndexHealth(Connection connection) {
        this.connection = connection;
    }

    /**
     * Runs every check on the schemas' tables and indexes; the cache hit ratio is database-wide.
     *
     * @param schemas the schemas to inspect, at least one
     * @return the findings, sizes and cache hit ratio
     * @throws SQLException when a catalog or statistics query fails
     * @throws IllegalArgumentException when no schema is given
     */
    public HealthReport inspect(List<String> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("no schema to inspect: give at least one, e.g. public");
        }
        List<IndexShape> indexes = indexes(schemas);
        List<Finding> findings = new ArrayList<>();
        invalid(indexes, findings);
        duplicates(indexes, findings);
        prefixes(indexes, findings);
        foreignKeys(schemas, findings);
        unused(schemas, indexes, findings);
        runway(schemas, findings);
        CacheHit cache = cacheHit();
        if (cache.ratio() < CACHE_HIT_THRESHOLD && cache.reads() > 1000) {
            findings.add(new Finding(Finding.Kind.LOW_CACHE_HIT_RATIO, Finding.Severity.WARNING, null, null, null,
                    String.format(java.util.Locale.ROOT, "%.1f%% of blocks come from shared buffers (below %.0f%%): raise "
                            + "shared_buffers or look for sequential scans of large tables", 100 * cache.ratio(), 100 * CACHE_HIT_THRESHOLD), ""));
        }
        return new HealthReport(findings, sizes(schemas), cache);
    }

    private void invalid(List<IndexShape> indexes, List<Finding> out) {
        for (IndexShape ix : indexes) {
            if (!ix.valid()) {
                out.add(new Finding(Finding.Kind.INVALID_INDEX, Finding.Severity.ERROR, ix.schema(), ix.table(), ix.name(),
                        "INVALID (a failed or interrupted concurrent build): it costs every write and serves no query",
                        drop(ix) + "  -- then rebuild it (ensureIndex does both on the next update)"));
            }
        }
    }

    private void duplicates(List<IndexShape> indexes, List<Finding> out) {
        Map<String, List<IndexShape>> bySignature = new LinkedHashMap<>();
        indexes.stream().filter(IndexShape::valid).forEach(ix -> bySignature.computeIfAbsent(ix.schema() + "|" + ix.signature(),
                k -> new ArrayList<>()).add(ix));
        for (List<IndexShape> group : bySignature.values()) {
            if (group.size() < 2) {
                continue;
            }
            // Keep the one a constraint needs (or the first); every other one is pure cost.
            IndexShape keep = group.stream().filter(IndexShape::protectedFromDrop).findFirst().orElse(group.get(0));
            for (IndexShape ix : group) {
                if (ix != keep && !ix.backsConstraint() && !ix.primary()) {
                    out.add(new Finding(Finding.Kind.DUPLICATE_INDEX, Finding.Severity.WARNING, ix.schema(), ix.table(), ix.name(),
                            "same definition as " + keep.name(), drop(ix)));
                }
            }
        }
    }

    private void prefixes(List<IndexShape> indexes, List<Finding> out) {
        for (IndexShape shorter : indexes) {
            if (!shorter.valid() || !shorter.plainBtree() || shorter.protectedFromDrop()) {
                continue;
            }
            indexes.stream().filter(longer -> longer != shorter && longer.valid() && longer.plainBtree()
                            && longer.schema().equals(shorter.schema()) && longer.table().equals(shorter.table())
                            && shorter.isStrictPrefixOf(longer))
                    .findFirst()
                    .ifPresent(longer -> out.add(new Finding(Finding.Kind.REDUNDANT_PREFIX_INDEX, Finding.Severity.WARNING,
                            shorter.schema(), shorter.table(), shorter.name(),
                            "its columns lead " + longer.name() + ", which serves every query it serves", drop(shorter))));
        }
    }

    private void foreignKeys(List<String> schemas, List<Finding> out) throws SQLException {
        try (PreparedStatement ps = withSchemas(HealthQueries.FOREIGN_KEYS, schemas); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] names = (String[]) rs.getArray(5).getArray();
                Integer[] attnums = (Integer[]) rs.getArray(6).getArray();
                if (!supported(rs.getLong(4), List.of(attnums))) {
                    String schema = rs.getString(1);
                    String table = rs.getString(2);
                    String index = Identifiers.withSuffix("ix_" + table, "_" + String.join("_", names));
                    out.add(new Finding(Finding.Kind.FOREIGN_KEY_WITHOUT_INDEX, Finding.Severity.WARNING, schema, table, null,
                            "foreign key " + rs.getString(3) + " (" + String.join(", ", names) + ") has no index leading with its "
                                    + "columns: deleting or updating a referenced row scans the whole table",
                            "CREATE INDEX CONCURRENTLY " + Identifiers.quote(index) + " ON " + Identifiers.qualified(schema, table)
                                    + " (" + String.join(", ", java.util.Arrays.stream(names).map(Identifiers::quote).toList()) + ")"));
                }
            }
        }
    }

    /** Whether some valid index's first columns are exactly the foreign key's columns, in any order. */
    private boolean supported(long tableOid, List<Integer> fkColumns) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HealthQueries.LEADING_KEYS)) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> key = IndexShape.words(rs.getString(1));
                    if (key.size() >= fkColumns.size() && new java.util.HashSet<>(key.subList(0, fkColumns.size()))
                            .equals(new java.util.HashSet<>(fkColumns.stream().map(String::valueOf).toList()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void unused(List<String> schemas, List<IndexShape> indexes, List<Finding> out) throws SQLException {
        Map<String, Long> scans = new HashMap<>();
        try (PreparedStatement ps = withSchemas(HealthQueries.INDEX_SCANS, schemas, schemas); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                scans.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
            }
        }
        String since;
        try (PreparedStatement ps = connection.prepareStatement(HealthQueries.STATS_RESET); ResultSet rs = ps.executeQuery()) {
            since = rs.next() ? rs.getString(1) : "the server started";
        }
        for (IndexShape ix : indexes) {
            if (ix.valid() && !ix.protectedFromDrop() && scans.getOrDefault(ix.schema() + "." + ix.name(), 0L) == 0) {
                out.add(new Finding(Finding.Kind.UNUSED_INDEX, Finding.Severity.INFO, ix.schema(), ix.table(), ix.name(),
                        "no scan since " + since + " (" + pretty(ix.bytes()) + "); check replicas and rare jobs before dropping",
                        drop(ix)));
            }
        }
    }

    private List<IndexShape> indexes(List<String> schemas) throws SQLException {
        List<IndexShape> out = new ArrayList<>();
        try (PreparedStatement ps = withSchemas(HealthQueries.INDEXES, schemas); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IndexShape(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getString(8), rs.getInt(9),
                        IndexShape.words(rs.getString(10)).stream().map(Integer::valueOf).toList(), IndexShape.words(rs.getString(11)),
                        IndexShape.words(rs.getString(12)), IndexShape.words(rs.getString(13)), rs.getString(14), rs.getString(15),
                        rs.getLong(16), rs.getBoolean(17)));
            }
        }
        return out;
    }

    /**
     * Partition runway: an error when the newest partition of a RANGE-partitioned table has already
     * ended (new rows go to DEFAULT or fail), a warning when it ends within a month, and a warning when
     * DEFAULT holds rows (they belong in partitions: {@code partitions apply} moves them).
     */
    private void runway(List<String> schemas, List<Finding> out) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement ps = withSchemas(HealthQueries.RUNWAY, schemas); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                java.sql.Timestamp end = rs.getTimestamp(3);
                tables.add(new String[]{rs.getString(1), rs.getString(2), end == null ? null : end.toInstant().toString(), rs.getString(4)});
            }
        }
        java.time.Instant now = java.time.Instant.now();
        for (String[] t : tables) {
            String schema = t[0];
            String table = t[1];
            String apply = "indexkit partitions apply --table " + schema + "." + table + " --column <key>";
            if (t[2] != null) {
                java.time.Instant end = java.time.Instant.parse(t[2]);
                if (!end.isAfter(now)) {
                    out.add(new Finding(Finding.Kind.PARTITION_RUNWAY, Finding.Severity.ERROR, schema, table, null,
                            "the newest partition ended at " + end + ": new rows go to DEFAULT, or fail without one", apply));
                } else if (end.isBefore(now.plus(java.time.Duration.ofDays(31)))) {
                    out.add(new Finding(Finding.Kind.PARTITION_RUNWAY, Finding.Severity.WARNING, schema, table, null,
                            "the newest partition ends at " + end + ", within a month", apply + " --months-ahead 3"));
                }
            }
            if (t[3] != null && hasRows(schema, t[3])) {
                out.add(new Finding(Finding.Kind.PARTITION_RUNWAY, Finding.Severity.WARNING, schema, table, null,
                        "the DEFAULT partition " + t[3] + " holds rows that belong in monthly partitions", apply));
            }
        }
    }

    private boolean hasRows(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM "
                + dev.indexkit.internal.sql.Identifiers.qualified(schema, table) + ")"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private List<HealthReport.TableSize> sizes(List<String> schemas) throws SQLException {
        List<HealthReport.TableSize> out = new ArrayList<>();
        try (PreparedStatement ps = withSchemas(HealthQueries.SIZES, schemas); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new HealthReport.TableSize(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getInt(6), rs.getString(7)));
            }
        }
        return out;
    }

    private CacheHit cacheHit() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HealthQueries.CACHE_HIT); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long hit = rs.getLong(1);
            long read = rs.getLong(2);
            return new CacheHit(hit, read, hit + read == 0 ? 1.0 : (double) hit / (hit + read));
        }
    }

    /**
     * Blocks found in shared buffers vs read from the operating system, database-wide.
     *
     * @param hits  blocks found in shared buffers
     * @param reads blocks read from the operating system
     * @param ratio {@code hits / (hits + reads)}, 1.0 when there was neither
     */
    public record CacheHit(long hits, long reads, double ratio) {
    }

    private PreparedStatement withSchemas(String sql, List<String>... schemaLists) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < schemaLists.length; i++) {
            Array array = connection.createArrayOf("text", schemaLists[i].toArray());
            ps.setArray(i + 1, array);
        }
        return ps;
    }

    /** A partitioned index cannot be dropped concurrently; dropping it drops its partitions' indexes. */
    private static String drop(IndexShape ix) {
        return "DROP INDEX " + (ix.partitioned() ? "" : "CONCURRENTLY ") + "IF EXISTS " + Identifiers.qualified(ix.schema(), ix.name());
    }

    static String pretty(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
