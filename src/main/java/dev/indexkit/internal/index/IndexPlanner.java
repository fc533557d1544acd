package dev.indexkit.internal.index;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.NewTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the steps of an index build or drop from the catalog, reading only. On a partitioned table,
 * where PostgreSQL refuses {@code CREATE INDEX CONCURRENTLY}:
 * <ol>
 *   <li>{@code CREATE INDEX ... ON ONLY parent}: catalog only, the parent index starts INVALID;</li>
 *   <li>{@code CREATE INDEX CONCURRENTLY} on each partition (a sub-partitioned one gets the same plan);</li>
 *   <li>{@code ALTER INDEX parent_ix ATTACH PARTITION child_ix}: once every partition is attached,
 *       PostgreSQL marks the parent index valid. Partitions created later get the index automatically.</li>
 * </ol>
 * When an earlier run stopped half-way (a lock timeout, duplicates for a unique index, a terminated
 * backend, a killed JVM) the plan resumes: the INVALID parent index stays, partitions whose index is
 * built and attached are skipped, an INVALID partition index is dropped concurrently (it is a plain
 * index) and rebuilt. Nothing here needs the {@code DROP INDEX CONCURRENTLY} that PostgreSQL refuses
 * for a partitioned index.
 */
final class IndexPlanner {

    private final Connection connection;
    private final PostgresCatalog catalog;

    IndexPlanner(Connection connection, PostgresCatalog catalog) {
        this.connection = connection;
        this.catalog = catalog;
    }

    IndexPlan ensure(IndexDefinition index, PostgresCatalog.Table table, boolean concurrently, OnDrift onDrift)
            throws SQLException {
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(index.schema(), index.name());
        List<DdlStep> steps = new ArrayList<>();
        boolean resume = false;
        if (existing.isPresent()) {
            PostgresCatalog.ExistingIndex found = existing.get();
            if (!found.table().equals(table.name())) {
                throw new IndexBuildException("Index " + index.qualifiedName() + " already exists on table \""
                        + found.table() + "\", not on " + index.qualifiedTable() + ": rename one of them");
            }
            if (found.valid()) {
                Optional<String> drift = IndexDrift.difference(connection, index, found.oid());
                if (drift.isPresent() && onDrift == OnDrift.REPLACE) {
                    Optional<String> pinned = catalog.whyNotReplaceable(found.oid());
                    if (pinned.isPresent()) {
                        throw new IndexBuildException(notReplaceableMessage(index, found, drift.get(), pinned.get()));
                    }
                    return replace(index, table, concurrently, drift.get());
                }
                if (drift.isPresent()) {
                    throw new IndexBuildException(driftMessage(index, found, drift.get(), table.partitioned()));
                }
                Optional<PostgresCatalog.ExistingIndex> old = catalog.index(table.schema(), replacedName(index.name()));
                if (old.isPresent()) {
                    return new IndexPlan(List.of(drop(table.schema(), replacedName(index.name()), concurrently, old.get().partitioned(),
                            "the old definition, left by a replace that stopped after the swap")), BuildOutcome.REPLACED,
                            table.name(), "finishes an interrupted replace");
                }
                return new IndexPlan(List.of(), BuildOutcome.ALREADY_PRESENT, table.name(), null);
            }
            // An INVALID partitioned index is resumed, unless the changeset was edited since it was left:
            // partitions built to the new definition could never attach to the old parent.
            Optional<String> edited = found.partitioned() && concurrently
                    ? IndexDrift.difference(connection, index, found.oid()) : Optional.empty();
            resume = found.partitioned() && concurrently && edited.isEmpty();
            if (!resume) {
                steps.add(drop(table.schema(), index.name(), concurrently, found.partitioned(),
                        "INVALID, left by an earlier failed build (" + found.definition() + ")"
                                + edited.map(d -> " of another definition (" + d + ")").orElse("") + ": drop it and rebuild"));
            }
        }
        if (table.partitioned() && concurrently) {
            partitioned(index, table, resume ? existing.get().oid() : null, steps);
            if (resume && steps.isEmpty()) {
                // Every partition has its index attached and the parent is still INVALID: a partition that
                // lacked one was detached or dropped since (PostgreSQL re-checks only on ATTACH). Start over.
                steps.add(drop(table.schema(), index.name(), false, true,
                        "INVALID although every partition has its index attached: drop it and rebuild"));
                partitioned(index, table, null, steps);
            }
        } else {
            steps.add(create(index, concurrently, "build the index"));
        }
        return new IndexPlan(steps, existing.isPresent() ? BuildOutcome.REPAIRED : BuildOutcome.BUILT, table.name(),
                resume ? "resumes a build on a partitioned table that stopped half-way: only the missing partitions" : null);
    }

