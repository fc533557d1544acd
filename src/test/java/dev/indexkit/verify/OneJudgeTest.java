package dev.indexkit.verify;

import dev.indexkit.fixtures.CatalogVerdicts;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's verification table and {@link CatalogTests} give the same verdict on every query of one
 * catalog, which holds a pass and each kind of failure: wrong index, not index-only, partitions not
 * pruned to the expected count, an unsound expectation (the index does not exist), the index serving
 * only a subquery while its table is read sequentially (passes only where the entry allows it), and a
 * sequential scan of a table the entry lists under {@code noSeqScan}.
 */
class OneJudgeTest {

    private static final String CATALOG = """
            queries:
              - name: pass
                sql: SELECT * FROM items WHERE code = 'c42'
                index: ix_items_code
              - name: wrong-index
                sql: SELECT * FROM items WHERE code = 'c42'
                index: ix_items_status
              - name: not-index-only
                sql: SELECT * FROM items WHERE code = 'c42'
                index: ix_items_code
                scan: index-only
              - name: partitions-pass
                sql: SELECT * FROM events WHERE at >= date '2024-02-01' AND at < date '2024-03-01' AND kind = 'k7'
                index: ix_events_kind
                partitions: 1
              - name: partitions-wrong
                sql: SELECT * FROM events WHERE at >= date '2024-02-01' AND at < date '2024-03-01' AND kind = 'k7'
                index: ix_events_kind
                partitions: 2
              - name: unsound
                sql: SELECT * FROM items WHERE code = 'c42'
                index: ix_does_not_exist
              - name: index-only-in-a-subquery
                sql: SELECT * FROM items i WHERE i.status = 'done' AND EXISTS (SELECT 1 FROM items x WHERE x.code = 'c42')
                index: ix_items_code
              - name: seq-scan-allowed
                sql: SELECT * FROM items i WHERE i.status = 'done' AND EXISTS (SELECT 1 FROM items x WHERE x.code = 'c42')
                index: ix_items_code
                allowSeqScan: [items]
              - name: no-seq-scan-on-another-table
                sql: SELECT * FROM items WHERE code = 'c42' AND EXISTS (SELECT 1 FROM events e WHERE e.id = 5)
                index: ix_items_code
                noSeqScan: [events]
            """;

    @Test
    void should_give_the_same_verdict_in_the_cli_table_and_in_catalog_tests() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL, status text NOT NULL)",
                "INSERT INTO items SELECT g, 'c' || g, 'done' FROM generate_series(1, 50000) g",
                "CREATE INDEX ix_items_code ON items (code)",
                "CREATE INDEX ix_items_status ON items (status)",
                "CREATE TABLE events (id bigint, at date NOT NULL, kind text) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2024_01 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                "CREATE TABLE events_2024_02 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                "INSERT INTO events SELECT g, date '2024-01-01' + (g % 59), 'k' || (g % 1000) FROM generate_series(1, 60000) g",
                "CREATE INDEX ix_events_kind ON events (kind)",
                "VACUUM ANALYZE events");
        db.vacuumUntilAllVisible("items");
        VerifyCatalog catalog = VerifyCatalog.fromText("one-judge.yaml", CATALOG);

        Map<String, String> problems;
        Map<String, Boolean> junit;
        try (Connection c = db.connect()) {
            problems = CatalogVerdicts.cli(c, catalog);
            junit = CatalogVerdicts.junit(c, catalog);
        }
        Map<String, Boolean> cli = new TreeMap<>();
        problems.forEach((name, problem) -> cli.put(name, problem.equals("null")));
        assertThat(cli).as("the CLI's verdicts").containsEntry("pass", true).containsEntry("partitions-pass", true)
                .containsEntry("wrong-index", false).containsEntry("not-index-only", false)
                .containsEntry("partitions-wrong", false).containsEntry("unsound", false)
                .containsEntry("index-only-in-a-subquery", false).containsEntry("seq-scan-allowed", true)
                .containsEntry("no-seq-scan-on-another-table", false);
        assertThat(junit).as("CatalogTests' verdicts, query by query").isEqualTo(cli);
        assertThat(problems.get("index-only-in-a-subquery")).isEqualTo("also reads items with a sequential scan");
        assertThat(problems.get("no-seq-scan-on-another-table")).isEqualTo("also reads events with a sequential scan");
    }
}
