package dev.indexkit.health;

import dev.indexkit.internal.text.TextTable;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Findings, table and index sizes, and the cache hit ratio; as a text table or JSON.
 *
 * @param findings what the checks noticed, in the order they ran
 * @param sizes    every table of the inspected schemas, largest first
 * @param cache    the database-wide cache hit ratio
 */
public record HealthReport(List<Finding> findings, List<TableSize> sizes, IndexHealth.CacheHit cache) {

    /**
     * A table's total, heap and index size in bytes, and how many indexes it has; a partitioned table's
     * sizes are those of all its partitions, and a partition names its parent ({@code partitionOf}).
     *
     * @param schema      the table's schema
     * @param table       the table
     * @param total       heap, indexes and TOAST, in bytes
     * @param heap        the table's main data, without TOAST and indexes, in bytes
     * @param indexes     all its indexes, in bytes
     * @param indexCount  how many indexes it has
     * @param partitionOf the parent table of a partition, or null
     */
    public record TableSize(String schema, String table, long total, long heap, long indexes, int indexCount, String partitionOf) {
    }

    /**
     * The findings that matter at least this much, for a gate such as the CLI's {@code --fail-on}.
     *
     * @param severity the lowest severity kept
     * @return those findings, in report order
     */
    public List<Finding> atLeast(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity().compareTo(severity) >= 0).toList();
    }

    /**
     * The report for a person: a findings table, a sizes table and the cache hit ratio.
     *
     * @return the text, lines ending in a newline
     */
    public String text() {
        StringBuilder out = new StringBuilder();
        TextTable f = new TextTable("severity", "finding", "schema", "table", "index", "detail", "fix");
        findings.forEach(x -> f.row(x.severity(), x.kind(), x.schema(), x.table(), x.index(), x.detail(), x.fix()));
        out.append(findings.isEmpty() ? "No findings.\n" : f.toString());
        TextTable s = new TextTable("schema", "table", "partition of", "total", "heap", "indexes", "index count");
        sizes.forEach(x -> s.row(x.schema(), x.table(), x.partitionOf() == null ? "" : x.partitionOf(), IndexHealth.pretty(x.total()),
                IndexHealth.pretty(x.heap()), IndexHealth.pretty(x.indexes()), x.indexCount()));
        out.append('\n').append(s);
        out.append(String.format(Locale.ROOT, "%ncache hit ratio: %.2f%% (%d hits, %d reads)%n", 100 * cache.ratio(), cache.hits(), cache.reads()));
        return out.toString();
    }

    /**
     * The report for a machine: {@code findings}, {@code sizes} (in bytes) and {@code cacheHitRatio}.
     *
     * @return one JSON object
     */
    public String json() {
        String fs = findings.stream().map(x -> "{\"severity\":" + q(x.severity().name()) + ",\"kind\":" + q(x.kind().name())
                + ",\"schema\":" + q(x.schema()) + ",\"table\":" + q(x.table()) + ",\"index\":" + q(x.index())
                + ",\"detail\":" + q(x.detail()) + ",\"fix\":" + q(x.fix()) + "}").collect(Collectors.joining(","));
        String ss = sizes.stream().map(x -> "{\"schema\":" + q(x.schema()) + ",\"table\":" + q(x.table())
                + ",\"partitionOf\":" + q(x.partitionOf()) + ",\"totalBytes\":" + x.total()
                + ",\"heapBytes\":" + x.heap() + ",\"indexBytes\":" + x.indexes() + ",\"indexCount\":" + x.indexCount() + "}")
                .collect(Collectors.joining(","));
        return "{\"findings\":[" + fs + "],\"sizes\":[" + ss + "],\"cacheHitRatio\":" + String.format(Locale.ROOT, "%.4f", cache.ratio()) + "}";
    }

    private static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
