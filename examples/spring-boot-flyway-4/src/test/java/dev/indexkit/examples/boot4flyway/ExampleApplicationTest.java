package dev.indexkit.examples.boot4flyway;

import dev.indexkit.liquibase.Pack;
import dev.indexkit.spring.PartitionMaintenance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service started for real: Spring's Flyway applies its own migrations and the packs to embedded PostgreSQL. */
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
    PartitionMaintenance maintenance;

    @Test
    void should_apply_the_services_migrations_then_every_pack_at_startup_and_keep_partitions() throws Exception {
        System.out.printf("Spring context with the service's migrations and all five packs applied in %d ms%n",
                (System.nanoTime() - STARTED) / 1_000_000);
        assertThat(jdbc.queryForList("SELECT coalesce(version, 'R') || ' ' || description || ' ' || success "
                + "FROM flyway_schema_history ORDER BY installed_rank", String.class)).containsExactly(
                "1 pack tables true", "2 invoices true", "R indexkit fastnext pack true", "R indexkit grove pack true",
                "R indexkit mina pack true", "R indexkit textloom pack true", "R indexkit whisper pack true");

        // Every index of every pack schema, by pg_get_indexdef, as the Liquibase path (indexkit/all.yaml)
        // leaves it: the list ../flyway-maven-plugin computes in the same run as its own migrate.
        Map<String, String> found = new TreeMap<>();
        for (Pack pack : Pack.values()) {
            jdbc.query("SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE c.relkind IN ('i', 'I') AND NOT c.relispartition AND n.nspname = ?", rs -> {
                found.put(pack.sharedSchema() + "." + rs.getString(1), rs.getString(2));
            }, pack.sharedSchema());
        }
        assertThat(found).as("every pack index as the Liquibase path builds it; when a pack changed, copy "
                + "../flyway-maven-plugin/target/liquibase-path-indexes.txt (written by its mvn verify) to src/test/resources")
                .isEqualTo(liquibasePath());
        assertThat(jdbc.queryForList("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE NOT i.indisvalid", String.class)).as("invalid indexes").isEmpty();
        assertThat(jdbc.queryForObject("SELECT pg_get_indexdef('public.ix_invoices_meeting'::regclass)", String.class))
                .isEqualTo("CREATE INDEX ix_invoices_meeting ON public.invoices USING btree (meeting_id, issued_at DESC)");

        // indexkit's auto-configured maintenance (indexkit.partitions.tables) ran once after Flyway:
        // this month, 4 ahead and DEFAULT. Run again (what the cron does) it has nothing to do.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_inherits WHERE inhparent = 'fastnext.activity_logs'::regclass",
                Integer.class)).isEqualTo(6);
        assertThat(maintenance.run("fastnext.activity_logs")).contains(List.of());
    }

    /**
     * Without {@code spring.flyway.postgresql.transactional-lock=false} (Flyway's default lock is held
     * in an open transaction, which a CONCURRENTLY build would wait for) the first pack refuses before
     * any DDL and the startup stops, naming the property.
     */
    @Test
    void should_stop_the_startup_naming_the_property_under_flyways_transactional_lock() {
        jdbc.execute("CREATE DATABASE transactional_lock");
        String url = POSTGRES.getJdbcUrl("postgres", "transactional_lock");
        assertThatThrownBy(() -> new SpringApplicationBuilder(ExampleApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.flyway.postgresql.transactional-lock=true").close())
                .hasStackTraceContaining("spring.flyway.postgresql.transactional-lock=false");
        JdbcTemplate refused = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "postgres", true));
        assertThat(refused.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'fastnext' "
                + "AND indexname NOT LIKE '%\\_pkey'", String.class)).as("the first pack's indexes: none built").isEmpty();
    }

    private static Map<String, String> liquibasePath() throws Exception {
        Map<String, String> out = new TreeMap<>();
        String text = new ClassPathResource("liquibase-path-indexes.txt").getContentAsString(StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t", 2);
                out.put(fields[0], fields[1]);
            }
        }
        return out;
    }
}
