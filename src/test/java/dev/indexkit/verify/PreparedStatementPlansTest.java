package dev.indexkit.verify;

import dev.indexkit.fixtures.CatalogVerdicts;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.verify.QueryResult;
import dev.indexkit.internal.verify.Verification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static dev.indexkit.verify.PlanAssert.assertThatGenericPlan;
import static dev.indexkit.verify.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query with parameters is checked as the application's driver sends it: the custom plan for sample
 * values, and the plan a prepared statement settles on at its sixth execution (the generic plan when
 * PostgreSQL finds it no costlier). A partial index whose predicate names a literal serves the first
 * and cannot serve the generic plan; the verdict says so and names the remedy, unless the entry states
 * what the generic plan uses and why. Where the generic plan costs more, PostgreSQL keeps custom plans
 * and there is nothing to report.
 */
class PreparedStatementPlansTest {

    private static TestDatabase db;

    @BeforeAll
    static void jobs() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE jobs (id bigint PRIMARY KEY, status text NOT NULL, model text NOT NULL, created_at timestamptz NOT NULL)",
                // A job queue: nearly every job is completed, a few wait.
                "INSERT INTO jobs SELECT g, CASE WHEN g % 500 = 0 THEN 'queued' WHEN g % 500 = 1 THEN 'processing' ELSE 'completed' END, "
                        + "'m' || (g % 5), timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 200000) g",
                "CREATE INDEX ix_jobs_pending_created ON jobs (created_at) WHERE status IN ('queued', 'processing')",
                "CREATE INDEX ix_jobs_created_status ON jobs (created_at, status)",
                "VACUUM ANALYZE jobs");
    }

    private static final String CATALOG = """
            queries:
              - name: literal
                sql: SELECT * FROM jobs WHERE status = 'queued' ORDER BY created_at LIMIT 10
                index: ix_jobs_pending_created
              - name: parameter
                sql: SELECT * FROM jobs WHERE status = $1 ORDER BY created_at LIMIT 10
                params: [queued]
                index: ix_jobs_pending_created
              - name: jdbc-parameter
                sql: SELECT * FROM jobs WHERE status = ? ORDER BY created_at LIMIT 10
                params: [queued]
                index: ix_jobs_pending_created
              - name: custom-plans-kept
                sql: SELECT * FROM jobs WHERE status = ?
                params: [queued]
                index: ix_jobs_pending_created
                note: "the generic plan (a sequential scan) costs far more: PostgreSQL keeps planning each execution"
              - name: generic-stated
                sql: SELECT * FROM jobs WHERE status = ? ORDER BY created_at LIMIT 10
                params: [queued]
                index: ix_jobs_pending_created
                generic: {index: ix_jobs_created_status, note: "a parameter cannot prove the partial predicate"}
            """;

    @Test
    void should_check_both_plans_of_a_query_with_parameters_in_the_cli_and_in_catalog_tests() throws Exception {
        VerifyCatalog catalog = VerifyCatalog.fromText("prepared.yaml", CATALOG);
        Map<String, String> cli;
        Map<String, Boolean> junit;
        try (Connection c = db.connect()) {
            cli = CatalogVerdicts.cli(c, catalog);
            junit = CatalogVerdicts.junit(c, catalog);
        }
        assertThat(cli.get("literal")).isEqualTo("null");
        assertThat(cli.get("generic-stated")).isEqualTo("null");
        assertThat(cli.get("custom-plans-kept")).as("no alarm where PostgreSQL never switches").isEqualTo("null");
        for (String name : List.of("parameter", "jdbc-parameter")) {
            assertThat(cli.get(name)).as(name).startsWith("generic plan: plan uses ix_jobs_created_status")
                    .contains("partial index ix_jobs_pending_created (WHERE (status = ANY (ARRAY['queued'::text, 'processing'::text])))")
                    .contains("send that value as a literal in the query");
        }
        assertThat(junit).as("CatalogTests agrees").isEqualTo(Map.of("literal", true, "parameter", false, "jdbc-parameter", false,
                "custom-plans-kept", true, "generic-stated", true));
    }

    @Test
    void should_assert_the_custom_and_the_generic_plan_from_a_services_test() {
        try (Connection c = db.connect()) {
            String sql = "SELECT * FROM jobs WHERE status = ? ORDER BY created_at LIMIT 10";
            assertThatPlan(c, sql, List.of("queued")).usesIndex("ix_jobs_pending_created");
            assertThatGenericPlan(c, sql, List.of("queued")).usesIndex("ix_jobs_created_status");
            assertThatThrownBy(() -> assertThatGenericPlan(c, sql, List.of("queued")).usesIndex("ix_jobs_pending_created"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("Expected the plan to use index ix_jobs_pending_created");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Timing runs the query with its sample values in the text (a JDBC ? cannot be executed bare). */
    @Test
    void should_time_a_query_with_parameters_with_its_values() throws Exception {
        VerifyCatalog catalog = VerifyCatalog.fromText("timed.yaml", """
                queries:
                  - name: jdbc-parameter
                    sql: SELECT * FROM jobs WHERE status = ? AND id > ?
                    params: [queued, 10]
                    index: ix_jobs_pending_created
                    generic: {index: ix_jobs_pending_created, note: "no ordered alternative"}
                """);
        QueryResult result;
        try (Connection c = db.connect()) {
            result = new Verification(c, 1).run("t", catalog).get(0);
        }
        assertThat(result.problem()).isNull();
        assertThat(result.msWith()).as("timed with its index").isNotNaN();
        assertThat(result.msWithout()).as("timed without it").isNotNaN();
    }

    @Test
    void should_refuse_a_catalog_entry_whose_values_do_not_match_its_parameters() throws Exception {
        VerifyCatalog catalog = VerifyCatalog.fromText("bad.yaml", """
                queries:
                  - name: two-for-one
                    sql: SELECT * FROM jobs WHERE status = $1
                    params: [queued, extra]
                    index: ix_jobs_pending_created
                """);
        try (Connection c = db.connect()) {
            assertThat(CatalogVerdicts.cli(c, catalog).get("two-for-one"))
                    .contains("the query has 1 parameters but 2 values are given");
        }
        assertThatThrownBy(() -> VerifyCatalog.fromText("bad.yaml", """
                queries:
                  - name: generic-without-values
                    sql: SELECT * FROM jobs WHERE status = $1
                    index: ix_jobs_pending_created
                    generic: {index: ix_jobs_created_status, note: why}
                """)).hasMessageContaining("generic needs params");
    }
}
