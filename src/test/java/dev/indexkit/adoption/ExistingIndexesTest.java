package dev.indexkit.adoption;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's database already has indexes, some under the names a changelog uses: one of the same
 * definition is kept (however it is spelled), one of another definition is never silently kept, and
 * every problem of an update is reported before its first DDL.
 */
class ExistingIndexesTest {

    private TestDatabase db;

    @BeforeEach
    void tables() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text, title text, status text, created_at timestamp, task_id text)",
                "CREATE TABLE notes (id bigint PRIMARY KEY, note_id bigint)");
    }

    @Test
    void should_keep_an_existing_index_of_the_same_definition_spelled_another_way() {
        db.execute("CREATE INDEX ix_items_code ON items USING btree (code ASC)",
                "CREATE INDEX ix_items_open ON items (created_at) WHERE status = ANY (ARRAY['queued'::text, 'processing'::text])",
                "CREATE INDEX ix_items_task ON items USING HASH (task_id) WHERE (task_id IS NOT NULL)");
        String before = oids();
        update("changelogs/existing-items.yaml");
        assertThat(oids()).as("the same indexes, untouched").isEqualTo(before);
        assertThat(ran()).isEqualTo("3");
    }

    @Test
    void should_refuse_existing_indexes_of_another_definition_naming_each_before_any_ddl() {
        db.execute("CREATE INDEX ix_items_code ON items (title)",
                "CREATE INDEX ix_items_task ON items (task_id)");
        String before = oids();
        assertThatThrownBy(() -> update("changelogs/existing-items.yaml"))
                .hasMessageContaining("changeset 'existing-code'")
                .hasMessageContaining("key 1 is title, the changeset wants code")
                .hasMessageContaining("Existing: CREATE INDEX ix_items_code ON public.items USING btree (title)")
                .hasMessageContaining("changeset 'existing-task'")
                .hasMessageContaining("it is a btree index, the changeset wants hash")
                .hasMessageContaining("DROP INDEX CONCURRENTLY");
        assertThat(oids()).as("nothing built, nothing dropped").isEqualTo(before);
        assertThat(ran()).isEqualTo("0");
    }

    @Test
    void should_refuse_a_later_changeset_that_redefines_an_index_of_the_same_update() {
        assertThatThrownBy(() -> update("changelogs/redefined-items.yaml"))
                .hasMessageContaining("ix_items_lookup").hasMessageContaining("key 1 is code, the changeset wants title");
        assertThat(db.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_items_lookup'")).contains("(code)");
        assertThat(db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted")).containsExactly("redefine-first");
    }

    @Test
    void should_report_every_missing_column_of_the_update_at_once_and_run_nothing() {
        assertThatThrownBy(() -> update("changelogs/preflight-items.yaml"))
                .hasMessageContaining("changeset 'preflight-missing-media'")
                .hasMessageContaining("table \"items\" has no column media_item_id")
                .hasMessageContaining("changeset 'preflight-missing-content'")
                .hasMessageContaining("table \"notes\" has no column content")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("preflight-guarded"));
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_items_code'"))
                .as("the good changeset before them did not run either").isEqualTo("0");
    }

    @Test
    void should_not_check_a_changeset_its_own_preconditions_skip() {
        update("changelogs/preflight-guarded-only.yaml");
        assertThat(db.column("SELECT id || ':' || exectype FROM databasechangelog ORDER BY orderexecuted"))
                .containsExactly("preflight-good:EXECUTED", "preflight-guarded:MARK_RAN");
    }

    @Test
    void should_rebuild_an_invalid_partitioned_index_left_with_another_definition_instead_of_resuming_it() {
        db.execute("CREATE TABLE events (id bigint, at date NOT NULL, code text, title text) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                // What a failed run of an earlier version of the changeset left: the parent only, INVALID.
                "CREATE INDEX ix_events_code ON ONLY events (title)");
        try (Connection c = db.connect()) {
            new dev.indexkit.internal.index.PostgresIndexBuilder(c, dev.indexkit.internal.index.Timeouts.DEFAULTS)
                    .ensure(new dev.indexkit.internal.index.IndexDefinition("public", "events", "ix_events_code",
                            dev.indexkit.internal.index.IndexMethod.BTREE, false,
                            java.util.List.of(dev.indexkit.internal.index.IndexKey.column("code")), java.util.List.of(), null), true);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(db.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_events_code'")).contains("(code)");
        assertThat(db.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
    }

    private void update(String changelog) {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(changelog);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private String oids() {
        return String.join(",", db.column("SELECT indexrelid::regclass::text || '=' || indexrelid FROM pg_index "
                + "WHERE indrelid = 'items'::regclass ORDER BY 1"));
    }

    private String ran() {
        return db.scalar("SELECT count(*) FROM databasechangelog WHERE id LIKE 'existing-%'");
    }
}
