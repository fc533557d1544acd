package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.SqlFragments;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an index is, independent of how it is built: validated on construction so that a bad
 * definition fails before any SQL runs.
 *
 * @param schema  schema of the table (and the index), or null for the connection's default
 * @param table   table name
 * @param name    index name
 * @param method  access method
 * @param unique  {@code UNIQUE}
 * @param keys    key columns and expressions, in order
 * @param include non-key columns stored in the index ({@code INCLUDE}, covering index)
 * @param where   predicate of a partial index, or null
 */
public record IndexDefinition(String schema, String table, String name, IndexMethod method, boolean unique,
                              List<IndexKey> keys, List<String> include, String where) {

    public IndexDefinition {
        if (schema != null && schema.isBlank()) {
            schema = null;
        }
        if (schema != null) {
            Identifiers.requireValid(schema, "schemaName");
        }
        Identifiers.requireValid(table, "tableName");
        Identifiers.requireValid(name, "indexName");
        method = method == null ? IndexMethod.BTREE : method;
        keys = List.copyOf(keys == null ? List.of() : keys);
        include = List.copyOf(include == null ? List.of() : include);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " on " + table + " has no columns: add at least one column");
        }
        include.forEach(c -> Identifiers.requireValid(c, "include column"));
        if (where != null && where.isBlank()) {
            where = null;
        }
        if (where != null) {
            where = SqlFragments.requireSingleExpression(where, "where predicate of " + name);
        }
        if (unique && !method.supportsUnique()) {
            throw new IllegalArgumentException("index " + name + ": " + method.sqlName()
                    + " indexes cannot be UNIQUE in PostgreSQL; use btree for a unique index");
        }
        if (!include.isEmpty() && !method.supportsInclude()) {
            throw new IllegalArgumentException("index " + name + ": " + method.sqlName()
                    + " indexes do not support INCLUDE; use btree for a covering index");
        }
        if (method == IndexMethod.HASH && keys.size() > 1) {
            throw new IllegalArgumentException("index " + name
                    + ": hash indexes take exactly one column in PostgreSQL; use btree for a multi-column index");
        }
    }

    /** The columns the index names directly (plain keys, then INCLUDE): each must exist on the table. */
    public List<String> namedColumns() {
        List<String> columns = new java.util.ArrayList<>();
        keys.stream().filter(k -> k.column() != null).forEach(k -> columns.add(k.column()));
        columns.addAll(include);
        return columns;
    }

    public String qualifiedTable() {
        return Identifiers.qualified(schema, table);
    }

    public String qualifiedName() {
        return Identifiers.qualified(schema, name);
    }

    /** Whether building this index needs something only PostgreSQL has. */
    public List<String> postgresOnlyFeatures() {
        List<String> features = new java.util.ArrayList<>();
        if (method != IndexMethod.BTREE) {
            features.add("method " + method.sqlName());
        }
        keys.stream().filter(k -> k.opclass() != null).forEach(k -> features.add("opclass " + k.opclass()));
        if (!include.isEmpty()) {
            features.add("include " + String.join(", ", include));
        }
        return features;
    }

    /** {@code btree (workspace_id, status, created_at DESC) WHERE ...}: for messages and reports. */
    public String describe() {
        String cols = keys.stream().map(IndexKey::describe).collect(Collectors.joining(", "));
        return (unique ? "unique " : "") + method.sqlName() + " (" + cols + ")"
                + (include.isEmpty() ? "" : " include (" + String.join(", ", include) + ")")
                + (where == null ? "" : " where " + where);
    }
}
