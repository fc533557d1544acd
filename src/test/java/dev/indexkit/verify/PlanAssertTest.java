package dev.indexkit.verify;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.fixtures.TestSqlite;
import dev.indexkit.internal.verify.SqliteExplainer;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static dev.indexkit.verify.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanAssertTest {

    private static TestDatabase db;

    @BeforeAll
    static void data() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL, status text NOT NULL)",
                "INSERT INTO items SELECT g, 'c' || g, CASE WHEN g % 50 = 0 THEN 'open' ELSE 'done' END FROM generate_series(1, 100000) g",
                "CREATE INDEX ix_items_code ON items (code)",
                "CREATE INDEX ix_items_code_status ON items (code, status)",
                // A statistics target of 1000 samples 300,000 rows, so ANALYZE reads the whole table and the
                // estimates (and with them the index-only versus bitmap choice below) are the same every run.
                "ALTER TABLE items ALTER COLUMN code SET STATISTICS 1000, ALTER COLUMN status SET STATISTICS 1000",
                "CREATE TABLE never_analysed (id bigint PRIMARY KEY, code text)",
                "CREATE INDEX ix_never_code ON never_analysed (code)",
                "CREATE TABLE events (id bigint, at date NOT NULL, kind text) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2024_01 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                "CREATE TABLE events_2024_02 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                "CREATE TABLE events_2024_03 PARTITION OF events FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')",
                "INSERT INTO events SELECT g, date '2024-01-01' + (g % 90), 'k' || (g % 1000) FROM generate_series(1, 90000) g",
                "CREATE INDEX ix_events_kind ON events (kind)",
                "VACUUM ANALYZE events");
        db.vacuumUntilAllVisible("items");
    }

    @Test
    void should_pass_when_the_planner_chooses_the_index() throws Exception {
        try (Connection c = db.connect()) {
            assertThatPlan(c, "SELECT * FROM items WHERE code = 'c42'").usesIndex("ix_items_code").hasNoSeqScanOn("items");
            // A range of about 1,100 codes with a rare status: only the composite answers from the index
            // alone (an equality on one code would tie with ix_items_code and leave the choice to chance).
            assertThatPlan(c, "SELECT code, status FROM items WHERE code BETWEEN 'c1000' AND 'c1999' AND status = 'open'")
                    .usesIndexOnlyScan("ix_items_code_status");
        }
    }

    @Test
    void should_fail_with_the_whole_plan_when_the_expectation_is_wrong() throws Exception {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM items WHERE status = 'done'").usesIndex("ix_items_code"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected the plan to use index ix_items_code but it used no index")
                    .hasMessageContaining("-> Seq Scan on public.items")
                    .hasMessageContaining("\"Node Type\": \"Seq Scan\"")
                    .hasMessageContaining("server: PostgreSQL " + c.getMetaData().getDatabaseMajorVersion())
                    .hasMessageContaining("enable_seqscan=on");
        }
    }

    @Test
    void should_report_an_unanalysed_or_empty_table_as_unsound_not_passed() throws Exception {
        try (Connection c = db.connect()) {
            // On a never-analysed table the planner guesses, and here it even picks the index.
            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM never_analysed WHERE code = 'x'").usesIndex("ix_never_code"))
                    .hasMessageContaining("UNSOUND")
                    .hasMessageContaining("table never_analysed has never been analysed (reltuples=-1)");
            db.execute("ANALYZE never_analysed");
            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM never_analysed WHERE code = 'x'").usesIndex("ix_never_code"))
                    .hasMessageContaining("UNSOUND").hasMessageContaining("no rows in its statistics");
        }
    }

    @Test
    void should_report_a_forced_planner_setting_as_unsound() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM items WHERE status = 'done'").usesIndex("ix_items_code_status"))
                    .hasMessageContaining("UNSOUND").hasMessageContaining("planner setting enable_seqscan=off forces the plan");
        }
    }

    @Test
    void should_match_partition_indexes_through_their_parent_and_count_partitions_after_pruning() throws Exception {
        try (Connection c = db.connect()) {
            assertThatPlan(c, "SELECT * FROM events WHERE kind = 'k7' AND at >= '2024-02-01' AND at < '2024-03-01'")
                    .usesIndex("ix_events_kind").scansPartitions(1);
            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM events WHERE kind = 'k7'").scansPartitions(1))
                    .hasMessageContaining("read 1 partition(s) after pruning but found 3 partitions");
        }
    }

    @Test
    void should_read_sqlite_plans_in_both_formats() {
        assertThat(SqliteExplainer.node("SEARCH meetings USING INDEX ix_m (workspace_id=?)", List.of()))
                .extracting(PlanNode::type, PlanNode::relation, PlanNode::index).containsExactly("Index Scan", "meetings", "ix_m");
        assertThat(SqliteExplainer.node("SEARCH TABLE meetings USING COVERING INDEX ix_m (workspace_id=?)", List.of()))
                .extracting(PlanNode::type, PlanNode::relation, PlanNode::index).containsExactly("Index Only Scan", "meetings", "ix_m");
        assertThat(SqliteExplainer.node("SCAN meetings", List.of()))
                .extracting(PlanNode::type, PlanNode::relation, PlanNode::index).containsExactly("Seq Scan", "meetings", null);
        assertThat(SqliteExplainer.node("SCAN TABLE meetings USING INDEX ix_m", List.of()))
                .extracting(PlanNode::type, PlanNode::index).containsExactly("Index Scan", "ix_m");
    }

    @Test
    void should_pass_the_sqlite_subset_of_the_mina_catalog() throws Exception {
        TestDatabase sqlite = TestSqlite.freshDatabase();
        try (Connection c = sqlite.connect(); Statement st = c.createStatement()) {
            new ChangelogRunner(c).update(Pack.MINA.changelog());
            // SQLite has no generate_series by default: a recursive CTE makes the same shapes, smaller.
            st.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000) "
                    + "INSERT INTO meetings (workspace_id, organizer_id, session_id, title, status, created_at) "
                    + "SELECT abs(random()) % 2000 + 1, abs(random()) % 5000 + 1, n, 'm', "
                    + "CASE WHEN abs(random()) % 100 < 85 THEN 'completed' ELSE 'scheduled' END, datetime('now', '-' || (n % 700) || ' days') FROM g");
            st.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 40000) "
                    + "INSERT INTO tasks (meeting_id, assigned_to_id, created_by_id, title, status, due_date, created_at) "
                    + "SELECT abs(random()) % 20000 + 1, abs(random()) % 5000 + 1, abs(random()) % 5000 + 1, 't', "
                    + "CASE WHEN abs(random()) % 100 < 85 THEN 'completed' ELSE 'todo' END, date('now'), datetime('now') FROM g");
            st.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 40000) "
                    + "INSERT INTO participants (meeting_id, user_id) SELECT abs(random()) % 20000 + 1, abs(random()) % 5000 + 1 FROM g");
            st.execute("ANALYZE");
            long checked = CatalogTests.forCatalog(c, VerifyCatalog.fromClasspath(Pack.MINA.catalog()))
                    .peek(t -> {
                        try {
                            t.getExecutable().execute();
                        } catch (Throwable e) {
                            throw new AssertionError(t.getDisplayName() + ": " + e.getMessage(), e);
                        }
                    }).count();
            assertThat(checked).isEqualTo(8);
        }
    }

    @Test
    void should_reject_a_catalog_with_syntax_errors_naming_file_and_line() {
        assertThatThrownBy(() -> VerifyCatalog.parse("broken.yaml", "queries:\n  - name: a\n    sql: [unclosed\n"))
                .hasMessageContaining("broken.yaml").hasMessageContaining("not valid YAML at line");
        assertThatThrownBy(() -> VerifyCatalog.parse("typo.yaml", "queries:\n  - name: a\n    sql: SELECT 1\n    indx: ix\n"))
                .hasMessageContaining("typo.yaml, query 1 (a): unknown key 'indx'");
        assertThatThrownBy(() -> VerifyCatalog.parse("dup.yaml", "queries:\n  - {name: a, sql: x, index: i}\n  - {name: a, sql: y, index: i}\n"))
                .hasMessageContaining("name 'a' is used twice");
        assertThatThrownBy(() -> VerifyCatalog.parse("v.yaml", "queries:\n  - {name: a, sql: x, index: i, fromPostgres: {18: {index: j}}}\n"))
                .hasMessageContaining("v.yaml, query 1 (a), fromPostgres 18: 'note' is missing");
    }

    @Test
    void should_hold_a_different_expectation_only_from_the_major_the_catalog_names() {
        VerifyCatalog catalog = VerifyCatalog.parse("v.yaml", "queries:\n  - name: a\n    sql: x\n    index: ix_old\n"
                + "    fromPostgres:\n      18: {index: ix_skip, note: skip scan}\n");
        TargetQuery q = catalog.queries().get(0);
        assertThat(q.onPostgres(17).index()).isEqualTo("ix_old");
        assertThat(q.onPostgres(18).index()).isEqualTo("ix_skip");
        assertThat(q.onPostgres(19).note()).isEqualTo("PostgreSQL 18+: skip scan");
    }
}
