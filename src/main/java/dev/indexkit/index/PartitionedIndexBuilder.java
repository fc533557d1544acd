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
 * Each step is idempotent, so a build interrupted half-way completes on the next run.
 */
final class PartitionedIndexBuilder {

    private final Connection connection;
    private final PostgresIndexBuilder builder;

    PartitionedIndexBuilder(Connection connection, PostgresIndexBuilder builder) {
        this.connection = connection;
        this.builder = builder;
    }

    void ensure(IndexDefinition index, PostgresCatalog.Table parent) throws SQLException {
        builder.run(IndexSql.createPostgres(index, false, true), index, parent);
        long parentIndex = builder.catalog().index(parent.schema(), index.name()).orElseThrow().oid();
        for (PostgresCatalog.Table partition : partitions(parent)) {
            IndexDefinition child = new IndexDefinition(partition.schema(), partition.name(),
                    childIndexName(index.name(), partition.name()), index.method(), index.unique(),
                    index.keys(), index.include(), index.where());
            builder.ensure(child, true);
            long childIndex = builder.catalog().index(partition.schema(), child.name()).orElseThrow().oid();
            if (!attached(parentIndex, childIndex)) {
                builder.run("ALTER INDEX " + Identifiers.qualified(parent.schema(), index.name())
                        + " ATTACH PARTITION " + child.qualifiedName(), index, parent);
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
