package dev.indexkit.internal.sql;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.indexkit.verify.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nothing indexkit sets on a session outlives the step that set it, also when that step fails. */
class SessionSettingsTest {

    private static final List<String> WATCHED = List.of("search_path", "plan_cache_mode", "lock_timeout", "statement_timeout",
            "transaction_read_only", "default_transaction_read_only", "client_connection_check_interval");

    private static TestDatabase db;

    @BeforeAll
    static void schema() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE SCHEMA app",
                "CREATE TABLE app.items (id bigint PRIMARY KEY, code text NOT NULL)",
                "INSERT INTO app.items SELECT g, 'c' || g FROM generate_series(1, 1000) g",
                // A NULL cannot be cast to this domain: the generic-plan explain (EXECUTE with NULLs) fails
                // after plan_cache_mode was set.
                "CREATE DOMAIN app.required_id AS bigint NOT NULL",
                "ANALYZE app.items");
    }

    @Test
    void should_leave_every_setting_as_it_was_when_an_explain_fails() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path = app, public");
            st.execute("SET plan_cache_mode = force_custom_plan");
            st.execute("SET lock_timeout = '7s'");
            st.execute("SET statement_timeout = '3min'");
            Map<String, String> before = settings(c);

            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM items WHERE id = $1::required_id").usesIndex("items_pkey"))
                    .hasMessageContaining("required_id");
            assertThat(settings(c)).isEqualTo(before);
            assertThat(c.getAutoCommit()).isTrue();

            assertThatThrownBy(() -> assertThatPlan(c, "SELECT * FROM items WHERE no_such_column = 1").usesIndex("items_pkey"))
                    .hasMessageContaining("no_such_column");
            assertThat(settings(c)).isEqualTo(before);
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void should_put_back_the_settings_already_changed_when_a_later_one_is_refused() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '7s'");
            Map<String, String> wanted = new LinkedHashMap<>();
            wanted.put("lock_timeout", "1s");
            wanted.put("statement_timeout", "not a duration");
            assertThatThrownBy(() -> SessionSettings.apply(c, wanted)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("statement_timeout");
            assertThat(SessionSettings.current(c, "lock_timeout")).isEqualTo("7s");
        }
    }

    @Test
    void should_restore_the_previous_values_on_close() throws Exception {
        try (Connection c = db.connect()) {
            Map<String, String> before = settings(c);
            try (SessionSettings ignored = SessionSettings.apply(c, SessionSettings.forDdl("2s", "0", 17))) {
                assertThat(SessionSettings.current(c, "lock_timeout")).isEqualTo("2s");
                assertThat(SessionSettings.current(c, "client_connection_check_interval")).isEqualTo("1s");
            }
            assertThat(settings(c)).isEqualTo(before);
        }
    }

    @Test
    void should_print_the_settings_the_run_applies() {
        assertThat(SessionSettings.forDdl("2s", "0", 13)).containsExactly(Map.entry("lock_timeout", "2s"),
                Map.entry("statement_timeout", "0"));
        assertThat(SessionSettings.forDdl("30min", "0", 14)).containsKey("client_connection_check_interval");
        assertThat(SessionSettings.setStatement("lock_timeout", "2s")).isEqualTo("SET lock_timeout = '2s'");
        assertThat(SessionSettings.setLocalStatement("search_path", "a'b")).isEqualTo("SET LOCAL search_path = 'a''b'");
        assertThat(SessionSettings.resetStatement("lock_timeout")).isEqualTo("RESET lock_timeout");
    }

    private static Map<String, String> settings(Connection c) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : WATCHED) {
            values.put(name, SessionSettings.current(c, name));
        }
        return values;
    }
}
