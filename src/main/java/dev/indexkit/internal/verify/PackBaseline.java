package dev.indexkit.internal.verify;

import dev.indexkit.internal.flyway.PackSteps;
import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.PlanNode;
import dev.indexkit.verify.TargetQuery;
import dev.indexkit.verify.VerifyCatalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which indexes the pack baseline drops for a query: every index the pack ships that is on one of the
 * tables the query's plan reads (partitions count as their partitioned table), never one that backs a
 * constraint (a primary key is part of the schema the seed had, and cannot be dropped anyway).
 *
 * <p>What the pack ships is read from its {@code indexes.yaml} through {@link PackSteps}, the one
 * definition the Liquibase changelog and the Flyway migration both render, net of later revisions'
 * drops. Not DATABASECHANGELOG: it records changeset ids, not index names, and a database migrated
 * with Flyway has none. Not every non-constraint index on the table either: that would drop the
 * service's own indexes, which the seed had before the pack. A service's own catalog has no pack:
 * its indexes are the ones its queries expect.
 */
final class PackBaseline {

    private final Set<String> names;

    private PackBaseline(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The indexes a shipped pack creates on PostgreSQL, by name. */
    static PackBaseline of(Pack pack) {
        Set<String> names = new LinkedHashSet<>();
        PackSteps steps = PackSteps.read(pack.indexesChangelog(), pack.schemaParameter());
        for (PackSteps.Step step : PackSteps.netEffect(steps.steps(pack.sharedSchema()))) {
            if (!step.drops()) {
                names.add(step.indexName());
            }
        }
        return new PackBaseline(names);
    }

    /** The index names the baseline may drop (on the tables a query reads). */
    Set<String> names() {
        return names;
    }

    /** A catalog without a pack: the indexes its queries expect. */
    static PackBaseline of(VerifyCatalog catalog) {
        Set<String> names = new LinkedHashSet<>();
        for (TargetQuery q : catalog.queries()) {
            // An entry may name its index schema.name; the lookup below compares bare names.
            names.add(IndexName.parse(q.index()).name());
        }
        return new PackBaseline(names);
    }

    /**
     * The indexes to drop for {@code plan}: those of the set on the plan's tables, and {@code own}
     * (the query's index) in any case, first.
     */
    List<IndexImpact.Index> toDrop(Connection connection, ExplainedPlan plan, IndexImpact.Index own) throws SQLException {
        List<String> tables = new ArrayList<>();
        for (PlanNode node : plan.root().all()) {
            if (node.relation() != null && node.schema() != null) {
                tables.add(Identifiers.qualified(node.schema(), node.relation()));
            }
        }
        List<IndexImpact.Index> out = new ArrayList<>();
        out.add(own);
        if (tables.isEmpty()) {
            return out;
        }
        // Names and tables go in as bind values; to_regclass parses the quoted names the plan gave.
        String sql = "SELECT n.nspname, ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                + "JOIN pg_namespace n ON n.oid = ic.relnamespace "
                + "WHERE i.indrelid IN (SELECT coalesce(pg_partition_root(to_regclass(t)), to_regclass(t)) FROM unnest(?::text[]) t) "
                + "AND ic.relname = ANY (?::text[]) AND NOT ic.relispartition "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY ic.relname";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array tableArray = connection.createArrayOf("text", tables.toArray());
            Array nameArray = connection.createArrayOf("text", names.toArray());
            ps.setArray(1, tableArray);
            ps.setArray(2, nameArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IndexImpact.Index index = new IndexImpact.Index(rs.getString(1), rs.getString(2));
                    if (!index.equals(own)) {
                        out.add(index);
                    }
                }
            }
        }
        return out;
    }
}