    /** An existing valid index of the wanted name is another index: say how, show both, and what to do. */
    static String driftMessage(IndexDefinition index, PostgresCatalog.ExistingIndex found, String difference,
                               boolean partitioned) {
        return "Index " + index.qualifiedName() + " already exists with another definition: " + difference
                + ". Existing: " + found.definition() + ". Wanted: " + IndexSql.createPostgres(index, false, false)
                + ". Nothing was changed. If the existing index is the one you want, remove this changeset or give "
                + "its index another name; otherwise set onDrift: replace on the change (or -D" + OnDrift.PARAMETER
                + "=replace for every change) to swap it for the wanted one without a moment without the index, or drop it ("
                + (partitioned ? "DROP INDEX " + Identifiers.qualified(index.schema(), index.name())
                + ", a brief ACCESS EXCLUSIVE on every partition" : "DROP INDEX CONCURRENTLY "
                + Identifiers.qualified(index.schema(), index.name())) + ") and run the update again.";
    }

    static String notReplaceableMessage(IndexDefinition index, PostgresCatalog.ExistingIndex found, String drift, String why) {
        return "Index " + index.qualifiedName() + " already exists with another definition (" + drift + ") and cannot be "
                + "replaced: " + why + ". Existing: " + found.definition() + ". Nothing was changed. Change that object "
                + "first, or give this changeset's index another name.";
    }

    /**
     * Replaces a drifted index without a moment without a valid index of its name: build the wanted
     * definition concurrently under a temporary name, swap the names in one short transaction (each
     * rename takes a brief lock on its index), drop the old one concurrently. Leftovers of an
     * interrupted replace are dropped first; one left after the swap is dropped by the next run.
     * On a partitioned table the new index is built as any partitioned build is (parent catalog-only,
     * each partition concurrently, attached; the partitions' indexes keep the names they were built
     * under), and the old one is dropped without CONCURRENTLY, which PostgreSQL cannot do for a
     * partitioned index: a brief ACCESS EXCLUSIVE on the table under the short lock timeout, retried.
     */
    private IndexPlan replace(IndexDefinition index, PostgresCatalog.Table table, boolean concurrently, String drift)
            throws SQLException {
        String schema = table.schema();
        String building = Identifiers.withSuffix(index.name(), "_indexkit_new");
        String replaced = replacedName(index.name());
        List<DdlStep> steps = new ArrayList<>();
        for (String leftover : List.of(building, replaced)) {
            Optional<PostgresCatalog.ExistingIndex> left = catalog.index(schema, leftover);
            if (left.isPresent()) {
                steps.add(drop(schema, leftover, concurrently, left.get().partitioned(), "a leftover of an interrupted replace"));
            }
        }
        IndexDefinition beside = new IndexDefinition(schema, index.table(), building, index.method(), index.unique(),
                index.keys(), index.include(), index.where());
        if (table.partitioned() && concurrently) {
            partitioned(beside, table, null, steps);
        } else {
            steps.add(create(beside, concurrently, "the wanted definition beside the existing index (" + drift + ")"));
        }
        steps.add(DdlStep.oneTransaction(List.of(
                "ALTER INDEX " + Identifiers.qualified(schema, index.name()) + " RENAME TO " + Identifiers.quote(replaced),
                "ALTER INDEX " + Identifiers.qualified(schema, building) + " RENAME TO " + Identifiers.quote(index.name())),
                LockClass.BLOCKS_WRITERS, "swap the names in one transaction, so the name always has a valid index"));
        steps.add(drop(schema, replaced, concurrently, table.partitioned(), "the old definition"));
        return new IndexPlan(steps, BuildOutcome.REPLACED, table.name(), "replaces " + index.qualifiedName()
                + ", whose definition has drifted: " + drift);
    }

    /** The name a replaced index has between the swap and its drop. */
    static String replacedName(String indexName) {
        return Identifiers.withSuffix(indexName, "_indexkit_old");
    }

    /**
     * The plan for a table that does not exist yet: the one the run will execute on the table as the
     * earlier changeset ({@code shape}) creates it, empty; without a known shape, a new plain table.
     */
    static IndexPlan forNewTable(IndexDefinition index, boolean concurrently, Optional<NewTable> shape) {
        String runs = "update plans against the table as it is when the change runs";
        if (shape.isEmpty()) {
            return new IndexPlan(List.of(create(index, concurrently, "build the index")), BuildOutcome.BUILT, index.table(),
                    "table " + index.qualifiedTable() + " does not exist now and no earlier changeset of this update "
                            + "creates it: this is the plan for a new plain table; " + runs);
        }
        NewTable table = shape.get();
        String note = "table " + index.qualifiedTable() + " does not exist yet: " + table.createdBy() + " earlier in this "
                + "update creates it as " + table.describe() + "; this is the plan for it as created there, empty; " + runs;
        List<DdlStep> steps = new ArrayList<>();
        if (table.partitioned() && concurrently) {
            steps.add(onlyParent(index));
            for (NewTable.Relation partition : table.partitions()) {
                IndexDefinition child = child(index, partition.schema() == null ? index.schema() : partition.schema(),
                        partition.name());
                steps.add(create(child, true, "partition " + partition.name() + "'s index"));
                steps.add(attach(index.schema(), index, child));
            }
        } else {
            steps.add(create(index, concurrently, "build the index"));
        }
        return new IndexPlan(steps, BuildOutcome.BUILT, index.table(), note);
    }

