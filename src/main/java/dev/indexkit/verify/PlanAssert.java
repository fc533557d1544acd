package dev.indexkit.verify;

import org.assertj.core.api.AbstractAssert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * AssertJ assertions on the plan the database chooses for a query, for a service's own tests:
 *
 * <pre>{@code
 * assertThatPlan(connection, "SELECT * FROM meetings WHERE workspace_id = 42 AND status = 'completed' "
 *         + "ORDER BY created_at DESC LIMIT 20")
 *     .usesIndex("ix_meetings_workspace_status_created")
 *     .hasNoSeqScanOn("meetings");
 * }</pre>
 *
 * Before judging, it checks the verification is sound (index valid, tables analysed and not empty,
 * no planner setting forced) and fails as unsound otherwise. Every failure prints the query, the
 * whole plan, the server version and the planner settings.
 */
public class PlanAssert extends AbstractAssert<PlanAssert, ExplainedPlan> {

    private final Verifier verifier;

    protected PlanAssert(Verifier verifier, ExplainedPlan plan) {
        super(plan, PlanAssert.class);
        this.verifier = verifier;
    }

    public static PlanAssert assertThatPlan(Connection connection, String sql) {
        Verifier verifier = new Verifier(connection);
        try {
            return new PlanAssert(verifier, verifier.explain(sql));
        } catch (RefusedQueryException e) {
            throw new AssertionError("Refused to explain the query, " + e.getMessage() + "\nquery:\n  " + sql, e);
        } catch (SQLException e) {
            throw new AssertionError("Could not explain the query: " + e.getMessage() + "\nquery:\n  " + sql, e);
        }
    }

    /** The plan reads {@code index} (a partition child index counts as its parent). */
    public PlanAssert usesIndex(String index) {
        requireSound(index);
        Set<String> used = actual.indexesUsed();
        if (!used.contains(index)) {
            failWithMessage(PlanMessages.wrongIndex(actual, index, used));
        }
        return this;
    }

    /** The plan reads {@code index} with an Index Only Scan: the table is not touched. */
    public PlanAssert usesIndexOnlyScan(String index) {
        usesIndex(index);
        if (!actual.scanTypesOf(index).contains(PlanNode.INDEX_ONLY_SCAN)) {
            failWithMessage(PlanMessages.wrongScanKind(actual, index, PlanNode.INDEX_ONLY_SCAN));
        }
        return this;
    }

    /** No sequential scan of {@code table} or of any of its partitions. */
    public PlanAssert hasNoSeqScanOn(String table) {
        requireSound(null);
        if (actual.seqScannedTables().contains(table)) {
            failWithMessage(PlanMessages.seqScan(actual, table));
        }
        return this;
    }

    /** After pruning, the plan reads exactly {@code expected} partitions of the one partitioned table it touches. */
    public PlanAssert scansPartitions(int expected) {
        requireSound(null);
        Set<String> parents = Set.copyOf(actual.partitionParents().values());
        if (parents.size() != 1) {
            failWithMessage(PlanMessages.partitions(actual, expected, parents.isEmpty() ? "no partitioned table" : parents.toString()));
            return this;
        }
        long scanned = actual.partitionsScanned(parents.iterator().next());
        if (scanned != expected) {
            failWithMessage(PlanMessages.partitions(actual, expected, scanned + " partitions"));
        }
        return this;
    }

    private void requireSound(String index) {
        isNotNull();
        try {
            List<String> problems = verifier.soundnessProblems(actual, index);
            if (!problems.isEmpty()) {
                failWithMessage(PlanMessages.unsound(actual, problems));
            }
        } catch (SQLException e) {
            throw new AssertionError("Could not check the verification is sound: " + e.getMessage(), e);
        }
    }
}
