package dev.indexkit.examples.boot;

import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.spring.PartitionMaintenance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service started for real: Spring's Liquibase applies the packs to embedded PostgreSQL. */
@SpringBootTest
class ExampleApplicationTest {

    private static final EmbeddedPostgres POSTGRES = start();
    private static final long STARTED = System.nanoTime();

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stop() throws Exception {
        POSTGRES.close();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PartitionMaintenance maintenance;

    @Test
    void should_apply_the_packs_at_startup_keep_partitions_and_find_nothing_pending_by_another_path() throws Exception {
        System.out.printf("Spring context with all five packs applied in %d ms%n", (System.nanoTime() - STARTED) / 1_000_000);
        List<String> valid = jdbc.queryForList("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indisvalid", String.class);
        assertThat(valid).contains("ix_meetings_workspace_status_created", "ix_tasks_open_due_date", "idx_jobs_status_created",
                "idx_media_items_original_url", "idx_users_email_name", "idx_activity_logs_user_timestamp", "idx_workflow_templates_config_gin");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_index WHERE NOT indisvalid", Integer.class)).isZero();

        // indexkit's auto-configured maintenance (indexkit.partitions.tables in application.yaml): the
        // runAlways changeset made this month, 3 more and DEFAULT; the startup run after Liquibase
        // added the 4th month ahead. Run again (what the cron does) it has nothing to do, and it
        // holds the table's lock while it runs (Optional.empty() would mean another replica did).
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_inherits WHERE inhparent = 'fastnext.activity_logs'::regclass",
                Integer.class)).isEqualTo(6);
        assertThat(maintenance.tables()).singleElement().satisfies(t -> assertThat(t.monthsAhead()).isEqualTo(4));
        assertThat(maintenance.run("fastnext.activity_logs")).contains(List.of());

        // Changeset identity: Spring found the changelog as classpath:db/changelog-master.yaml; read
        // without the prefix, the same changesets are already applied.
        try (Connection c = dataSource.getConnection()) {
            String pending = new ChangelogRunner(c).updateSql("db/changelog-master.yaml");
            assertThat(pending).doesNotContain("CREATE INDEX", "CREATE TABLE");
        }
    }
}
