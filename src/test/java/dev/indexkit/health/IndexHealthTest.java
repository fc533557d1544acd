package dev.indexkit.health;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexHealthTest {

    private static HealthReport inspect(TestDatabase db, String... schemas) throws Exception {
        try (Connection c = db.connect()) {
            return new IndexHealth(c).inspect(List.of(schemas));
        }
    }

    private static List<String> of(HealthReport report, Finding.Kind kind) {
        return report.findings().stream().filter(f -> f.kind() == kind).map(Finding::index).toList();
    }

    @Test
    void should_find_each_kind_of_problem_and_nothing_where_there_is_none() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE parent (id bigint PRIMARY KEY)",
                "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int, code text, parent_id bigint REFERENCES parent (id))",
                "CREATE TABLE covered (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id))",
                "CREATE INDEX ix_covered_parent ON covered (parent_id, id)",
                "CREATE INDEX ix_t_a ON t (a)", "CREATE INDEX ix_t_a_b ON t (a, b)",
                "CREATE INDEX ix_t_c_one ON t (c)", "CREATE INDEX ix_t_c_two ON t (c)",
                "CREATE INDEX ix_t_a_partial ON t (a) WHERE c > 0",
                "CREATE UNIQUE INDEX uq_t_b ON t (b)", "CREATE INDEX ix_t_b_c ON t (b, c)",
                "INSERT INTO t (id, code) VALUES (1, 'x'), (2, 'x')");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY ix_t_code ON t (code)"));

        HealthReport report = inspect(db, "public");

        assertThat(of(report, Finding.Kind.INVALID_INDEX)).containsExactly("ix_t_code");
        assertThat(of(report, Finding.Kind.DUPLICATE_INDEX)).containsExactly("ix_t_c_two");
        // ix_t_a leads ix_t_a_b; the partial index and the unique one are never called redundant.
        assertThat(of(report, Finding.Kind.REDUNDANT_PREFIX_INDEX)).containsExactly("ix_t_a");
        assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.FOREIGN_KEY_WITHOUT_INDEX)
                .singleElement().satisfies(f -> {
                    assertThat(f.table()).isEqualTo("t");
                    assertThat(f.fix()).isEqualTo("CREATE INDEX CONCURRENTLY \"ix_t_parent_id\" ON \"public\".\"t\" (\"parent_id\")");
                });
        assertThat(of(report, Finding.Kind.UNUSED_INDEX)).doesNotContain("uq_t_b", "t_pkey", "parent_pkey").contains("ix_t_a_partial");
        assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.DUPLICATE_INDEX)
                .extracting(Finding::fix).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"ix_t_c_two\"");
        // Read-only: everything it found is still there.
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 't'")).isEqualTo("9");
    }

    @Test
    void should_report_no_redundancy_in_the_mina_pack_and_flag_the_seeds_original_index_list() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(Pack.MINA.changelog());
        }
        HealthReport shipped = inspect(db, "public");
        assertThat(shipped.atLeast(Finding.Severity.WARNING)).as(shipped.text()).isEmpty();

        // The seed's own list: its per-model single-column indexes beside its composites.
        db.execute("CREATE INDEX ix_meetings_workspace ON meetings (workspace_id)",
                "CREATE INDEX ix_meetings_status ON meetings (status)",
                "CREATE INDEX ix_tasks_meeting ON tasks (meeting_id)",
                "CREATE INDEX ix_tasks_assigned ON tasks (assigned_to_id)",
                "CREATE INDEX ix_participants_meeting ON participants (meeting_id)",
                "CREATE INDEX ix_analytics_status ON analytics (analysis_status)",
                "CREATE INDEX ix_sessions_status ON sessions (status)",
                "CREATE INDEX ix_tasks_due_date ON tasks (due_date)");
        HealthReport seed = inspect(db, "public");
        assertThat(of(seed, Finding.Kind.REDUNDANT_PREFIX_INDEX)).containsExactlyInAnyOrder("ix_meetings_workspace",
                "ix_tasks_meeting", "ix_tasks_assigned", "ix_participants_meeting", "ix_analytics_status", "ix_sessions_status");
    }

    @Test
    void should_size_partitioned_tables_by_their_partitions_and_check_their_runway() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        // Bounds relative to now(): evaluated once when each partition is created, so the test holds any day.
        db.execute("CREATE TABLE ended (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE ended_p PARTITION OF ended FOR VALUES FROM (now() - interval '60 days') TO (now() - interval '1 day')",
                "CREATE TABLE ended_default PARTITION OF ended DEFAULT",
                "INSERT INTO ended VALUES (1, now())",
                "CREATE TABLE soon (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE soon_p PARTITION OF soon FOR VALUES FROM (now() - interval '20 days') TO (now() + interval '10 days')",
                "CREATE TABLE ahead (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE ahead_p PARTITION OF ahead FOR VALUES FROM (now() - interval '20 days') TO (now() + interval '90 days')",
                "INSERT INTO ahead SELECT g, now() FROM generate_series(1, 5000) g", "CREATE INDEX ix_ahead_at ON ahead (at)");
        HealthReport report = inspect(db, "public");
        assertThat(report.findings()).filteredOn(f -> f.kind() == Finding.Kind.PARTITION_RUNWAY)
                .extracting(f -> f.severity() + " " + f.table() + ": " + f.detail().replaceAll(" at \\d{4}-[0-9T:.-]+Z", " at T"))
                .containsExactlyInAnyOrder(
                        "ERROR ended: the newest partition ended at T: new rows go to DEFAULT, or fail without one",
                        "WARNING ended: the DEFAULT partition ended_default holds rows that belong in monthly partitions",
                        "WARNING soon: the newest partition ends at T, within a month");
        HealthReport.TableSize ahead = report.sizes().stream().filter(s -> s.table().equals("ahead")).findFirst().orElseThrow();
        HealthReport.TableSize part = report.sizes().stream().filter(s -> s.table().equals("ahead_p")).findFirst().orElseThrow();
        assertThat(ahead.total()).as("a partitioned table's size is its partitions'").isEqualTo(part.total()).isPositive();
        assertThat(ahead.indexes()).isEqualTo(part.indexes()).isPositive();
        assertThat(part.partitionOf()).isEqualTo("ahead");
        assertThat(ahead.partitionOf()).isNull();
        assertThat(report.text()).contains("partition of");
    }

    @Test
    void should_report_nothing_for_every_shipped_pack_and_the_redundancies_of_each_seeds_list() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(Pack.ALL_CHANGELOG);
        }
        String[] schemas = java.util.Arrays.stream(Pack.values()).map(Pack::sharedSchema).toArray(String[]::new);
        HealthReport shipped = inspect(db, schemas);
        assertThat(shipped.atLeast(Finding.Severity.WARNING)).as(shipped.text()).isEmpty();

        // Indexes the seed plans asked for that the pack READMEs leave out as redundant.
        db.execute("CREATE INDEX idx_users_username ON whisper.users (username)",
                "CREATE INDEX idx_users_role ON whisper.users (role)",
                "CREATE INDEX idx_jobs_created_at ON whisper.jobs (created_at)",
                "CREATE INDEX idx_material_analyses_task_id ON textloom_core.material_analyses (task_id)",
                "CREATE INDEX idx_users_email ON grove.users (email)",
                "CREATE INDEX idx_conversations_user_id ON grove.conversations (user_id)",
                "CREATE INDEX idx_messages_conversation_id ON grove.messages (conversation_id)",
                "CREATE INDEX idx_activity_logs_user_id ON fastnext.activity_logs (user_id)");
        HealthReport seeds = inspect(db, schemas);
        List<String> redundant = new java.util.ArrayList<>(of(seeds, Finding.Kind.DUPLICATE_INDEX));
        redundant.addAll(of(seeds, Finding.Kind.REDUNDANT_PREFIX_INDEX));
        assertThat(redundant).as(seeds.text()).contains("idx_users_username", "idx_users_role", "idx_jobs_created_at",
                "idx_material_analyses_task_id", "idx_users_email", "idx_conversations_user_id",
                "idx_messages_conversation_id", "idx_activity_logs_user_id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_write_json_that_parses_with_the_fix_sql() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int, b int)", "CREATE INDEX ix_a ON t (a)", "CREATE INDEX ix_a_b ON t (a, b)");
        Map<String, Object> json = new Yaml().load(inspect(db, "public").json());
        List<Map<String, Object>> findings = (List<Map<String, Object>>) json.get("findings");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("kind")).isEqualTo("REDUNDANT_PREFIX_INDEX");
            assertThat(f.get("fix")).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"ix_a\"");
        });
        assertThat((List<Object>) json.get("sizes")).isNotEmpty();
        assertThat(json.get("cacheHitRatio")).isInstanceOf(Double.class);
    }
}
