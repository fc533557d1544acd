package dev.indexkit.reliability;

import dev.indexkit.cli.Main;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.verify.CatalogTests;
import dev.indexkit.verify.PlanAssert;
import dev.indexkit.verify.VerifyCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.indexkit.verify.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A catalog is text from outside (a service's repository, a reviewer's file): verification must never
 * let it write. Every entry here once changed a database through {@code verify --url}; the database
 * must be the same afterwards (tables, row counts, a sequence) and every query reported as refused,
 * through the CLI (read-only and with {@code --measure}), {@code CatalogTests} and {@code PlanAssert}.
 */
class HostileCatalogTest {

    /** name → query; each would write if it reached the server as written. */
    static final Map<String, String> HOSTILE = new TreeMap<>(Map.of(
            "stacked-drop", "SELECT * FROM items WHERE id = 5; DROP TABLE victim",
            "commit-then-drop", "SELECT * FROM items WHERE id = 5; COMMIT; SET default_transaction_read_only = off; DROP TABLE victim",
            "dollar-quoted", "SELECT $q$ x $q$ FROM items WHERE id = 5; DROP TABLE victim; --",
            "escape-string", "SELECT E'\\'' FROM items WHERE id = 5; DROP TABLE victim; --'",
            "modifying-cte", "WITH gone AS (DELETE FROM victim RETURNING *) SELECT count(*) FROM gone",
            "parameter-form", "SELECT * FROM items WHERE id = $1; DROP TABLE victim",
            "create-table-as", "CREATE TABLE stolen AS SELECT * FROM victim",
            "row-locks", "SELECT * FROM victim WHERE id = 1 FOR UPDATE",
            "plain-update", "UPDATE victim SET v = 'changed' WHERE id = 1",
            "comment-hidden", "SELECT * FROM items WHERE id = 5 /* ; */ ; TRUNCATE victim"));

    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL)",
                "INSERT INTO items SELECT g, 'c' || g FROM generate_series(1, 20000) g",
                "CREATE TABLE victim (id bigint PRIMARY KEY, v text)",
                "INSERT INTO victim SELECT g, 'v' || g FROM generate_series(1, 100) g",
                "CREATE SEQUENCE victim_seq", "VACUUM ANALYZE items", "VACUUM ANALYZE victim");
    }

    @Test
    void should_refuse_every_hostile_query_of_verify_url_and_change_nothing(@TempDir Path dir) throws Exception {
        Path catalog = catalogFile(dir, HOSTILE, "items_pkey");
        Map<String, String> before = snapshot();

        String readOnly = cli("verify", "--catalog", catalog.toString());
        String measured = cli("verify", "--catalog", catalog.toString(), "--measure", "1", "--allow-access-exclusive-lock");

        assertThat(snapshot()).as("the database after verify").isEqualTo(before);
        for (String out : List.of(readOnly, measured)) {
            for (String name : HOSTILE.keySet()) {
                assertThat(lineOf(out, name)).as("verdict on %s", name).contains("FAIL: refused");
            }
        }
    }

    @Test
    void should_not_let_a_function_that_writes_run_while_measuring(@TempDir Path dir) throws Exception {
        // An index that backs no constraint: the primary key's timing is skipped before anything executes.
        db.execute("CREATE INDEX ix_items_code ON items (code)", "ANALYZE items");
        Path catalog = catalogFile(dir, Map.of("writes-through-a-function",
                "SELECT * FROM items WHERE code = 'c5' AND nextval('victim_seq') > 0"), "ix_items_code");
        Map<String, String> before = snapshot();

        String out = cli("verify", "--catalog", catalog.toString(), "--measure", "3", "--allow-access-exclusive-lock");

        assertThat(snapshot()).isEqualTo(before);
        assertThat(lineOf(out, "writes-through-a-function")).contains("FAIL: cannot measure", "read-only transaction");
    }

    @Test
    void should_refuse_every_hostile_query_in_catalog_tests_and_plan_assert() throws Exception {
        Map<String, String> before = snapshot();
        try (Connection c = db.connect()) {
            List<DynamicTest> tests = CatalogTests.forCatalog(c, VerifyCatalog.fromText("hostile.yaml", catalogYaml(HOSTILE, "items_pkey"))).toList();
            assertThat(tests).hasSize(HOSTILE.size());
            for (DynamicTest t : tests) {
                assertThatThrownBy(() -> t.getExecutable().execute()).as(t.getDisplayName()).hasMessageContaining("refused");
            }
            // Inside a service's own open transaction too: its uncommitted rows stay, nothing else changes.
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO items VALUES (0, 'fixture')");
            for (String sql : HOSTILE.values()) {
                assertThatThrownBy(() -> assertThatPlan(c, sql).usesIndex("items_pkey")).as(sql).hasMessageContaining("refused");
            }
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM items WHERE id = 0")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the caller's transaction is intact").isEqualTo(1);
            }
            c.rollback();
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    private static Path catalogFile(Path dir, Map<String, String> queries, String index) throws Exception {
        return Files.writeString(dir.resolve("hostile.yaml"), catalogYaml(queries, index));
    }

    /** Each query as a double-quoted YAML scalar, expecting {@code index}. */
    private static String catalogYaml(Map<String, String> queries, String index) {
        StringBuilder yaml = new StringBuilder("queries:\n");
        queries.forEach((name, sql) -> yaml.append("  - name: ").append(name).append("\n    sql: \"")
                .append(sql.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n    index: ").append(index).append("\n"));
        return yaml.toString();
    }

    /** Every table with its row count, and the sequence: what a write would change. */
    private Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        for (String table : db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            out.put(table, db.scalar("SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM \"" + table + "\" t"));
        }
        out.put("victim_seq", db.scalar("SELECT last_value || ':' || is_called FROM victim_seq"));
        return out;
    }

    private String cli(String... args) {
        String[] connection = {"--url", db.url(), "--user", db.user(), "--password=" + db.password()};
        String[] all = new String[args.length + connection.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(connection, 0, all, args.length, connection.length);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true));
        try {
            assertThat(Main.commandLine().execute(all)).as("exit code of verify").isEqualTo(1);
        } finally {
            System.setOut(stdout);
        }
        return captured.toString();
    }

    private static String lineOf(String out, String name) {
        return out.lines().filter(l -> l.contains(name)).findFirst().orElse("(no line for " + name + " in:\n" + out + ")");
    }
}
