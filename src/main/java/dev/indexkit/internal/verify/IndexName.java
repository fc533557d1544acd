package dev.indexkit.internal.verify;

import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.PlanNode;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An expected index as a catalog or an assertion names it: {@code name}, the one the search_path
 * finds, or {@code schema.name}, that schema's index whatever the search_path (a service whose tables
 * live in several schemas, or one whose index name is used in two). Both parts are taken as written,
 * case-sensitive, as {@code pg_class} and {@code pg_namespace} store them.
 *
 * @param schema the schema, or null to find the index on the search_path
 * @param name   the index's own name, as EXPLAIN prints it
 */
public record IndexName(String schema, String name) {

    /**
     * The index's oid, or NULL: two parameters, the schema (NULL for the search_path) then the name.
     * quote_ident keeps each part as written, and concat_ws leaves out a NULL schema.
     */
    public static final String REGCLASS = "to_regclass(concat_ws('.', quote_ident(?::text), quote_ident(?::text)))";

    /**
     * @param written {@code name} or {@code schema.name}
     * @return the parsed name
     * @throws IllegalArgumentException naming the value when it has more than one dot or an empty part
     */
    public static IndexName parse(String written) {
        String[] parts = written.split("\\.", -1);
        if (parts.length > 2 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("index '" + written + "' is neither a name nor schema.name: give the index"
                    + " as pg_class names it (ix_orders_customer), or its schema and name (billing.ix_orders_customer)");
        }
        return parts.length == 2 ? new IndexName(parts[0], parts[1]) : new IndexName(null, parts[0]);
    }

    /** Binds {@link #REGCLASS}'s two parameters from {@code first} on. */
    public void bind(PreparedStatement ps, int first) throws SQLException {
        ps.setString(first, schema);
        ps.setString(first + 1, name);
    }

    /** Whether {@code plan} reads this index; a qualified one only in its schema (the plan's VERBOSE form names it). */
    public boolean readBy(ExplainedPlan plan) {
        return !scanTypes(plan).isEmpty();
    }

    /** The node types that read this index, as {@link ExplainedPlan#scanTypesOf} for a qualified name too. */
    public Set<String> scanTypes(ExplainedPlan plan) {
        Set<String> types = new LinkedHashSet<>();
        walk(plan.root(), null, (n, nodeSchema) -> {
            if (n.readsIndex() && plan.logicalIndex(n.index()).equals(name) && (schema == null || schema.equals(nodeSchema))) {
                types.add(n.type());
            }
        });
        return types;
    }

    /** The indexes the plan reads, qualified with their schema when this name is, so a message can tell them apart. */
    public Set<String> usedIn(ExplainedPlan plan) {
        if (schema == null) {
            return plan.indexesUsed();
        }
        Set<String> used = new LinkedHashSet<>();
        walk(plan.root(), null, (n, nodeSchema) -> {
            if (n.readsIndex()) {
                used.add((nodeSchema == null ? "" : nodeSchema + ".") + plan.logicalIndex(n.index()));
            }
        });
        return used;
    }

    /**
     * Each node with its table's schema. A Bitmap Index Scan names no table: its schema is that of the
     * Bitmap Heap Scan above it (through any BitmapAnd or BitmapOr), the nearest node that names one.
     */
    private static void walk(PlanNode node, String inherited, BiConsumer<PlanNode, String> visit) {
        String here = node.schema() != null ? node.schema() : inherited;
        visit.accept(node, here);
        for (PlanNode child : node.children()) {
            walk(child, here, visit);
        }
    }

    /** Where the lookup searched, for a message: "in schema billing" or "on the search_path". */
    public String where() {
        return schema == null ? "on the search_path" : "in schema " + schema;
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
