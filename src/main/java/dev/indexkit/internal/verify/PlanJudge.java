package dev.indexkit.internal.verify;

import dev.indexkit.verify.CatalogTests;
import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.PlanAssert;
import dev.indexkit.verify.PlanNode;
import dev.indexkit.verify.TargetQuery;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The one verdict on a plan against an expectation, shared by the CLI's table ({@link Verification}),
 * {@link CatalogTests} and {@link PlanAssert}, so they can never disagree about a query.
 *
 * <p>In order: the plan must be sound (it proves nothing otherwise, see {@link Soundness}); it must
 * read the expected index; it must not also read that index's table with a sequential scan anywhere
 * (an index serving an {@code EXISTS} subquery proves nothing about the outer scan), unless the entry
 * allows it by name, nor any table the entry lists under {@code noSeqScan}; for
 * {@code scan: index-only} with an Index Only Scan; and for
 * {@code partitions: n} it must read exactly one partitioned table and, after pruning, {@code n} of
 * its partitions.
 */
public final class PlanJudge {

    /**
     * @param problem the short reason for the CLI's table, null when the plan passes ("UNSOUND: ..." when
     *                it proves nothing)
     * @param detail  the full explanation with the plan, for an assertion message
     */
    public record Verdict(String problem, String detail) {
        static final Verdict PASS = new Verdict(null, null);

        public boolean passed() {
            return problem == null;
        }
    }

    private PlanJudge() {
    }

    /**
     * @param index      the index the plan must read, or null for none in particular
     * @param scan       {@code "index-only"} or null
     * @param partitions partitions the one partitioned table must be pruned to, or null
     */
    public static Verdict judge(Verifier verifier, ExplainedPlan plan, String index, String scan, Integer partitions)
            throws SQLException {
        return judge(verifier, plan, index, scan, partitions, Set.of(), Set.of());
    }

    /** A catalog entry's whole expectation. */
    public static Verdict judge(Verifier verifier, ExplainedPlan plan, TargetQuery query) throws SQLException {
        return judge(verifier, plan, query.index(), query.scan(), query.partitions(), query.allowSeqScan(), query.noSeqScan());
    }

    /**
     * One form of a catalog query. A generic plan that misses a partial index gets the remedy: the
     * planner cannot prove the index's predicate for a value it does not know yet.
     */
    public static Verdict judge(Verifier verifier, ExplainedPlan plan, QueryForm form) throws SQLException {
        Verdict verdict = judge(verifier, plan, form.expected());
        if (verdict.passed()) {
            return verdict;
        }
        String problem = form.labelled(verdict.problem());
        String detail = verdict.detail();
        if (form.generic() && form.expected().index() != null && !verdict.problem().startsWith("UNSOUND")) {
            java.util.Optional<String> predicate = verifier.partialPredicate(form.expected().index());
            if (predicate.isPresent()) {
                String remedy = "partial index " + form.expected().index() + " (WHERE " + predicate.get() + ") cannot serve "
                        + "a parameter its predicate must be proved for: send that value as a literal in the query, or "
                        + "index a predicate over a column the query compares with a constant, or use a non-partial index";
                problem += "; " + remedy;
                detail = remedy + ".\n" + detail;
            }
        }
        return new Verdict(problem, form.label().isEmpty() ? detail : form.label() + ": " + detail);
    }

    /**
     * @param allowSeqScan tables that may also be read sequentially (the index's own table included)
     * @param noSeqScan    tables that must not be read sequentially, whatever the index
     */
    public static Verdict judge(Verifier verifier, ExplainedPlan plan, String index, String scan, Integer partitions,
                                Set<String> allowSeqScan, Set<String> noSeqScan) throws SQLException {
        List<String> unsound = verifier.soundnessProblems(plan, index);
        if (!unsound.isEmpty()) {
            return new Verdict("UNSOUND: " + String.join("; ", unsound), PlanMessages.unsound(plan, unsound));
        }
        IndexName expected = index == null ? null : IndexName.parse(index);
        if (expected != null && !expected.readBy(plan)) {
            Set<String> used = expected.usedIn(plan);
            return new Verdict("plan uses " + (used.isEmpty() ? "no index" : String.join(", ", used)),
                    PlanMessages.wrongIndex(plan, index, used));
        }
        Set<String> forbidden = new java.util.LinkedHashSet<>(noSeqScan);
        if (index != null) {
            verifier.tableOf(index).ifPresent(forbidden::add);
        }
        forbidden.removeAll(allowSeqScan);
        for (String table : forbidden) {
            if (plan.seqScannedTables().contains(table)) {
                return new Verdict("also reads " + table + " with a sequential scan", PlanMessages.seqScan(plan, table));
            }
        }
        if ("index-only".equals(scan) && !expected.scanTypes(plan).contains(PlanNode.INDEX_ONLY_SCAN)) {
            return new Verdict("not an index-only scan: " + expected.scanTypes(plan),
                    PlanMessages.wrongScanKind(plan, expected, PlanNode.INDEX_ONLY_SCAN));
        }
        if (partitions != null) {
            Set<String> parents = Set.copyOf(plan.partitionParents().values());
            if (parents.size() != 1) {
                String found = parents.isEmpty() ? "no partitioned table" : parents.toString();
                return new Verdict("reads " + found + ", not one partitioned table", PlanMessages.partitions(plan, partitions, found));
            }
            long scanned = plan.partitionsScanned(parents.iterator().next());
            if (scanned != partitions) {
                return new Verdict("partitions after pruning: " + scanned + ", expected " + partitions,
                        PlanMessages.partitions(plan, partitions, scanned + " partitions"));
            }
        }
        return Verdict.PASS;
    }
}
