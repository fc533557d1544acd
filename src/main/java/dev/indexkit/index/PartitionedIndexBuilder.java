package dev.indexkit.index;

import dev.indexkit.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an index on a partitioned table without blocking writes. PostgreSQL refuses
 * {@code CREATE INDEX CONCURRENTLY} on a partitioned table, and a plain build locks every partition
 * against writes for the whole build. Instead:
 * <ol>
 *   <li>{@code CREATE INDEX ... ON ONLY parent}: catalog only, the parent index starts INVALID;</li>
 *   <li>{@code CREATE INDEX CONCURRENTLY} on each partition (recursively for sub-partitioned ones);</li>
 *   <li>{@code ALTER INDEX parent_ix ATTACH PARTITION child_ix}: once every partition is attached,
 *       PostgreSQL marks the parent index valid. Partitions created later get the index automatically.</li>
 * </ol>
 * Every step is idempotent, so a build that stopped half-way (a lock timeout, duplicates for a unique
 * index, a terminated backend, a killed JVM) resumes on the next run: the INVALID parent index stays,
 * partitions whose index is built and attached are skipped, an INVALID partition index left by the
 * failed build is dropped concurrently (it is a plain index) and rebuilt. Nothing here ever needs the
 * {@code DROP INDEX CONCURRENTLY} that PostgreSQL refuses for a partitioned index.
 *
 * <p>The parent-only build takes SHARE on the parent and an attach takes ACCESS EXCLUSIVE on the
 * partition's new index: both run as {@link LockClass#BLOCKS_WRITERS} steps (short lock timeout,
 * retried), the per-partition builds as {@link LockClass#CONCURRENT} ones.
 */
final class PartitionedIndexBuilder {

    private final Connection connection;
    private final PostgresIndexBuilder builder;

    PartitionedIndexBuilder(Connection connection, PostgresIndexBuilder builder) {
        this.connection = connection;
        this.builder = builder;
    }

    void ensure(IndexDefinition index, PostgresCatalog.Table parent, boolean resume) throws SQLException {
        if (!resume) {
            builder.run(IndexSql.createPostgres(index, false, true), index, parent, LockClass.BLOCKS_WRITERS);
        }
        long parentIndex = builder.catalog().index(parent.schema(), index.name()).orElseThrow().oid();
        for (PostgresCatalog.Table partition : partitions(parent)) {
            if (hasValidAttachedIndex(parentIndex, partition)) {
                continue;
            }
            IndexDefinition child = new IndexDefinition(partition.schema(), partition.name(),
                    childIndexName(index.name(), partition.name()), index.method(), index.unique(),
                    index.keys(), index.include(), index.where());
            try {
                builder.ensure(child, true);
                long childIndex = builder.catalog().index(partition.schema(), child.name()).orElseThrow().oid();
                if (!attached(parentIndex, childIndex)) {
                    builder.run("ALTER INDEX " + Identifiers.qualified(parent.schema(), index.name())
                            + " ATTACH PARTITION " + child.qualifiedName(), index, parent, LockClass.BLOCKS_WRITERS);
                }
            } catch (IndexBuildException e) {
                throw new IndexBuildException(e.getMessage() + " The partitioned index " + index.qualifiedName()
                        + " stays INVALID (the planner does not use it) with the partitions indexed so far; the next "
                        + "update builds only the partitions still missing and attaches them.", e);
            }
        }
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

    private boolean attached(long parentIndex, long childIndex) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_inherits WHERE inhparent = ? AND inhrelid = ?")) {
            ps.setLong(1, parentIndex);
            ps.setLong(2, childIndex);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
