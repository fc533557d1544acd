package dev.indexkit.adoption;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.LegacyDatabase;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.partition.PartitionScript;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.EnsureMonthlyPartitionsChange;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.PartitionConverter;
import liquibase.Scope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a DBA does with the reviewed SQL: {@code update-sql} (and {@code rollback-sql}) written to a
 * file and applied with the real {@code psql -v ON_ERROR_STOP=1 -f}, on a service database that has
 * the pack's tables. The result must equal {@code update} (and {@code rollback}) on another such
 * database: the same indexes by {@code pg_get_indexdef}, all valid, the same partitions. The same for
 * the partition script {@code partitions plan} prints, against {@code apply}.
 *
 * <p>Runs in the psql leg of {@code .ci/run}, which installs the client; without psql on the PATH it
 * fails, it does not skip.
 */
@Tag("psql")
class PsqlAppliesUpdateSqlTest {

    @ParameterizedTest
    @ValueSource(strings = {"mina", "whisper", "textloom", "grove", "fastnext"})
    void should_leave_the_same_database_from_update_sql_applied_by_psql_as_from_update(String pack) throws Exception {
        String changelog = "indexkit/" + pack + "/changelog.yaml";
        TestDatabase ran = withPackTables(pack);
        TestDatabase reviewed = withPackTables(pack);
        try (Connection c = ran.connect()) {
            new ChangelogRunner(c).update(changelog);
        }
        String script;
        try (Connection c = reviewed.connect()) {
            script = new ChangelogRunner(c).updateSql(changelog);
        }
        assertThat(script).as("no line that is not SQL").doesNotContain("WARNING:");
        psql(reviewed, script);
        assertThat(state(reviewed)).as("update-sql applied by psql").isEqualTo(state(ran));

        String rollback;
        try (Connection c = reviewed.connect()) {
            rollback = new ChangelogRunner(c).rollbackSql(changelog, pack + "-schema");
        }
        try (Connection c = ran.connect()) {
            new ChangelogRunner(c).rollbackToTag(changelog, pack + "-schema");
        }
        psql(reviewed, rollback);
        assertThat(state(reviewed)).as("rollback-sql applied by psql").isEqualTo(state(ran));
    }

