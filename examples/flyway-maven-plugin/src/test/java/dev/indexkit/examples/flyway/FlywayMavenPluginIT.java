package dev.indexkit.examples.flyway;

import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After {@code flyway:migrate} (pre-integration-test): the database the plugin migrated against what
 * the Liquibase path leaves. The same server gets a second database, {@code liquibase_path}, where
 * indexkit/all.yaml (every pack's tables, indexes and partitions, each pack in its own schema) is
 * applied in-process; every index of every pack schema must then be the same in both, by
 * {@code pg_get_indexdef}, and valid.
 */
class FlywayMavenPluginIT {

    private static final String URL = System.getProperty("db.url", "jdbc:postgresql://localhost:54330/postgres");

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(URL.substring(0, URL.lastIndexOf('/') + 1) + database, "postgres", "postgres");
    }

    @Test
    void should_leave_every_pack_index_valid_and_as_the_liquibase_path_leaves_it() throws Exception {
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS liquibase_path");
            st.execute("CREATE DATABASE liquibase_path");
        }
        try (Connection flyway = connect("postgres"); Connection liquibase = connect("liquibase_path")) {
            new ChangelogRunner(liquibase).update(Pack.ALL_CHANGELOG);

            // The service's versioned migrations first, then one repeatable migration per pack.
            assertThat(column(flyway, "SELECT coalesce(version, 'R') || ' ' || description || ' ' || success "
                    + "FROM flyway_schema_history ORDER BY installed_rank")).containsExactly(
                    "1 pack tables true", "2 invoices true", "R indexkit fastnext pack true", "R indexkit grove pack true",
                    "R indexkit mina pack true", "R indexkit textloom pack true", "R indexkit whisper pack true");

            List<String> liquibasePath = new ArrayList<>();
            for (Pack pack : Pack.values()) {
                Map<String, String> expected = indexes(liquibase, pack.sharedSchema());
                assertThat(expected).as("the Liquibase path built %s's indexes", pack.id()).hasSizeGreaterThan(5);
                assertThat(indexes(flyway, pack.sharedSchema())).as("%s: the indexes of the Liquibase path, by pg_get_indexdef",
                        pack.id()).isEqualTo(expected);
                expected.forEach((name, definition) -> liquibasePath.add(pack.sharedSchema() + "." + name + "\t" + definition));
            }
            // What ../spring-boot-flyway checks its startup against (its src/test/resources copy).
            Files.write(Path.of("target", "liquibase-path-indexes.txt"), liquibasePath);
            assertThat(column(flyway, "SELECT n.nspname || '.' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid")).as("invalid indexes").isEmpty();

            // The service's own migration, and its partitions: the callback kept the months the
            // fastnext pack's runAlways changeset keeps for Liquibase.
            assertThat(indexes(flyway, "public")).containsEntry("ix_invoices_meeting",
                    "CREATE INDEX ix_invoices_meeting ON public.invoices USING btree (meeting_id, issued_at DESC)");
            String partitions = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    + "WHERE i.inhparent = 'fastnext.activity_logs'::regclass ORDER BY 1";
            String inThreeMonths = LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString().substring(0, 7).replace('-', '_');
            assertThat(column(flyway, partitions)).contains("activity_logs_" + inThreeMonths, "activity_logs_default")
                    .isEqualTo(column(liquibase, partitions));
            System.out.printf("checked: %d indexes in the five pack schemas, valid and identical to the Liquibase path; "
                    + "the service's own index; fastnext.activity_logs partitions%n", liquibasePath.size());
        }
    }

    /** Index name to pg_get_indexdef for every top-level index of a schema (partitions' own indexes excluded). */
    private static Map<String, String> indexes(Connection c, String schema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT c.relname, pg_get_indexdef(c.oid) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I') "
                + "AND NOT c.relispartition AND n.nspname = '" + schema + "'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
