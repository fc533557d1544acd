package dev.indexkit.internal.health;

import java.util.Arrays;
import java.util.List;

/** One index as the health check compares it: its table, method, key columns and options. */
public record IndexShape(String schema, String table, String name, boolean valid, boolean unique, boolean primary,
                  boolean backsConstraint, String method, int keyColumns, List<Integer> columns, List<String> opclasses,
                  List<String> collations, List<String> options, String expressions, String predicate, long bytes,
                  boolean partitioned) {

    public static List<String> words(String int2vector) {
        return int2vector.isBlank() ? List.of() : Arrays.asList(int2vector.trim().split(" "));
    }

    /** Everything that makes two indexes interchangeable. */
    public String signature() {
        return table + "|" + method + "|" + keyColumns + "|" + columns + "|" + opclasses + "|" + collations + "|" + options
                + "|" + expressions + "|" + predicate;
    }

    /** Only key columns, no expression or predicate: the case where a prefix is provably redundant. */
    public boolean plainBtree() {
        return "btree".equals(method) && expressions.isEmpty() && predicate.isEmpty() && !columns.contains(0);
    }

    /** Whether dropping it could break something: a constraint or uniqueness depends on it. */
    public boolean protectedFromDrop() {
        return primary || backsConstraint || unique;
    }

    List<Integer> keys() {
        return columns.subList(0, keyColumns);
    }

    /** This index's keys (with the same opclass, collation, order) lead {@code other}'s and it has nothing more. */
    public boolean isStrictPrefixOf(IndexShape other) {
        int n = keyColumns;
        return n < other.keyColumns && columns.size() == n
                && other.columns.subList(0, n).equals(keys())
                && other.opclasses.subList(0, n).equals(opclasses.subList(0, n))
                && other.collations.subList(0, n).equals(collations.subList(0, n))
                && other.options.subList(0, n).equals(options.subList(0, n));
    }
}
