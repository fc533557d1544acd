package dev.indexkit.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One node of a query plan, from PostgreSQL's {@code EXPLAIN (FORMAT JSON)} or SQLite's
 * {@code EXPLAIN QUERY PLAN}.
 *
 * @param type     node type, e.g. {@code Index Scan}, {@code Bitmap Index Scan}, {@code Seq Scan}
 * @param relation table the node reads, if any
 * @param schema   schema of that table, where the plan names it (PostgreSQL), else null
 * @param index    index the node reads, if any
 * @param children child nodes (Plans, including SubPlans and InitPlans)
 */
public record PlanNode(String type, String relation, String schema, String index, List<PlanNode> children) {

    /** Node type of a scan that reads the index and the table (SQLite: a {@code SEARCH}, or a {@code SCAN ... USING INDEX}). */
    public static final String INDEX_SCAN = "Index Scan";
    /** Node type of a scan answered from the index alone (SQLite's {@code USING COVERING INDEX} too). */
    public static final String INDEX_ONLY_SCAN = "Index Only Scan";
    /** Node type of a sequential scan (SQLite's {@code SCAN} of a table without an index too). */
    public static final String SEQ_SCAN = "Seq Scan";

    /**
     * Walks the whole tree depth-first, this node first.
     *
     * @param visitor called once per node
     */
    public void forEach(Consumer<PlanNode> visitor) {
        visitor.accept(this);
        children.forEach(c -> c.forEach(visitor));
    }

    /**
     * This node and every node below it.
     *
     * @return the nodes depth-first, this node first
     */
    public List<PlanNode> all() {
        List<PlanNode> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    /**
     * Whether the node reads an index.
     *
     * @return true when it names one
     */
    public boolean readsIndex() {
        return index != null;
    }

    /**
     * A tree from one plan object of {@code EXPLAIN (FORMAT JSON)}, as parsed into maps and lists.
     *
     * @param node the object holding {@code Node Type}, {@code Relation Name}, {@code Schema},
     *             {@code Index Name} and {@code Plans}
     * @return the node with its children
     */
    @SuppressWarnings("unchecked")
    public static PlanNode fromPostgres(Map<String, Object> node) {
        List<PlanNode> children = new ArrayList<>();
        Object plans = node.get("Plans");
        if (plans instanceof List<?> list) {
            for (Object child : list) {
                children.add(fromPostgres((Map<String, Object>) child));
            }
        }
        return new PlanNode((String) node.get("Node Type"), (String) node.get("Relation Name"), (String) node.get("Schema"),
                (String) node.get("Index Name"), List.copyOf(children));
    }

    /**
     * An indented one-line-per-node rendering, for failure messages.
     *
     * @return lines such as {@code -> Index Scan using ix on public.t}
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out, 0);
        return out.toString();
    }

    private void render(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append("-> ").append(type);
        if (index != null) {
            out.append(" using ").append(index);
        }
        if (relation != null) {
            out.append(" on ").append(schema == null ? "" : schema + ".").append(relation);
        }
        out.append('\n');
        children.forEach(c -> c.render(out, depth + 1));
    }
}
