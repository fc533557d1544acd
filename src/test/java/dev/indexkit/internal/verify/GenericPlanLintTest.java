package dev.indexkit.internal.verify;

import dev.indexkit.fixtures.InProcessCli;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.VerifyCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic-plan lint: a partial index a parameter meets is flagged with the remedy and passes once
 * fixed (a literal, a non-partial index) or stated (customPlanOnly); an entry it cannot decide fails;
 * every shipped pack's changelog, built on an empty database, is clean against its catalog.
 */
class GenericPlanLintTest {

    @ParameterizedTest
    @EnumSource(Pack.class)
    void every_shipped_pack_changelog_and_catalog_is_clean(Pack pack) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(pack.changelog());
            List<GenericPlanLint.Finding> findings = new GenericPlanLint(c).check(VerifyCatalog.fromClasspath(pack.catalog()));
            assertThat(findings.stream().filter(GenericPlanLint.Finding::fails).map(GenericPlanLint.Finding::message)).isEmpty();
        }
    }

    private static final String QUEUE_POLL = "SELECT * FROM jobs WHERE status = ? ORDER BY created_at LIMIT 10";

    /** whisper 1.0.x's queue poll: a partial index over the statuses, the status sent as a parameter. */
    private static String changelog(String index) {
        return """
                databaseChangeLog:
                  - changeSet:
                      id: jobs
                      author: t
                      changes:
                        - sql:
                            sql: CREATE TABLE jobs (id bigint PRIMARY KEY, status text NOT NULL, created_at timestamptz NOT NULL)
                  - changeSet:
                      id: ix_jobs_queue
                      author: t
                      runInTransaction: false
                      changes:
                        - ensureIndex:
                            tableName: jobs
                            indexName: ix_jobs_queue
                %s
                """.formatted(index.indent(12).stripTrailing());
    }

    private static String catalog(String sql, String params) {
        return "queries:\n  - name: queue-poll\n    sql: " + sql + "\n" + (params == null ? "" : "    params: " + params + "\n")
                + "    index: ix_jobs_queue\n";
    }

    private static InProcessCli lint(Path dir, String changelog, String catalog) throws Exception {
        Path changelogFile = Files.writeString(dir.resolve("changelog-" + System.nanoTime() + ".yaml"), changelog);
        Path catalogFile = Files.writeString(dir.resolve("catalog-" + System.nanoTime() + ".yaml"), catalog);
        return InProcessCli.run("lint", "--changelog", changelogFile.toString(), "--catalog", catalogFile.toString());
    }

    @Test
    void should_flag_a_partial_index_a_parameter_meets_naming_the_remedy_and_pass_once_it_is_fixed(@TempDir Path dir) throws Exception {
        String partial = "columns:\n  - column: {name: created_at}\nwhere: status IN ('queued', 'processing')";
        InProcessCli flagged = lint(dir, changelog(partial), catalog(QUEUE_POLL, "[queued]"));
        assertThat(flagged.exit()).as(flagged.out() + flagged.err()).isEqualTo(1);
        assertThat(flagged.out()).contains("FLAGGED queue-poll: partial index ix_jobs_queue (WHERE (status = ANY (ARRAY['queued'::text, 'processing'::text])))"
                        + " cannot serve the generic plan")
                .contains("Send that value as a literal in the query, or index a predicate over a column the query compares with a"
                        + " constant, or use a non-partial index")
                .contains("lint: 1 of 1 query flagged");

        InProcessCli literal = lint(dir, changelog(partial), catalog(QUEUE_POLL.replace("?", "'queued'"), null));
        assertThat(literal.exit()).as("the value as a literal: " + literal.out() + literal.err()).isZero();
        assertThat(literal.out()).contains("lint: nothing flagged (1 query)");

        InProcessCli plain = lint(dir, changelog("columns:\n  - column: {name: status}\n  - column: {name: created_at}"),
                catalog(QUEUE_POLL, "[queued]"));
        assertThat(plain.exit()).as("a non-partial index: " + plain.out() + plain.err()).isZero();

        InProcessCli accepted = lint(dir, changelog(partial), catalog(QUEUE_POLL, "[queued]")
                + "    customPlanOnly: \"PostgreSQL keeps the custom plan on our data (verify checks the sixth execution)\"\n");
        assertThat(accepted.exit()).as("stated: " + accepted.out() + accepted.err()).isZero();
        assertThat(accepted.out()).contains("accepted queue-poll: partial index ix_jobs_queue", "accepted: PostgreSQL keeps the custom plan");
    }

    @Test
    void should_not_pass_an_entry_it_cannot_decide() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE jobs (id bigint PRIMARY KEY, status text NOT NULL, created_at timestamptz NOT NULL)",
                "CREATE INDEX ix_jobs_queue ON jobs (created_at) WHERE status IN ('queued', 'processing')");
        try (Connection c = db.connect()) {
            List<GenericPlanLint.Finding> noValues = new GenericPlanLint(c).check(VerifyCatalog.fromText("c.yaml",
                    catalog(QUEUE_POLL, null)));
            assertThat(noValues).singleElement().satisfies(f -> {
                assertThat(f.outcome()).isEqualTo(GenericPlanLint.Outcome.UNDECIDED);
                assertThat(f.fails()).isTrue();
                assertThat(f.message()).contains("no sample values: add params:");
            });
            List<GenericPlanLint.Finding> missing = new GenericPlanLint(c).check(VerifyCatalog.fromText("c.yaml",
                    catalog(QUEUE_POLL, "[queued]").replace("ix_jobs_queue", "ix_jobs_gone")));
            assertThat(missing).singleElement().satisfies(f ->
                    assertThat(f.message()).contains("index ix_jobs_gone does not exist after the changelog ran"));
        }
    }
}