    /**
     * The greenfield case: every pack on an empty database, where the indexes and partitions are
     * planned for tables that earlier changesets of the same update create (fastnext's partitioned
     * activity_logs among them). The clock is pinned so both runs plan the same months.
     */
    @org.junit.jupiter.api.Test
    void should_leave_the_same_database_from_update_sql_of_all_packs_on_an_empty_database_applied_by_psql() throws Exception {
        TestDatabase ran = TestPostgres.freshDatabase();
        TestDatabase reviewed = TestPostgres.freshDatabase();
        Map<String, Object> pinned = Map.of(EnsureMonthlyPartitionsChange.CLOCK_SCOPE_KEY,
                Clock.fixed(Instant.parse("2026-12-01T00:05:00Z"), ZoneOffset.UTC));
        String[] script = new String[1];
        Scope.child(pinned, () -> {
            try (Connection c = ran.connect()) {
                new ChangelogRunner(c).update(Pack.ALL_CHANGELOG);
            }
            try (Connection c = reviewed.connect()) {
                script[0] = new ChangelogRunner(c).updateSql(Pack.ALL_CHANGELOG);
            }
        });
        assertThat(script[0]).contains("ON ONLY \"fastnext\".\"activity_logs\"", "creates it as a new partitioned table with "
                + "partition activity_logs_default", "\"activity_logs_2026_12\" PARTITION OF");
        psql(reviewed, script[0]);
        assertThat(state(reviewed)).as("update-sql of all.yaml applied by psql").isEqualTo(state(ran));
        assertThat(reviewed.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
    }

    @org.junit.jupiter.api.Test
    void should_leave_the_same_partitions_from_the_printed_partition_script_applied_by_psql_as_from_apply() throws Exception {
        // Rows already waiting in DEFAULT for a month that gets its partition, and a month past retention.
        MonthlyPartitions partitions = MonthlyPartitions.of(MonthlyPartitionConfig.forTable("public.events").column("at")
                .monthsAhead(2).retentionMonths(1)
                .clock(Clock.fixed(Instant.parse("2026-03-01T00:05:00Z"), ZoneOffset.UTC)).build());
        TestDatabase applied = withEvents();
        TestDatabase reviewed = withEvents();
        try (Connection c = applied.connect()) {
            partitions.apply(c);
        }
        String script;
        try (Connection c = reviewed.connect()) {
            script = PartitionScript.of(partitions.plan(c)).stream().map(PartitionScript.Line::render)
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        }
        assertThat(script).contains("BEGIN;", "COMMIT;", "LOCK TABLE");
        psql(reviewed, script);
        assertThat(state(reviewed)).as("the printed script applied by psql").isEqualTo(state(applied));
        assertThat(reviewed.scalar("SELECT count(*) FROM events_default")).as("rows moved out of DEFAULT").isEqualTo("0");
        assertThat(reviewed.scalar("SELECT count(*) FROM events")).isEqualTo(applied.scalar("SELECT count(*) FROM events"));
    }

    @org.junit.jupiter.api.Test
    void should_leave_the_same_table_from_the_printed_conversion_applied_by_psql_as_from_convert() throws Exception {
        MonthlyPartitionConfig config = MonthlyPartitionConfig.forTable("public.orders").column("created_at").monthsAhead(1)
                .clock(Clock.fixed(Instant.parse("2024-07-01T00:05:00Z"), ZoneOffset.UTC)).build();
        TestDatabase converted = withOrders();
        TestDatabase reviewed = withOrders();
        try (Connection c = converted.connect()) {
            new PartitionConverter(config).convert(c);
        }
        String script;
        try (Connection c = reviewed.connect()) {
            script = render(new PartitionConverter(config).plan(c));
        }
        assertThat(reviewed.scalar("SELECT relkind FROM pg_class WHERE relname = 'orders'")).as("plan changes nothing").isEqualTo("r");
        assertThat(script).contains("VALIDATE CONSTRAINT", "BEGIN;", "ATTACH PARTITION", "COMMIT;");
        psql(reviewed, script);
        try (Connection c = reviewed.connect()) {
            psql(reviewed, render(MonthlyPartitions.of(config).plan(c)));
        }
        assertThat(state(reviewed)).as("the printed conversion, then the printed months, applied by psql").isEqualTo(state(converted));
        for (TestDatabase db : List.of(converted, reviewed)) {
            db.execute("INSERT INTO orders (created_at, amount) VALUES ('2024-07-04 00:00:00+00', 1)");
        }
        assertThat(reviewed.scalar("SELECT max(id) FROM orders")).as("identity continues")
                .isEqualTo(converted.scalar("SELECT max(id) FROM orders")).isEqualTo("5001");
    }

    @org.junit.jupiter.api.Test
    void should_leave_the_same_indexes_from_a_printed_drift_replace_applied_by_psql_as_from_update() throws Exception {
        TestDatabase ran = withDriftedItems();
        TestDatabase reviewed = withDriftedItems();
        try (Connection c = ran.connect()) {
            new ChangelogRunner(c).parameter("indexkit.onDrift", "replace").update("changelogs/existing-items.yaml");
        }
        String script;
        try (Connection c = reviewed.connect()) {
            script = new ChangelogRunner(c).parameter("indexkit.onDrift", "replace").updateSql("changelogs/existing-items.yaml");
        }
        assertThat(script).contains("BEGIN;", "RENAME TO \"ix_items_code_indexkit_old\";", "COMMIT;",
                "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"ix_items_code_indexkit_old\"");
        psql(reviewed, script);
        assertThat(state(reviewed)).as("the printed replace applied by psql").isEqualTo(state(ran));
    }

    private static TestDatabase withDriftedItems() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text, title text, status text, created_at timestamp, task_id text)",
                "CREATE INDEX ix_items_code ON items (title)", "CREATE INDEX ix_items_task ON items (task_id)");
        return db;
    }

    private static String render(List<PartitionAction> plan) {
        return PartitionScript.of(plan).stream().map(PartitionScript.Line::render)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    private static TestDatabase withOrders() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY, created_at timestamptz NOT NULL, amount int, "
                        + "PRIMARY KEY (id, created_at))",
                "CREATE INDEX ix_orders_amount ON orders (amount)",
                "INSERT INTO orders (created_at, amount) SELECT timestamptz '2024-01-01 00:00:00+00' + g * interval '37 minutes', "
                        + "g % 100 FROM generate_series(1, 5000) g");
        return db;
    }

    private static TestDatabase withEvents() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2025_12 PARTITION OF events FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')",
                "CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')",
                "CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events SELECT g, timestamptz '2026-03-01 00:00:00+00' + g * interval '1 hour' FROM generate_series(1, 1000) g",
                "CREATE INDEX ix_events_at ON events (at)");
        return db;
    }

    /** A database with the pack's base schema applied (the service's existing tables). */
    /**
     * On a service's existing tables (each pack's legacy fixture): update-sql with drift replaced, the
     * changesets the seed's tables cannot take skipped as update skips them, applied by psql, leaves
     * what update leaves; its INSERT into
     * databasechangelog carries the mark of each index that was there before, so rollback keeps them
     * on both databases alike.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MINA", "WHISPER", "TEXTLOOM", "GROVE", "FASTNEXT"})
    void should_leave_the_same_legacy_database_from_update_sql_applied_by_psql_and_roll_back_alike(String name) throws Exception {
        Pack pack = Pack.valueOf(name);
        TestDatabase ran = LegacyDatabase.of(pack);
        TestDatabase reviewed = LegacyDatabase.of(pack);
        for (TestDatabase db : List.of(ran, reviewed)) {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).tag("before-pack");
            }
        }
        try (Connection c = ran.connect()) {
            runner(c, pack).update(pack.indexesChangelog());
        }
        String script;
        try (Connection c = reviewed.connect()) {
            script = runner(c, pack).updateSql(pack.indexesChangelog());
        }
        psql(reviewed, script);
        assertThat(state(reviewed)).as("update-sql applied by psql").isEqualTo(state(ran));
        for (TestDatabase db : List.of(ran, reviewed)) {
            try (Connection c = db.connect()) {
                runner(c, pack).rollbackToTag(pack.indexesChangelog(), "before-pack");
            }
        }
        assertThat(state(reviewed)).as("rolled back after psql").isEqualTo(state(ran));
        assertThat(Catalog.topLevelIndexDefinitions(reviewed, pack.sharedSchema()).keySet())
                .as("the service's own indexes kept").isEqualTo(Catalog.topLevelIndexDefinitions(LegacyDatabase.of(pack),
                        pack.sharedSchema()).keySet());
    }

    private static ChangelogRunner runner(Connection c, Pack pack) {
        return new ChangelogRunner(c).parameter(pack.schemaParameter(), pack.sharedSchema()).parameter("indexkit.onDrift", "replace");
    }

    private static TestDatabase withPackTables(String pack) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("indexkit/" + pack + "/schema.yaml");
        }
        return db;
    }

    /** Every index with its definition and validity, and every partition with its bounds. */
    private static List<List<String>> state(TestDatabase db) {
        List<List<String>> out = new java.util.ArrayList<>(db.rows("SELECT n.nspname, c.relname, pg_get_indexdef(c.oid), "
                + "i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
                + "AND c.relname NOT LIKE 'databasechangelog%' ORDER BY 1, 2"));
        out.addAll(db.rows("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_class c WHERE c.relispartition "
                + "AND c.relkind IN ('r', 'p') ORDER BY 1"));
        return out;
    }

    private static void psql(TestDatabase db, String script) throws Exception {
        Path file = Files.createTempFile("indexkit-review", ".sql");
        Files.writeString(file, script);
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        Path output = Files.createTempFile("psql", ".log");
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(),
                "-p", String.valueOf(uri.getPort()), "-U", db.user(), "-d", uri.getPath().substring(1), "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PGPASSWORD", db.password());
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("the psql client is required for this test (apt-get install -y postgresql-client)", e);
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("psql finished").isTrue();
        assertThat(process.exitValue()).as("psql -v ON_ERROR_STOP=1 -f %s:%n%s", file, Files.readString(output)).isZero();
    }
}
