package dev.indexkit.verify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query's plan, with what a verification needs: which indexes it reads (partition child indexes
 * mapped back to the index they belong to), where it scans sequentially, how many partitions of a
 * table survive pruning; plus the context a failure message prints.
 *
 * @param sql           the query explained
 * @param root          the plan tree
 * @param rawPlan       the plan as the database printed it (JSON or EXPLAIN QUERY PLAN rows)
 * @param indexParents  child index name → the index at the root of its partition tree
 * @param partitionParents partition table name → its partitioned root table
 * @param context       server version and relevant settings
 * @param estimatedCost the planner's total cost estimate (PostgreSQL), or NaN
 * @param estimatedRows the planner's row estimate (PostgreSQL), or NaN
 */
public record ExplainedPlan(String sql, PlanNode root, String rawPlan, Map<String, String> indexParents,
                            Map<String, String> partitionParents, String context, double estimatedCost,
                            double estimatedRows) {

    /**
     * Every index the plan reads, by the name a changelog gave it (partition children mapped to their parent).
     *
     * @return the index names, in plan order
     */
    public Set<String> indexesUsed() {
        return root.all().stream().filter(PlanNode::readsIndex).map(n -> logicalIndex(n.index()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Node types that read the given index (by its logical name).
     *
     * @param index the index as a changelog names it
     * @return node types such as {@code Index Scan} or {@code Index Only Scan}; empty when the plan does not read it
     */
    public Set<String> scanTypesOf(String index) {
        return root.all().stream().filter(n -> n.readsIndex() && logicalIndex(n.index()).equals(index))
                .map(PlanNode::type).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Tables (partitions mapped to their parent) the plan scans sequentially.
     *
     * @return the table names, in plan order
     */
    public Set<String> seqScannedTables() {
        return root.all().stream().filter(n -> PlanNode.SEQ_SCAN.equals(n.type()) && n.relation() != null)
                .map(n -> logicalTable(n.relation())).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * How many distinct partitions of {@code table} the plan reads after pruning.
     *
     * @param table the partitioned table
     * @return the number of its partitions in the plan; 0 for a table that is not partitioned
     */
    public long partitionsScanned(String table) {
        return root.all().stream().map(PlanNode::relation).filter(Objects::nonNull)
                .filter(r -> !r.equals(table) && table.equals(partitionParents.get(r))).distinct().count();
    }

    /**
     * The index a changelog created, for a partition's child index.
     *
     * @param index an index name as the plan shows it
     * @return the index at the root of its partition tree, or {@code index} itself
     */
    public String logicalIndex(String index) {
        return indexParents.getOrDefault(index, index);
    }

    /**
     * The partitioned table a partition belongs to.
     *
     * @param relation a table name as the plan shows it
     * @return its partitioned root table, or {@code relation} itself
     */
    public String logicalTable(String relation) {
        return partitionParents.getOrDefault(relation, relation);
    }

    /**
     * What a failure prints: the query, the whole plan, the server and its settings.
     *
     * @return several lines of text
     */
    public String describe() {
        return "query:\n  " + sql.strip().replace("\n", "\n  ") + "\nplan:\n" + root.render().indent(2)
                + "raw plan:\n" + rawPlan.indent(2) + context;
    }

}
