package dev.indexkit.cli;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.cli.DemoCommand;
import dev.indexkit.internal.cli.FailureHandler;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code commands} with System.out captured (the commands print their results there); returns what they printed. */
    private static String stdout(Runnable commands) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            commands.run();
        } finally {
            System.setOut(previous);
        }
        return captured.toString();
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void should_update_and_roll_back_a_pack_against_a_url() {
        TestDatabase db = TestPostgres.freshDatabase();
        String[] connection = {"--url", db.url(), "--user", db.user(), "--password=" + db.password()};

        assertThat(run(concat(new String[]{"update", "--changelog", "indexkit/mina/changelog.yaml"}, connection))).isZero();
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_meetings_workspace_status_created");

        String captured = stdout(() -> {
            assertThat(run(concat(new String[]{"rollback", "--sql", "--changelog", "indexkit/mina/changelog.yaml", "--tag",
                    "mina-schema"}, connection))).isZero();
        });
        assertThat(captured).contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"ix_meetings_workspace_status_created\"");
        assertThat(Catalog.indexDefinitions(db, "public")).as("--sql changes nothing").containsKey("ix_meetings_workspace_status_created");

        assertThat(run(concat(new String[]{"rollback", "--changelog", "indexkit/mina/changelog.yaml", "--tag", "mina-schema"},
                connection))).isZero();
        assertThat(Catalog.indexDefinitions(db, "public")).doesNotContainKey("ix_meetings_workspace_status_created");
    }

    @Test
    void should_filter_update_and_rollback_by_contexts_and_labels_on_a_changelog_given_by_absolute_path(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint, a int, b int)");
        java.nio.file.Path changelog = dir.resolve("changelog.yaml");
        java.nio.file.Files.writeString(changelog, dev.indexkit.fixtures.FilteredChangelog.YAML);
        String[] update = {"update", "--changelog", changelog.toAbsolutePath().toString(),
                "--url", db.url(), "--user", db.user(), "--password=" + db.password()};

        String sql = stdout(() -> assertThat(run(concat(update, new String[]{"--contexts", "blue", "--sql"}))).isZero());
        assertThat(sql).contains("\"ix_items_a\"").doesNotContain("\"ix_items_b\"");
        assertThat(run(concat(update, new String[]{"--contexts", "blue"}))).isZero();
        assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_a");
        assertThat(run(update)).isZero();
        assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_a", "ix_items_b");

        String[] rollback = {"rollback", "--changelog", changelog.toAbsolutePath().toString(), "--tag", "start",
                "--labels", "x", "--url", db.url(), "--user", db.user(), "--password=" + db.password()};
        assertThat(run(rollback)).isZero();
        assertThat(Catalog.indexDefinitions(db, "public")).containsOnlyKeys("ix_items_b");
    }

    @Test
    void should_plan_then_apply_monthly_partitions() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)");
        String[] common = {"--table", "public.events", "--column", "at", "--months-ahead", "1",
                "--url", db.url(), "--user", db.user(), "--password=" + db.password()};

        String captured = stdout(() -> {
            assertThat(run(concat(new String[]{"partitions", "plan"}, common))).isZero();
            assertThat(db.column("SELECT relname FROM pg_class WHERE relname LIKE 'events_%'")).isEmpty();
            assertThat(run(concat(new String[]{"partitions", "apply"}, common))).isZero();
            assertThat(run(concat(new String[]{"partitions", "apply"}, common))).isZero();
        });
        assertThat(captured).contains("public.events: what apply would run now", "BEGIN;",
                "-- create events_", "CREATE TABLE \"public\".\"events_default\" PARTITION OF", "COMMIT;",
                "public.events: what apply ran", "public.events: partitions are up to date");
        assertThat(db.column("SELECT relname FROM pg_class WHERE relname LIKE 'events_%' AND relkind = 'r'")).hasSize(3);
    }

    @Test
    void should_print_a_conversion_without_running_it_then_convert_from_the_command_line() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE visits (id bigint, at date NOT NULL)",
                "INSERT INTO visits SELECT g, date '2024-01-01' + g FROM generate_series(1, 100) g");
        String[] common = {"--table", "public.visits", "--column", "at", "--months-ahead", "1",
                "--url", db.url(), "--user", db.user(), "--password=" + db.password()};

        String captured = stdout(() -> {
            assertThat(run(concat(new String[]{"partitions", "convert", "--plan"}, common))).isZero();
            assertThat(db.scalar("SELECT relkind FROM pg_class WHERE relname = 'visits'")).as("--plan changes nothing").isEqualTo("r");
            assertThat(run(concat(new String[]{"partitions", "convert"}, common))).isZero();
        });
        assertThat(captured).contains("public.visits: what convert would run now", "NOT VALID;",
                "VALIDATE CONSTRAINT", "BEGIN;", "ATTACH PARTITION \"public\".\"visits_history\"", "COMMIT;", "converted");
        assertThat(db.scalar("SELECT relkind FROM pg_class WHERE relname = 'visits'")).isEqualTo("p");
        assertThat(run(concat(new String[]{"partitions", "apply", "--plan"}, common))).as("--plan is for convert").isEqualTo(2);
        assertThat(err.toString()).contains("--plan goes with convert");
    }

    @Test
    void should_exit_2_naming_the_table_when_it_is_not_partitioned() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE flat (at date)");
        assertThat(run("partitions", "apply", "--table", "public.flat", "--column", "at",
                "--url", db.url(), "--user", db.user(), "--password=" + db.password())).isEqualTo(2);
        assertThat(err.toString()).contains("\"public\".\"flat\" is not partitioned");
    }

    @Test
    void should_verify_a_service_catalog_read_only_and_exit_1_on_a_wrong_expectation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL)",
                "INSERT INTO items SELECT g, 'c' || g FROM generate_series(1, 50000) g",
                "CREATE INDEX ix_items_code ON items (code)", "VACUUM ANALYZE items");
        java.nio.file.Path good = dir.resolve("good.yaml");
        java.nio.file.Files.writeString(good, "queries:\n  - name: by-code\n    sql: SELECT * FROM items WHERE code = 'c42'\n    index: ix_items_code\n");
        java.nio.file.Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "queries:\n  - name: by-id\n    sql: SELECT * FROM items WHERE id = 42\n    index: ix_items_code\n");
        java.nio.file.Path report = dir.resolve("report.html");
        String[] connection = {"--url", db.url(), "--user", db.user(), "--password=" + db.password()};

        String captured = stdout(() -> {
            assertThat(run(concat(new String[]{"verify", "--catalog", good.toString(), "--report", report.toString()}, connection))).isZero();
            assertThat(run(concat(new String[]{"verify", "--catalog", bad.toString()}, connection))).isEqualTo(1);
        });
        assertThat(captured).contains("by-code", "pass", "by-id", "FAIL: plan uses items_pkey");
        assertThat(java.nio.file.Files.readString(report)).contains("<table>", "ix_items_code", "1/1 queries use their index");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_items_code'")).as("read-only: nothing dropped").isEqualTo("1");
    }

    @Test
    void should_report_health_as_json_exit_1_on_warnings_and_never_print_the_password() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int, b int)", "CREATE INDEX ix_a ON t (a)", "CREATE INDEX ix_a_b ON t (a, b)");
        int[] exits = new int[2];
        String captured = stdout(() -> {
            exits[0] = run("health", "--json", "--url", db.url(), "--user", db.user(), "--password=" + db.password());
            exits[1] = run("health", "--fail-on", "error", "--url", db.url(), "--user", db.user(), "--password=" + db.password());
        });
        assertThat(exits[0]).as("warnings").isEqualTo(1);
        assertThat(exits[1]).as("--fail-on error").isZero();
        assertThat(captured).contains("\"kind\":\"REDUNDANT_PREFIX_INDEX\"", "REDUNDANT_PREFIX_INDEX  public  t")
                .doesNotContain("--password", "password=");
    }

    @Test
    void should_exit_2_naming_the_url_but_never_the_password_when_it_cannot_connect() {
        int code = run("update", "--changelog", "indexkit/mina/changelog.yaml",
                "--url", "jdbc:postgresql://localhost:1/nowhere", "--user", "app", "--password=s3cret-Value");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot connect to jdbc:postgresql://localhost:1/nowhere as app");
        assertThat(out + err.toString()).doesNotContain("s3cret-Value");
    }

    @Test
    void should_redact_a_password_given_inside_the_url() {
        int code = run("verify", "--url", "jdbc:postgresql://localhost:1/nowhere?user=app&password=s3cret-Value&ssl=false");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot connect to jdbc:postgresql://localhost:1/nowhere?user=app&password=***&ssl=false");
        assertThat(out + err.toString()).doesNotContain("s3cret-Value");
        assertThat(dev.indexkit.internal.sql.JdbcUrls.redact("jdbc:other://app:s3cret@db:5432/x;Password=s3cret"))
                .isEqualTo("jdbc:other://app:***@db:5432/x;Password=***");
    }

    @Test
    void should_exit_1_when_a_partition_step_failed_on_the_server_and_2_when_the_input_was_wrong() {
        java.sql.SQLException lockTimeout = new java.sql.SQLException("canceling statement due to lock timeout", "55P03");
        assertThat(FailureHandler.exitCode(new dev.indexkit.partition.PartitionException("Could not create x", lockTimeout)))
                .isEqualTo(1);
        assertThat(FailureHandler.exitCode(new dev.indexkit.partition.PartitionException("x is not partitioned"))).isEqualTo(2);
        assertThat(FailureHandler.exitCode(new dev.indexkit.partition.PartitionException("Converting x stopped",
                new dev.indexkit.partition.PartitionException("Could not swap", lockTimeout)))).as("a wrapped server error").isEqualTo(1);
    }

    @Test
    void should_exit_2_when_the_changelog_is_missing_or_malformed_and_1_when_the_server_refuses_a_statement(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        String[] connection = {"--url", db.url(), "--user", db.user(), "--password=" + db.password()};
        java.nio.file.Path malformed = dir.resolve("malformed.yaml");
        java.nio.file.Files.writeString(malformed, "databaseChangeLog:\n  - changeSet:\n      id: 1\n      changes: [\n");
        java.nio.file.Path failing = dir.resolve("failing.yaml");
        java.nio.file.Files.writeString(failing, "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: t\n      changes:\n"
                + "        - sql:\n            sql: CREATE INDEX ix_missing ON no_such_table (a)\n");

        assertThat(run(concat(new String[]{"update", "--changelog", "no/such/changelog.yaml"}, connection))).as("missing").isEqualTo(2);
        assertThat(err.toString()).contains("no/such/changelog.yaml does not exist");
        assertThat(run(concat(new String[]{"update", "--changelog", dir.resolve("absent.yaml").toString()}, connection)))
                .as("missing, absolute").isEqualTo(2);
        assertThat(run(concat(new String[]{"update", "--changelog", malformed.toString()}, connection))).as("malformed").isEqualTo(2);
        assertThat(run(concat(new String[]{"update", "--changelog", failing.toString()}, connection))).as("refused by the server")
                .isEqualTo(1);
        assertThat(err.toString()).contains("failed: ERROR: relation \"no_such_table\" does not exist");
        assertThat(run(concat(new String[]{"rollback", "--changelog", failing.toString(), "--tag", "release-0"}, connection)))
                .as("no such tag").isEqualTo(2);
        assertThat(err.toString()).contains("release-0");
    }

    @Test
    void should_exit_2_naming_a_schema_health_cannot_find_and_a_url_that_is_not_jdbc() {
        TestDatabase db = TestPostgres.freshDatabase();
        assertThat(run("health", "--schema", "public,Billing", "--url", db.url(), "--user", db.user(), "--password=" + db.password()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("schema Billing does not exist in this database");
        assertThat(run("health", "--url", "postgres://localhost:1/app")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot connect to postgres://localhost:1/app", "a JDBC URL starts with jdbc:");
    }

    @Test
    void should_exit_2_on_a_missing_catalog_and_1_when_a_catalog_query_cannot_be_explained(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        String[] connection = {"--url", db.url(), "--user", db.user(), "--password=" + db.password()};
        assertThat(run(concat(new String[]{"verify", "--catalog", dir.resolve("absent.yaml").toString()}, connection))).isEqualTo(2);
        assertThat(err.toString()).contains("absent.yaml: no such file");
        java.nio.file.Path catalog = dir.resolve("broken.yaml");
        java.nio.file.Files.writeString(catalog, "queries:\n  - name: gone\n    sql: SELECT * FROM no_such_table\n    index: ix_gone\n");
        String captured = stdout(() -> assertThat(run(concat(new String[]{"verify", "--catalog", catalog.toString()}, connection)))
                .isEqualTo(1));
        assertThat(captured).contains("gone", "relation \"no_such_table\" does not exist");
    }

    @Test
    void should_exit_2_on_an_unknown_option() {
        assertThat(run("update", "--changelog", "x.yaml", "--url", "jdbc:postgresql://localhost:1/db", "--colour")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    @Test
    void should_fail_the_demo_when_one_query_of_its_verification_does_not_use_its_index() {
        dev.indexkit.verify.TargetQuery q = new dev.indexkit.verify.TargetQuery("recent", null, "SELECT 1", "ix_a", null, null,
                java.util.Set.of("postgresql"), null);
        dev.indexkit.internal.verify.QueryResult pass = new dev.indexkit.internal.verify.QueryResult("p", q, java.util.Set.of("ix_a"), null, 1, 1, 1, 2);
        dev.indexkit.internal.verify.QueryResult fail = new dev.indexkit.internal.verify.QueryResult("p", q, java.util.Set.of(), "used no index", 1, 1, 1, 1);
        assertThat(DemoCommand.exitCode(new dev.indexkit.internal.verify.VerifyReport(java.util.List.of(pass)))).isZero();
        assertThat(DemoCommand.exitCode(new dev.indexkit.internal.verify.VerifyReport(java.util.List.of(pass, fail)))).isEqualTo(1);
    }

    @Test
    void should_document_exit_codes_in_help() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "update", "rollback", "2   bad input or cannot connect");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