    IndexPlan drop(String schema, String name, boolean concurrently) throws SQLException {
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(schema, name);
        if (existing.isEmpty()) {
            return new IndexPlan(List.of(), BuildOutcome.ABSENT, null, null);
        }
        return new IndexPlan(List.of(drop(schema, name, concurrently, existing.get().partitioned(), "drop the index")),
                BuildOutcome.DROPPED, existing.get().table(), null);
    }

    /**
     * The drop PostgreSQL accepts for this index: a partitioned index cannot be dropped concurrently
     * (dropping it drops its attached children with it, under ACCESS EXCLUSIVE on every partition:
     * brief, but writer-blocking).
     */
    static DdlStep drop(String schema, String name, boolean concurrently, boolean partitioned, String reason) {
        boolean concurrent = concurrently && !partitioned;
        return DdlStep.leavingNothing(IndexSql.dropPostgres(schema, name, concurrent),
                concurrent ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS, reason);
    }

    private static DdlStep create(IndexDefinition index, boolean concurrently, String reason) {
        return concurrently
                ? new DdlStep(IndexSql.createPostgres(index, true, false), LockClass.CONCURRENT, reason, index.schema(), index.name())
                : DdlStep.leavingNothing(IndexSql.createPostgres(index, false, false), LockClass.BLOCKS_WRITERS, reason);
    }

    /** Steps for {@code index} on partitioned {@code parent}; {@code parentIndex} is the oid of an INVALID one to resume. */
    private void partitioned(IndexDefinition index, PostgresCatalog.Table parent, Long parentIndex, List<DdlStep> steps)
            throws SQLException {
        if (parentIndex == null) {
            steps.add(onlyParent(index));
        }
        for (PostgresCatalog.Table partition : partitions(parent)) {
            if (parentIndex != null && hasValidAttachedIndex(parentIndex, partition)) {
                continue;
            }
            IndexDefinition child = child(index, partition.schema(), partition.name());
            Optional<PostgresCatalog.ExistingIndex> childIndex = catalog.index(partition.schema(), child.name());
            if (childIndex.isPresent() && !childIndex.get().valid() && !childIndex.get().partitioned()) {
                steps.add(drop(partition.schema(), child.name(), true, false,
                        "INVALID, left by an earlier failed build on partition " + partition.name()));
                childIndex = Optional.empty();
            }
            if (childIndex.isEmpty() || !childIndex.get().valid()) {
                if (partition.partitioned()) {
                    partitioned(child, partition, childIndex.map(PostgresCatalog.ExistingIndex::oid).orElse(null), steps);
                } else {
                    steps.add(create(child, true, "partition " + partition.name() + "'s index"));
                }
            }
            steps.add(attach(parent.schema(), index, child));
        }
    }

    private static DdlStep onlyParent(IndexDefinition index) {
        return DdlStep.leavingNothing(IndexSql.createPostgres(index, false, true), LockClass.BLOCKS_WRITERS,
                "the parent's index, catalog only (SHARE on " + index.qualifiedTable() + ")");
    }

    /** The index of one partition: the parent's definition on the partition, under its own name. */
    private static IndexDefinition child(IndexDefinition index, String schema, String partition) {
        return new IndexDefinition(schema, partition, childIndexName(index.name(), partition), index.method(), index.unique(),
                index.keys(), index.include(), index.where());
    }

    private static DdlStep attach(String parentSchema, IndexDefinition parentIndex, IndexDefinition child) {
        return DdlStep.leavingNothing("ALTER INDEX " + Identifiers.qualified(parentSchema, parentIndex.name())
                + " ATTACH PARTITION " + child.qualifiedName(), LockClass.BLOCKS_WRITERS,
                "attach it (ACCESS EXCLUSIVE on the new partition index only)");
    }

    /** {@code <index>_<partition>}, shortened with a hash past 63 bytes so partitions never share a name. */
    static String childIndexName(String indexName, String partitionName) {
        return Identifiers.withSuffix(indexName, "_" + partitionName);
    }

    private List<PostgresCatalog.Table> partitions(PostgresCatalog.Table parent) throws SQLException {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE i.inhparent = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname";
        List<PostgresCatalog.Table> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, parent.oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PostgresCatalog.Table(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0)));
                }
            }
        }
        return out;
    }

    /**
     * Whether the partition already has a valid index attached to the parent index: built by an earlier
     * run, or cloned by PostgreSQL when the partition was created after the parent index.
     */
    private boolean hasValidAttachedIndex(long parentIndex, PostgresCatalog.Table partition) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_inherits i JOIN pg_index x ON "
                + "x.indexrelid = i.inhrelid WHERE i.inhparent = ? AND x.indrelid = ? AND x.indisvalid")) {
            ps.setLong(1, parentIndex);
            ps.setLong(2, partition.oid());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
