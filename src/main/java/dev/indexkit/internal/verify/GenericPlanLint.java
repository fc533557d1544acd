package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.RefusedQueryException;
import dev.indexkit.verify.TargetQuery;
import dev.indexkit.verify.VerifyCatalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flags each catalog query with parameters whose expected index is partial and whose generic plan
 * cannot use it, on a database a changelog has just built (its tables empty, never analysed).
 *
 * <p>The server decides, not a parse of the SQL here: the query is explained as the custom plan for
 * its sample values and as the generic plan. Without statistics the planner estimates {@code x = 'a'}
 * and {@code x = $1} alike (default selectivities), so the two plans differ in one thing, whether
 * PostgreSQL can prove the index's predicate from the query: when the custom plan reads the partial
 * index and the generic plan does not, a parameter meets the predicate. An entry whose custom plan does
 * not read the index either cannot be told apart without data, and says so rather than passing.
 */
public final class GenericPlanLint {

    /** What the lint found for one entry. */
    public enum Outcome {
        /** The generic plan cannot use the partial index: the remedy is named. */
        FLAGGED,
        /** Flagged, but the entry states why a custom plan is all it gets ({@code customPlanOnly}). */
        ACCEPTED,
        /** The index is missing, or even the custom plan does not read it on empty tables: no verdict. */
        UNDECIDED
    }

    /**
     * @param query   the catalog entry's name
     * @param index   its expected index
     * @param outcome what was found
     * @param message the finding, naming the query, the predicate and the remedy
     */
    public record Finding(String query, String index, Outcome outcome, String message) {

        /** Whether it fails the lint (everything but an accepted one). */
        public boolean fails() {
            return outcome != Outcome.ACCEPTED;
        }
    }

    private final Connection connection;

    public GenericPlanLint(Connection connection) {
        this.connection = connection;
    }

    /** The findings for every PostgreSQL entry of {@code catalog} with parameters and a partial expected index. */
    public List<Finding> check(VerifyCatalog catalog) throws SQLException {
        Verifier verifier = new Verifier(connection);
        List<Finding> findings = new ArrayList<>();
        for (TargetQuery entry : catalog.queries()) {
            if (entry.appliesTo(false)) {
                TargetQuery q = verifier.expectationHere(entry);
                Optional<Finding> finding = ReadOnly.run(connection, () -> check(verifier, q));
                finding.ifPresent(findings::add);
            }
        }
        return findings;
    }

    private Optional<Finding> check(Verifier verifier, TargetQuery q) throws SQLException {
        String sql;
        try {
            sql = Placeholders.numbered(q.sql());
        } catch (RefusedQueryException e) {
            return Optional.of(new Finding(q.name(), q.index(), Outcome.UNDECIDED, q.name() + ": " + e.getMessage()));
        }
        if (PostgresExplainer.maxParameter(sql) == 0) {
            return Optional.empty();
        }
        if (verifier.tableOf(q.index()).isEmpty()) {
            return Optional.of(new Finding(q.name(), q.index(), Outcome.UNDECIDED, q.name() + ": index " + q.index()
                    + " does not exist after the changelog ran: check the index name, or add its changeset"));
        }
        Optional<String> predicate = verifier.partialPredicate(q.index());
        if (predicate.isEmpty()) {
            return Optional.empty();
        }
        if (q.params().isEmpty()) {
            return Optional.of(new Finding(q.name(), q.index(), Outcome.UNDECIDED, q.name() + ": " + q.index()
                    + " is partial (WHERE " + predicate.get() + ") and the query has parameters but no sample values: add params:"
                    + " (one value per parameter) so its custom plan can be compared with its generic plan"));
        }
        IndexName index = IndexName.parse(q.index());
        PostgresExplainer explainer = new PostgresExplainer(connection);
        ExplainedPlan custom = explainer.explain(sql, q.params(), false);
        if (!index.readBy(custom)) {
            return Optional.of(new Finding(q.name(), q.index(), Outcome.UNDECIDED, q.name() + ": on the changelog's empty tables"
                    + " even the custom plan for " + q.params() + " does not read " + q.index() + " (it reads "
                    + describe(index.usedIn(custom)) + "), so the lint cannot tell whether a parameter meets its predicate;"
                    + " run indexkit verify on data instead"));
        }
        ExplainedPlan generic = explainer.explain(sql, null, true);
        if (index.readBy(generic)) {
            return Optional.empty();
        }
        String message = q.name() + ": partial index " + q.index() + " (WHERE " + predicate.get() + ") cannot serve the generic"
                + " plan a prepared statement gets (it reads " + describe(index.usedIn(generic)) + "): a parameter meets the"
                + " predicate, which PostgreSQL cannot prove for a value it does not know yet. Send that value as a literal in"
                + " the query, or index a predicate over a column the query compares with a constant, or use a non-partial index";
        if (q.customPlanOnly() != null) {
            return Optional.of(new Finding(q.name(), q.index(), Outcome.ACCEPTED, message + "; accepted: " + q.customPlanOnly()));
        }
        return Optional.of(new Finding(q.name(), q.index(), Outcome.FLAGGED, message
                + " (or, when PostgreSQL keeps its custom plan on production data, say why under customPlanOnly:)"));
    }

    private static String describe(java.util.Set<String> used) {
        return used.isEmpty() ? "no index" : String.join(", ", used);
    }
}
