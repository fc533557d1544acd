package dev.indexkit.verify;

import dev.indexkit.internal.verify.PlanJudge;
import dev.indexkit.internal.verify.PlanMessages;
import dev.indexkit.internal.verify.QueryForm;
import dev.indexkit.internal.verify.Verifier;
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

    /**
     * For {@link #assertThatPlan}, which explains the query first.
     *
     * @param verifier judges soundness and the plan on the same connection
     * @param plan     the explained plan the assertions read
     */
    protected PlanAssert(Verifier verifier, ExplainedPlan plan) {
        super(plan, PlanAssert.class);
        this.verifier = verifier;
    }

    /**
     * Explains the query (read-only, rolled back) and starts assertions on its plan.
     *
     * @param connection the database, its data loaded and analysed
     * @param sql        one read-only statement; {@code $1}-style parameters are explained as a generic plan
     * @return the assertions
     * @throws AssertionError when the query is refused (more than one statement, or one that writes or
     *         locks rows) or cannot be explained
     */
    public static PlanAssert assertThatPlan(Connection connection, String sql) {
        Verifier verifier = new Verifier(connection);
        return explained(verifier, sql, () -> verifier.explain(sql));
    }

    /**
     * The custom plan of a query with parameters ({@code $1} or {@code ?}) for these values: what a
     * prepared statement's first executions, and a driver that sends the values in the text, get.
     *
     * @param connection the database, its data loaded and analysed
     * @param sql        one read-only statement with parameters
     * @param params     one sample value per parameter, as text (the server casts it)
     * @return the assertions
     * @throws AssertionError when the query is refused or cannot be explained
     */
    public static PlanAssert assertThatPlan(Connection connection, String sql, List<String> params) {
        return assertThatForm(connection, sql, params, false);
    }

    /**
     * The plan a prepared statement of a query with parameters ({@code $1} or {@code ?}) settles on: its
     * sixth execution with these values, when PostgreSQL switches to the generic plan if that costs no
     * more than the five custom plans before it (pgjdbc prepares on the server from the fifth
     * execution, asyncpg and psycopg 3 prepare too).
     *
     * @param connection the database, its data loaded and analysed (PostgreSQL)
     * @param sql        one read-only statement with parameters
     * @param params     one sample value per parameter, as text (the server casts it)
     * @return the assertions
     * @throws AssertionError when the query is refused or cannot be explained, or on SQLite
     */
    public static PlanAssert assertThatGenericPlan(Connection connection, String sql, List<String> params) {
        return assertThatForm(connection, sql, params, true);
    }

    private static PlanAssert assertThatForm(Connection connection, String sql, List<String> params, boolean generic) {
        Verifier verifier = new Verifier(connection);
        TargetQuery query = new TargetQuery("assertion", null, sql, null, null, null, Set.of("postgresql", "sqlite"), null,
                java.util.Map.of(), Set.of(), Set.of(), params, null);
        return explained(verifier, sql, () -> {
            QueryForm form = QueryForm.of(query, verifier.isSqlite()).stream().filter(f -> f.generic() == generic).findFirst()
                    .orElseThrow(() -> new AssertionError("SQLite has no generic plan: assert the plan with "
                            + "assertThatPlan(connection, sql, params)"));
            return verifier.explain(form);
        });
    }

    /** One form of a catalog query, explained. */
    static PlanAssert assertThatPlan(Verifier verifier, QueryForm form) {
        return explained(verifier, form.sql(), () -> verifier.explain(form));
    }

    @FunctionalInterface
    private interface Explain {
        ExplainedPlan plan() throws SQLException;
    }

    /** The assertions on what {@code explain} returns; a refused or failed explain is an AssertionError naming the query. */
    private static PlanAssert explained(Verifier verifier, String sql, Explain explain) {
        try {
            return new PlanAssert(verifier, explain.plan());
        } catch (RefusedQueryException e) {
            throw new AssertionError("Refused to explain the query, " + e.getMessage() + "\nquery:\n  " + sql, e);
        } catch (SQLException e) {
            throw new AssertionError("Could not explain the query: " + e.getMessage() + "\nquery:\n  " + sql, e);
        }
    }

    /**
     * The plan reads {@code index} (a partition child index counts as its parent).
     *
     * @param index the index as a changelog names it, or {@code schema.name} for that schema's index
     *              whatever the search_path
     * @return this assertion
     */
    public PlanAssert usesIndex(String index) {
        return meets(index, null, null);
    }

    /**
     * The plan reads {@code index} with an Index Only Scan: the table is not touched.
     *
     * @param index the index as a changelog names it
     * @return this assertion
     */
    public PlanAssert usesIndexOnlyScan(String index) {
        return meets(index, "index-only", null);
    }

    /**
     * No sequential scan of {@code table} or of any of its partitions; the verification must be sound too.
     *
     * @param table the table, or the partitioned parent
     * @return this assertion
     */
    public PlanAssert hasNoSeqScanOn(String table) {
        meets(null, null, null); // sound, or it proves nothing
        if (actual.seqScannedTables().contains(table)) {
            failWithMessage(PlanMessages.seqScan(actual, table));
        }
        return this;
    }

    /**
     * After pruning, the plan reads exactly {@code expected} partitions of the one partitioned table it touches.
     *
     * @param expected how many partitions survive pruning
     * @return this assertion
     */
    public PlanAssert scansPartitions(int expected) {
        return meets(null, null, expected);
    }

    /** What a catalog query expects, judged in one go by {@link PlanJudge}, as the CLI judges it. */
    PlanAssert meets(QueryForm form) {
        isNotNull();
        PlanJudge.Verdict verdict;
        try {
            verdict = PlanJudge.judge(verifier, actual, form);
        } catch (SQLException e) {
            throw new AssertionError("Could not check the verification is sound: " + e.getMessage(), e);
        }
        if (!verdict.passed()) {
            failWithMessage(verdict.detail());
        }
        return this;
    }

    private PlanAssert meets(String index, String scan, Integer partitions) {
        isNotNull();
        PlanJudge.Verdict verdict;
        try {
            verdict = PlanJudge.judge(verifier, actual, index, scan, partitions);
        } catch (SQLException e) {
            throw new AssertionError("Could not check the verification is sound: " + e.getMessage(), e);
        }
        if (!verdict.passed()) {
            failWithMessage(verdict.detail());
        }
        return this;
    }
}
