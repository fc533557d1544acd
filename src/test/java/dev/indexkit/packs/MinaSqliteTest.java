package dev.indexkit.packs;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestSqlite;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mina pack on real SQLite: the seed's application develops there. */
class MinaSqliteTest {

    private static final String CHANGELOG = "indexkit/mina/changelog.yaml";

    @Test
    void should_apply_roll_back_and_reapply_on_sqlite() throws Exception {
        TestDatabase db = TestSqlite.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(CHANGELOG);
        }
        Map<String, String> applied = Catalog.sqliteIndexes(db);
        assertThat(applied).containsKeys("ix_meetings_workspace_status_created", "ix_tasks_open_due_date",
                "ix_segments_session_id", "ix_sessions_started_at")
                // retired by 1.1.0 and 1.2.0 with dropIndexSafely
                .doesNotContainKeys("ix_meetings_workspace_created", "ix_tasks_assigned_open_due", "ix_segments_session_final_created");
        assertThat(applied.get("ix_meetings_workspace_status_created"))
                .isEqualTo("CREATE INDEX \"ix_meetings_workspace_status_created\" ON \"meetings\" (\"workspace_id\", \"status\", \"created_at\" DESC)");
        assertThat(applied.get("ix_tasks_open_due_date")).endsWith("WHERE status <> 'completed'");
        assertThat(applied.keySet().stream().filter(n -> n.startsWith("ix_"))).hasSize(15);

        db.execute("INSERT INTO sessions (external_id, status, started_at) VALUES ('s-1', 'active', '2025-10-01T10:00:00Z')");
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).rollbackToTag(CHANGELOG, "mina-schema");
        }
        assertThat(Catalog.sqliteIndexes(db).keySet()).containsOnly("ix_segments_session_id");
        assertThat(db.scalar("SELECT count(*) FROM sessions")).isEqualTo("1");

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(CHANGELOG);
        }
        assertThat(Catalog.sqliteIndexes(db)).isEqualTo(applied);
    }
}
