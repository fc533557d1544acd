package dev.indexkit.verify;

import dev.indexkit.fixtures.InProcessCli;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's own catalog, as its README example has it: tables in the service's schema (app), a
 * data: script beside the catalog, JDBC ? parameters, run through the CLI with --schema and
 * --seed-data, and through CatalogTests on a DataSource. A data: file that is missing is an error
 * naming it; --pack with --catalog is refused.
 */
class ServiceCatalogTest {

    private static final String CATALOG = """
            data: orders-data.sql
            queries:
              - name: orders-of-customer
                sql: SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT 20
                params: [42]
                index: ix_orders_customer_created
              - name: open-orders
                sql: SELECT * FROM orders WHERE status = 'open' ORDER BY created_at LIMIT 50
                index: ix_orders_open
            """;

    private static final String DATA = """
            -- :scale thousand orders, a few of them open
            INSERT INTO orders (customer_id, status, created_at)
            SELECT g % 5000, CASE WHEN g % 200 = 0 THEN 'open' ELSE 'shipped' END,
                   timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
            FROM generate_series(1, 100000 * :scale) g;
            """;

    private static TestDatabase serviceDatabase() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE SCHEMA app",
                "CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL, "
                        + "status text NOT NULL, created_at timestamptz NOT NULL)",
                "CREATE INDEX ix_orders_customer_created ON app.orders (customer_id, created_at DESC)",
                "CREATE INDEX ix_orders_open ON app.orders (created_at) WHERE status = 'open'");
        return db;
    }

    private static InProcessCli cli(String... args) {
        return InProcessCli.run(args);
    }

    @Test
    void should_load_the_catalogs_data_and_check_its_queries_in_the_services_schema(@TempDir Path dir) throws Exception {
        TestDatabase db = serviceDatabase();
        Path catalog = Files.writeString(dir.resolve("orders.yaml"), CATALOG);
        Files.writeString(dir.resolve("orders-data.sql"), DATA);
        InProcessCli run = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog", catalog.toString(),
                "--schema", "app", "--seed-data", "--measure", "0");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("loaded " + dir.resolve("orders-data.sql")).contains("orders-of-customer").contains("2/2 queries use their index");
        assertThat(db.scalar("SELECT count(*) FROM app.orders")).isEqualTo("100000");

        // A read-only run on that database says the data was not loaded, and passes on what is there.
        InProcessCli readOnly = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog",
                catalog.toString(), "--schema", "app");
        assertThat(readOnly.exit()).as(readOnly.out() + readOnly.err()).isZero();
        assertThat(readOnly.out()).contains("not loaded: a read-only run");
        assertThat(db.scalar("SELECT count(*) FROM app.orders")).isEqualTo("100000");

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=app");
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        List<String> failures = CatalogTests.forCatalog(dataSource, VerifyCatalog.fromFile(catalog)).map(test -> {
            try {
                test.getExecutable().execute();
                return null;
            } catch (Throwable failed) {
                return test.getDisplayName() + ": " + failed.getMessage();
            }
        }).filter(java.util.Objects::nonNull).collect(Collectors.toList());
        assertThat(failures).isEmpty();
    }

    @Test
    void should_print_the_plan_of_a_query_that_fails(@TempDir Path dir) throws Exception {
        TestDatabase db = serviceDatabase();
        Files.writeString(dir.resolve("orders-data.sql"), DATA);
        Path catalog = Files.writeString(dir.resolve("orders.yaml"), CATALOG.replace("index: ix_orders_open", "index: ix_orders_customer_created"));
        InProcessCli run = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog", catalog.toString(),
                "--schema", "app", "--seed-data", "--measure", "0");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL orders.yaml open-orders: plan uses ix_orders_open").contains("plan:")
                .contains("-> Index Scan using ix_orders_open").doesNotContain("\"Node Type\"");
    }

    @Test
    void should_refuse_a_missing_data_file_and_pack_with_catalog_naming_the_fix(@TempDir Path dir) throws Exception {
        TestDatabase db = serviceDatabase();
        Path catalog = Files.writeString(dir.resolve("orders.yaml"), CATALOG);
        InProcessCli missing = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog",
                catalog.toString(), "--schema", "app", "--seed-data");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("names data: orders-data.sql").contains(dir.resolve("orders-data.sql") + " does not exist");
        InProcessCli both = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog",
                catalog.toString(), "--pack", "mina");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give --pack or --catalog, not both");
    }

    /**
     * Two schemas hold a table and an index of the same names; the search_path (--schema app, then
     * public) reaches neither billing's table nor its index. index: billing.ix_invoices_customer is
     * billing's, found and timed there; the same expectation on a query of public's table fails,
     * naming the index it read with its schema.
     */
    @Test
    void should_judge_a_schema_qualified_index_in_its_schema_whatever_the_search_path(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        for (String schema : List.of("billing", "public")) {
            db.execute("CREATE SCHEMA IF NOT EXISTS " + schema,
                    "CREATE TABLE " + schema + ".invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL, "
                            + "issued_at timestamptz NOT NULL)",
                    "CREATE INDEX ix_invoices_customer ON " + schema + ".invoices (customer_id, issued_at DESC)");
        }
        db.execute("CREATE SCHEMA app");
        Files.writeString(dir.resolve("invoices-data.sql"), """
                INSERT INTO billing.invoices (customer_id, issued_at)
                SELECT g % 2000, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 50000 * :scale) g;
                INSERT INTO public.invoices (customer_id, issued_at)
                SELECT g % 2000, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 50000 * :scale) g;
                """);
        Path catalog = Files.writeString(dir.resolve("invoices.yaml"), """
                data: invoices-data.sql
                queries:
                  - name: invoices-of-customer
                    sql: SELECT * FROM billing.invoices WHERE customer_id = ? ORDER BY issued_at DESC LIMIT 20
                    params: [42]
                    index: billing.ix_invoices_customer
                  - name: public-invoices-of-customer
                    sql: SELECT * FROM public.invoices WHERE customer_id = 42 ORDER BY issued_at DESC LIMIT 20
                    index: billing.ix_invoices_customer
                """);
        InProcessCli run = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog", catalog.toString(),
                "--schema", "app", "--seed-data", "--measure", "1");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("1/2 queries use their index")
                .contains("FAIL invoices.yaml public-invoices-of-customer: plan uses public.ix_invoices_customer")
                .doesNotContain("UNSOUND").doesNotContain("does not exist");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_invoices_customer'"))
                .as("timing dropped billing's index in a rolled-back transaction").isEqualTo("2");

        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), """
                queries:
                  - name: in-a-schema-without-it
                    sql: SELECT * FROM billing.invoices WHERE customer_id = 42 ORDER BY issued_at DESC LIMIT 20
                    index: app.ix_invoices_customer
                """);
        InProcessCli missing = cli("verify", "--url", db.url(), "--user", db.user(), "--password=" + db.password(), "--catalog", unknown.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).contains("index app.ix_invoices_customer does not exist (in schema app)");
        assertThatThrownBy(() -> VerifyCatalog.fromText("bad.yaml", "queries:\n  - name: q\n    sql: SELECT 1\n    index: a.b.c\n"))
                .hasMessageContaining("index 'a.b.c' is neither a name nor schema.name");
    }
}
