package dev.indexkit.reliability;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every changeset indexkit ships, as update-sql prints it, passes the migration-safety rules. */
class UpdateSqlLintTest {

    @Test
    void should_hold_every_shipped_changeset_to_the_migration_safety_rules() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        String sql;
        try (Connection c = db.connect()) {
            sql = new ChangelogRunner(c).updateSql(Pack.ALL_CHANGELOG);
        }
        assertThat(sql.lines().filter(l -> !l.isBlank() && !l.startsWith("--") && l.matches("^[A-Z]+:.*")))
                .as("lines that are not SQL (psql would stop at them)").isEmpty();
        Map<String, Boolean> nonTransactional = nonTransactionalChangeSets(Pack.ALL_CHANGELOG);
        List<MigrationLint.Block> blocks = MigrationLint.blocks(sql);
        assertThat(blocks).hasSize(nonTransactional.size());

        List<String> violations = new ArrayList<>();
        for (MigrationLint.Block block : blocks) {
            assertThat(nonTransactional).as("changeset of block").containsKey(block.changeSet());
            violations.addAll(MigrationLint.violations(block, nonTransactional.get(block.changeSet())));
        }
        assertThat(violations).isEmpty();
        long concurrentBuilds = blocks.stream().flatMap(b -> b.statements().stream())
                .filter(s -> s.startsWith("CREATE INDEX CONCURRENTLY") || s.startsWith("CREATE UNIQUE INDEX CONCURRENTLY")).count();
        assertThat(concurrentBuilds).as("every pack index was linted").isGreaterThanOrEqualTo(57);
    }

    @Test
    void should_hold_partition_retention_to_the_rules_detaching_concurrently() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE events (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)",
                "CREATE TABLE events_2020_01 PARTITION OF events FOR VALUES FROM ('2020-01-01 00:00+00') TO ('2020-02-01 00:00+00')");
        String sql;
        try (Connection c = db.connect()) {
            sql = new ChangelogRunner(c).updateSql("changelogs/events-retention.yaml");
        }
        List<MigrationLint.Block> blocks = MigrationLint.blocks(sql);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).statements()).anyMatch(s -> s.contains("DETACH PARTITION \"public\".\"events_2020_01\" CONCURRENTLY"));
        assertThat(MigrationLint.violations(blocks.get(0), true)).isEmpty();
    }

    @Test
    void should_name_the_changeset_and_statement_for_every_rule_it_breaks() {
        String sql = String.join("\n",
                "-- Changeset app/bad.yaml::1::dev",
                "CREATE INDEX ix_a ON public.orders (a);",
                "DROP INDEX ix_b;",
                "DROP INDEX CONCURRENTLY ix_c;",
                "CREATE INDEX CONCURRENTLY ix_d ON public.orders (d);",
                "CLUSTER public.orders USING ix_a;",
                "ALTER TABLE public.orders DETACH PARTITION public.orders_2020;",
                "-- Changeset app/bad.yaml::2::dev",
                "CREATE TABLE public.fresh (id int);",
                "CREATE INDEX ix_fresh ON public.fresh (id);");
        List<MigrationLint.Block> blocks = MigrationLint.blocks(sql);

        assertThat(MigrationLint.violations(blocks.get(0), false)).anySatisfy(v -> assertThat(v).startsWith("app/bad.yaml::1::dev"))
                .anyMatch(v -> v.contains("without CONCURRENTLY on an existing table") && v.contains("ix_a"))
                .anyMatch(v -> v.contains("dropped without CONCURRENTLY") && v.contains("ix_b"))
                .anyMatch(v -> v.contains("add IF EXISTS") && v.contains("ix_c"))
                .anyMatch(v -> v.contains("add IF NOT EXISTS") && v.contains("ix_d"))
                .anyMatch(v -> v.contains("rewrites or locks the whole table"))
                .anyMatch(v -> v.contains("DETACH PARTITION without CONCURRENTLY"))
                .anyMatch(v -> v.contains("no lock_timeout"))
                .anyMatch(v -> v.contains("CONCURRENTLY inside a transaction"));
        assertThat(MigrationLint.violations(blocks.get(1), false)).as("an index on a table created in the same changeset").isEmpty();
    }

    /** Changeset "path::id::author" to whether it runs outside a transaction, from the parsed changelog. */
    private static Map<String, Boolean> nonTransactionalChangeSets(String changelog) throws Exception {
        ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(UpdateSqlLintTest.class.getClassLoader());
        Map<String, Boolean> out = new HashMap<>();
        Scope.child(Scope.Attr.resourceAccessor.name(), resources, () -> {
            DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                    .parse(changelog, new ChangeLogParameters(new PostgresDatabase()), resources);
            for (ChangeSet cs : log.getChangeSets()) {
                if (cs.getDbmsSet() == null || cs.getDbmsSet().isEmpty() || cs.getDbmsSet().contains("postgresql")) {
                    out.put(cs.getFilePath() + "::" + cs.getId() + "::" + cs.getAuthor(), !cs.isRunInTransaction());
                }
            }
        });
        return out;
    }
}
