package dev.indexkit.flyway;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.LegacyDatabase;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.partition.MonthlyPartitionConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.extensibility.Plugin;
import org.flywaydb.core.internal.plugin.PluginRegister;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Flyway service gets the same packs: on the pack's tables, {@code flyway migrate} with the pack's
 * location leaves exactly the indexes Liquibase's {@code indexes.yaml} leaves (by pg_get_indexdef), a
 * second migrate does nothing, and partition maintenance runs after it. On the seeds' own tables the
 * guarded changesets are skipped and drift is refused before any DDL, as with Liquibase.
 */
class FlywayPacksTest {

    private static FluentConfiguration flyway(TestDatabase db, Pack pack, Map<String, String> placeholders) {
        Map<String, String> all = new HashMap<>(placeholders);
        all.putIfAbsent(pack.schemaParameter(), pack.sharedSchema());
        FluentConfiguration configuration = Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:indexkit/flyway/" + pack.id())
                .baselineOnMigrate(true)
                .placeholders(all);
        return nonTransactionalLock(configuration);
    }

    /** Flyway 13's way, or Flyway 11's (.ci/run runs this class on both). */
    @SuppressWarnings("deprecation")
    private static FluentConfiguration nonTransactionalLock(FluentConfiguration configuration) {
        try {
            configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        } catch (NoSuchMethodError flyway11) {
            configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        }
        return configuration;
    }

    private static TestDatabase withPackTables(Pack pack) {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), pack.sharedSchema()).update("indexkit/" + pack.id() + "/schema.yaml");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return db;
    }

    @ParameterizedTest
    @EnumSource(Pack.class)
    void should_leave_the_indexes_liquibase_leaves_and_do_nothing_the_second_time(Pack pack) throws Exception {
        TestDatabase liquibase = withPackTables(pack);
        try (Connection c = liquibase.connect()) {
            new ChangelogRunner(c).parameter(pack.schemaParameter(), pack.sharedSchema()).update(pack.indexesChangelog());
        }
        TestDatabase flyway = withPackTables(pack);
        MigrateResult first = flyway(flyway, pack, Map.of()).load().migrate();
        assertThat(first.migrationsExecuted).isEqualTo(1);
        assertThat(Catalog.topLevelIndexDefinitions(flyway, pack.sharedSchema()))
                .as("the same indexes as Liquibase, by pg_get_indexdef").isEqualTo(Catalog.topLevelIndexDefinitions(liquibase, pack.sharedSchema()));
        assertThat(Catalog.invalidIndexes(flyway, pack.sharedSchema())).isEmpty();
        assertThat(flyway(flyway, pack, Map.of()).load().migrate().migrationsExecuted).as("unchanged definition: not run again").isZero();
    }

    @Test
    void should_refuse_to_start_under_flyways_transactional_lock_naming_the_setting() {
        TestDatabase db = withPackTables(Pack.MINA);
        assertThatThrownBy(() -> Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:indexkit/flyway/mina").baselineOnMigrate(true)
                .placeholders(Map.of(Pack.MINA.schemaParameter(), Pack.MINA.sharedSchema())).load().migrate())
                .hasStackTraceContaining("flyway.postgresql.transactional.lock=false");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'ix_meetings%'")).as("nothing built").isEqualTo("0");
    }

    /** A Flyway whose PostgreSQL extension indexkit cannot find: refused, not a build that waits forever. */
    @Test
    void should_refuse_to_start_when_it_cannot_read_flyways_lock_setting() {
        PluginRegister empty = new PluginRegister() {
            @Override
            public <T extends Plugin> T getExact(Class<T> type) {
                return null;
            }

            @Override
            @SuppressWarnings("deprecation")
            public <T extends Plugin> T getPlugin(Class<T> type) {
                return null;
            }
        };
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Configuration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getPluginRegister")) {
                        return empty;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        assertThatThrownBy(() -> FlywayLock.requireNonTransactional(configuration))
                .hasMessageContaining("cannot read that setting").hasMessageContaining("flyway.postgresql.transactional.lock=false");
    }

    @Test
    void should_keep_monthly_partitions_after_migrate() {
        TestDatabase db = withPackTables(Pack.FASTNEXT);
        flyway(db, Pack.FASTNEXT, Map.of()).callbacks(IndexkitFlyway.partitionMaintenance(MonthlyPartitionConfig
                .forTable(Pack.FASTNEXT.sharedSchema() + ".activity_logs").column("timestamp").monthsAhead(3).build())).load().migrate();
        String month = LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString().substring(0, 7).replace('-', '_');
        assertThat(db.column("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'fastnext.activity_logs'::regclass")).contains("activity_logs_" + month, "activity_logs_default");
    }

    @Test
    void should_skip_what_the_seeds_tables_cannot_take_and_refuse_drift_before_any_ddl() {
        TestDatabase textloom = LegacyDatabase.of(Pack.TEXTLOOM);
        flyway(textloom, Pack.TEXTLOOM, Map.of()).load().migrate();
        assertThat(Catalog.topLevelIndexDefinitions(textloom, Pack.TEXTLOOM.sharedSchema()))
                .containsKeys("idx_tasks_celery_task_id", "idx_media_items_original_url").doesNotContainKey("idx_script_contents_content_fts");
        assertThat(Catalog.invalidIndexes(textloom, Pack.TEXTLOOM.sharedSchema())).isEmpty();

        TestDatabase whisper = LegacyDatabase.of(Pack.WHISPER);
        Map<String, String> before = Catalog.topLevelIndexDefinitions(whisper, Pack.WHISPER.sharedSchema());
        assertThatThrownBy(() -> flyway(whisper, Pack.WHISPER, Map.of()).load().migrate())
                .hasStackTraceContaining("nothing was run").hasStackTraceContaining("idx_users_active_created");
        assertThat(Catalog.topLevelIndexDefinitions(whisper, Pack.WHISPER.sharedSchema())).isEqualTo(before);
        flyway(whisper, Pack.WHISPER, Map.of("indexkit.onDrift", "replace")).load().repair();
        flyway(whisper, Pack.WHISPER, Map.of("indexkit.onDrift", "replace")).load().migrate();
        assertThat(Catalog.topLevelIndexDefinitions(whisper, Pack.WHISPER.sharedSchema()).get("idx_users_active_created"))
                .contains("created_at DESC");
    }
}
