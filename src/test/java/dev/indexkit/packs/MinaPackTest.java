package dev.indexkit.packs;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MinaPackTest {

    private static final String CHANGELOG = "indexkit/mina/changelog.yaml";
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
    }

    @Test
    void should_build_every_index_valid_then_roll_back_and_rebuild_identically() throws Exception {
        Map<String, String> before;
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(CHANGELOG);
        }
        Map<String, String> all = Catalog.indexDefinitions(db, "public");
        Map<String, String> pack = packIndexes(all);
        assertThat(pack).hasSize(16);
        assertThat(pack.get("ix_meetings_workspace_status_created"))
                .isEqualTo("CREATE INDEX ix_meetings_workspace_status_created ON public.meetings USING btree (workspace_id, status, created_at DESC)");
        assertThat(pack.get("ix_tasks_assigned_open_due")).endsWith("WHERE ((status)::text <> 'completed'::text)");
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        before = all;

        db.execute("INSERT INTO sessions (external_id, status, started_at) VALUES ('s-1', 'active', now())",
                "INSERT INTO meetings (workspace_id, title, status, created_at) VALUES (1, 'standup', 'completed', now())");

        // A second update finds nothing to do.
        String secondRun;
        try (Connection c = db.connect()) {
            secondRun = new ChangelogRunner(c).updateSql(CHANGELOG);
            new ChangelogRunner(c).update(CHANGELOG);
        }
        assertThat(secondRun).doesNotContain("CREATE INDEX");
        assertThat(Catalog.indexDefinitions(db, "public")).isEqualTo(before);

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).rollbackToTag(CHANGELOG, "mina-schema");
        }
        Map<String, String> afterRollback = Catalog.indexDefinitions(db, "public");
        assertThat(packIndexes(afterRollback)).isEmpty();
        assertThat(afterRollback.keySet()).isEqualTo(minus(before.keySet(), pack.keySet()));
        assertThat(db.scalar("SELECT count(*) FROM meetings")).isEqualTo("1");

        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(CHANGELOG);
        }
        assertThat(Catalog.indexDefinitions(db, "public")).isEqualTo(before);
    }

    private static Map<String, String> packIndexes(Map<String, String> all) {
        Map<String, String> pack = new TreeMap<>(all);
        pack.keySet().removeIf(name -> !name.startsWith("ix_") || name.equals("ix_segments_session_id"));
        return pack;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
