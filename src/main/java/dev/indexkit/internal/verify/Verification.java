package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.RefusedQueryException;
import dev.indexkit.verify.TargetQuery;
import dev.indexkit.verify.VerifyCatalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a catalog against a database and judges every query: sound or not, the expected index chosen
 * or not, and (when {@code measureRuns > 0}) the speedup the index brings.
 */
public final class Verification {

    /** How long measuring waits for the ACCESS EXCLUSIVE lock of each index drop before it skips the timing. */
    public static final String MEASURE_LOCK_TIMEOUT = IndexImpact.DROP_LOCK_TIMEOUT;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Connection connection;
    private final int measureRuns;

    /**
     * @param measureRuns 0 for a read-only run (a staging database: plans only); otherwise how many
     *                    executions the best-of timing takes with and without each index
     */
    public Verification(Connection connection, int measureRuns) {
        this.connection = connection;
        this.measureRuns = measureRuns;
    }

    /** A shipped pack's catalog, in the schema all.yaml gives it. */
    public List<QueryResult> run(Pack pack) throws SQLException {
        VerifyRun.useSchema(connection, pack);
        return run(pack.id(), VerifyCatalog.fromClasspath(pack.catalog()), PackBaseline.of(pack));
    }

    /**
     * Judges every query of the catalog. Without measuring, the whole run is one read-only
     * transaction, rolled back: nothing it sends can write, whatever the catalog holds. A catalog
     * without a pack has for its pack baseline the indexes its own queries expect.
     */
    public List<QueryResult> run(String label, VerifyCatalog catalog) throws SQLException {
        return run(label, catalog, PackBaseline.of(catalog));
    }

    private List<QueryResult> run(String label, VerifyCatalog catalog, PackBaseline baseline) throws SQLException {
        Verifier verifier = new Verifier(connection);
        if (measureRuns == 0 && !verifier.isSqlite()) {
            return ReadOnly.run(connection, () -> judgeAll(label, verifier, catalog, baseline));
        }
        return judgeAll(label, verifier, catalog, baseline);
    }

    private List<QueryResult> judgeAll(String label, Verifier verifier, VerifyCatalog catalog, PackBaseline baseline)
            throws SQLException {
        List<QueryResult> out = new ArrayList<>();
        for (TargetQuery q : catalog.queries()) {
            if (q.appliesTo(verifier.isSqlite())) {
                out.add(judge(label, verifier, verifier.expectationHere(q), baseline));
            }
        }
        return out;
    }

    private QueryResult judge(String label, Verifier verifier, TargetQuery q, PackBaseline baseline) throws SQLException {
        ExplainedPlan plan = null;
        String problem = null;
        String failedPlan = null;
        try {
            // Every form is judged; the first (custom) plan is the one reported and timed, the first
            // failing one is printed.
            for (QueryForm form : QueryForm.of(q, verifier.isSqlite())) {
                ExplainedPlan formPlan = verifier.explain(form);
                plan = plan == null ? formPlan : plan;
                if (problem == null) {
                    problem = PlanJudge.judge(verifier, formPlan, form).problem();
                    // The plan tree and the server, not the raw JSON: the CLI prints it under the table.
                    failedPlan = problem == null ? null : form.labelled("query:\n  " + formPlan.sql().strip() + "\nplan:\n"
                            + formPlan.root().render().indent(2) + formPlan.context());
                }
            }
        } catch (RefusedQueryException e) {
            return new QueryResult(label, q, Set.of(), e.getMessage(), Double.NaN, Double.NaN, Timing.NONE, null, null);
        } catch (SQLException e) {
            return new QueryResult(label, q, Set.of(), "cannot explain: " + e.getMessage(), Double.NaN, Double.NaN, Timing.NONE,
                    null, null);
        }
        Set<String> used = plan.indexesUsed();
        Timing timing = Timing.NONE;
        String timingNote = null;
        // A query with sample values is timed with them in its text; one with bare $n cannot run at all.
        String timed = !q.params().isEmpty() ? Placeholders.inlined(Placeholders.numbered(q.sql()), q.params())
                : PostgresExplainer.maxParameter(q.sql()) == 0 ? q.sql() : null;
        if (measureRuns > 0 && problem == null && !verifier.isSqlite() && timed != null) {
            String constraint = constraintBackedBy(q.index());
            if (constraint != null) {
                timingNote = "not timed: " + q.index() + " backs constraint " + constraint + " and cannot be dropped to compare";
            } else {
                try {
                    timing = time(timed, plan, new IndexImpact.Index(schemaOf(q.index()), IndexName.parse(q.index()).name()), baseline);
                } catch (SQLException e) {
                    if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                        timingNote = "not timed: the drop of " + q.index() + " waited " + IndexImpact.DROP_LOCK_TIMEOUT
                                + " for its ACCESS EXCLUSIVE lock behind another transaction and gave up";
                    } else {
                        // EXPLAIN ANALYZE runs read-only: a query that writes through a function fails here.
                        problem = "cannot measure: " + e.getMessage();
                    }
                }
            }
        }
        return new QueryResult(label, q, used, problem, plan.estimatedCost(), plan.estimatedRows(), timing, timingNote, failedPlan);
    }

    /**
     * With every index, without the query's own (marginal), and without all the pack's indexes on its
     * tables (pack baseline). The last is timed only when the pack has another index there: otherwise
     * the two baselines are the same drop, and timing it twice would only cost time. It takes half the
     * runs (rounded up): without the pack's indexes the query is mostly a sequential scan, long enough
     * that one run's jitter is a small part of it, and the demo pays for every run.
     */
    private Timing time(String sql, ExplainedPlan plan, IndexImpact.Index own, PackBaseline baseline) throws SQLException {
        IndexImpact impact = new IndexImpact(connection, measureRuns);
        double with = impact.with(sql);
        IndexImpact.Without marginal = impact.without(sql, List.of(own));
        List<IndexImpact.Index> packDrop = baseline.toDrop(connection, plan, own);
        double withoutPack = packDrop.size() == 1 ? marginal.ms()
                : new IndexImpact(connection, (measureRuns + 1) / 2).without(sql, packDrop).ms();
        return new Timing(with, marginal.ms(), marginal.servedBy(), withoutPack,
                packDrop.stream().map(IndexImpact.Index::name).toList());
    }

    /** The constraint (primary key, unique, exclusion) an index backs, which DROP INDEX refuses to drop; null if none. */
    private String constraintBackedBy(String index) throws SQLException {
        return aboutIndex("SELECT conname FROM pg_constraint WHERE conindid = " + IndexName.REGCLASS + " LIMIT 1", index);
    }

    private String schemaOf(String index) throws SQLException {
        return aboutIndex("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.oid = " + IndexName.REGCLASS, index);
    }

    /** The first column of a catalog query about an index (on the search_path, or schema.name); null when there is no row. */
    private String aboutIndex(String sql, String index) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            IndexName.parse(index).bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
