package dev.indexkit.internal.partition;

import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the planner asks about the database beyond the table itself: the catalog for a table that
 * exists ({@link PartitionCatalog}), or {@link #NEW_TABLE} for one an earlier changeset of the same
 * update creates, which is empty and has no neighbours yet.
 */
public interface PartitionFacts {

    /** Those of {@code names} that are taken by a relation in the schema (a name clash for a new partition). */
    Set<String> existingRelations(String schema, Collection<String> names) throws SQLException;

    /** Rows of the DEFAULT partition that belong to [from, to) in the column's domain. */
    long defaultRowsBetween(PartitionedTable table, String fromLiteral, String toLiteral) throws SQLException;

    /** The months (in {@code zone} for timestamptz) the DEFAULT partition holds rows for, oldest first. */
    List<YearMonth> defaultMonths(PartitionedTable table, ZoneId zone) throws SQLException;

    PartitionFacts NEW_TABLE = new PartitionFacts() {
        @Override
        public List<YearMonth> defaultMonths(PartitionedTable table, ZoneId zone) {
            return List.of();
        }

        @Override
        public Set<String> existingRelations(String schema, Collection<String> names) {
            return Set.of();
        }

        @Override
        public long defaultRowsBetween(PartitionedTable table, String fromLiteral, String toLiteral) {
            return 0;
        }
    };
}
