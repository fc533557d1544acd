package dev.indexkit.liquibase;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ensureIndex end to end through Liquibase on real PostgreSQL. */
class EnsureIndexChangeTest {

    private TestDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.freshDatabase();
    }

    @Test
    void should_repair_an_invalid_leftover_of_the_same_name() throws Exception {
        update("changelogs/items-table.yaml");
        db.execute("INSERT INTO items (code, status, created_at) VALUES ('a', 'new', now()), ('a', 'new', now())");
        // A unique concurrent build that hits duplicates leaves an INVALID index behind: the real leftover.
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY ix_items_code ON items (code)"))
                .hasMessageContaining("could not create unique index");
        assertThat(Catalog.invalidIndexes(db, "public")).containsExactly("ix_items_code");
        db.execute("DELETE FROM items WHERE id = (SELECT max(id) FROM items)");

        update("changelogs/items-index.yaml");

        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        assertThat(Catalog.indexDefinitions(db, "public"))
                .containsEntry("ix_items_code", "CREATE UNIQUE INDEX ix_items_code ON public.items USING btree (code)");
    }

    @Test
    void should_fail_loudly_and_leave_nothing_invalid_when_a_unique_build_meets_duplicates() {
        update("changelogs/items-table.yaml");
        db.execute("INSERT INTO items (code, status, created_at) VALUES ('a', 'new', now()), ('a', 'new', now())");

        assertThatThrownBy(() -> update("changelogs/items-index.yaml"))
                .hasMessageContaining("ix_items_code")
                .hasMessageContaining("could not create unique index");

        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKey("ix_items_code");
        assertThat(ranChangeSets()).doesNotContain("ix_items_code");
    }

    @Test
    void should_give_up_within_its_lock_timeout_naming_the_table_and_record_nothing() throws Exception {
        update("changelogs/items-table.yaml");
        try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("LOCK TABLE items IN SHARE UPDATE EXCLUSIVE MODE");

            // The blocker still holds its lock when update returns: the build gave up, it did not wait.
            assertThatThrownBy(() -> update("changelogs/items-index.yaml"))
                    .hasMessageContaining("lock_timeout=1s (concurrentLockTimeout) expired while waiting for table \"items\"")
                    .hasMessageContaining("pg_stat_activity");
            assertThat(ranChangeSets()).doesNotContain("ix_items_code");
            assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKey("ix_items_code");
            blocker.rollback();
        }
        update("changelogs/items-index.yaml");
        assertThat(ranChangeSets()).contains("ix_items_code");
    }

    @Test
    void should_restore_the_session_timeouts_after_the_build() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '1234ms'");
            st.execute("SET statement_timeout = '98765ms'");
            new ChangelogRunner(c).update("changelogs/items-index.yaml");
            assertThat(setting(c, "lock_timeout")).isEqualTo("1234ms");
            assertThat(setting(c, "statement_timeout")).isEqualTo("98765ms");
        }
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_items_code");
    }

    @Test
    void should_fail_before_any_ddl_when_a_column_is_unknown() {
        assertThatThrownBy(() -> update("changelogs/items-unknown-column.yaml"))
                .hasMessageContaining("ix_items_colour")
                .hasMessageContaining("has no column colour");
        assertThat(ranChangeSets()).contains("items-table").doesNotContain("ix_items_colour");
        assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKey("ix_items_colour");
    }

    @Test
    void should_fail_before_any_ddl_when_the_table_is_unknown() {
        assertThatThrownBy(() -> update("changelogs/items-unknown-table.yaml"))
                .hasMessageContaining("table \"widgets\" does not exist");
        assertThat(ranChangeSets()).doesNotContain("ix_widgets_code");
    }

    @Test
    void should_refuse_a_changeset_that_wraps_a_concurrent_build_in_a_transaction() {
        assertThatThrownBy(() -> update("changelogs/items-in-transaction.yaml"))
                .hasMessageContaining("add `runInTransaction: false` to changeset 'ix_items_status'");
        // Validation fails before anything runs, the table changeset included.
        assertThat(db.scalar("SELECT to_regclass('public.items')")).isNull();
    }

    @Test
    void should_apply_and_roll_back_from_xml_and_json_changelogs() {
        update("changelogs/items-index.xml");
        update("changelogs/items-index.json");
        assertThat(Catalog.indexDefinitions(db, "public"))
                .containsEntry("ix_items_status_created", "CREATE INDEX ix_items_status_created ON public.items "
                        + "USING btree (status, created_at DESC) WHERE ((status)::text <> 'done'::text)")
                .containsEntry("ix_items_lower_code", "CREATE INDEX ix_items_lower_code ON public.items USING hash (lower((code)::text))");
    }

    @Test
    void should_show_the_concurrent_build_outside_any_transaction_in_update_sql() throws Exception {
        String sql;
        try (Connection c = db.connect()) {
            sql = new ChangelogRunner(c).updateSql("changelogs/items-index.yaml");
        }
        assertThat(sql).contains("SET lock_timeout = '1s'", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"ix_items_code\" ON \"items\" USING btree (\"code\")",
                "RESET lock_timeout");
        String build = sql.substring(sql.indexOf("-- Changeset test/items-index.yaml::ix_items_code"));
        assertThat(build).doesNotContainIgnoringCase("BEGIN").doesNotContain("COMMIT;\n\nCREATE");
    }

    private void update(String changelog) {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(changelog);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.List<String> ranChangeSets() {
        return db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted");
    }

    private static String setting(Connection c, String name) throws Exception {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
