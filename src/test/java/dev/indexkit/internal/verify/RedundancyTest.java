package dev.indexkit.internal.verify;

import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.VerifyCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberate redundant pair: {@code ix_t_a (a)} and {@code ix_t_a_b (a, b)}. The query on {@code a}
 * alone uses the narrower index, but with it dropped the wider one serves the query as well, so the
 * report flags {@code ix_t_a} and names {@code ix_t_a_b}; {@code ix_t_c}, which nothing else can stand
 * in for, is not flagged, nor is {@code ix_t_a_b} (its query on {@code a} and {@code b} would read a
 * thousand rows through {@code ix_t_a} to return one). {@code ix_t_own} is the service's, not the
 * catalog's: the pack baseline leaves it, and the primary key, in place.
 */
class RedundancyTest {

    private static final VerifyCatalog CATALOG = VerifyCatalog.fromText("pair.yaml", """
            queries:
              - name: on-a
                sql: SELECT * FROM t WHERE a = 42
                index: ix_t_a
              - name: on-a-and-b
                sql: SELECT * FROM t WHERE a = 42 AND b = md5('42')
                index: ix_t_a_b
              - name: on-c
                sql: SELECT * FROM t WHERE c = 4242
                index: ix_t_c
            """);

    private static TestDatabase db;

    @BeforeAll
    static void pair() {
        db = TestPostgres.freshDatabase();
        // 200,000 rows, 1,000 per value of a, scattered over the table; b is a wide md5 so (a, b) is
        // the bigger index and the planner prefers (a) for a = ? while both exist.
        db.execute("CREATE TABLE t (id bigint PRIMARY KEY, a int NOT NULL, b text NOT NULL, c int NOT NULL, d int NOT NULL)",
                "INSERT INTO t SELECT g, g % 200, md5(g::text), g, g % 7 FROM generate_series(1, 200000) g",
                "CREATE INDEX ix_t_a ON t (a)",
                "CREATE INDEX ix_t_a_b ON t (a, b)",
                "CREATE INDEX ix_t_c ON t (c)",
                "CREATE INDEX ix_t_own ON t (d)",
                "VACUUM ANALYZE t");
    }

    @Test
    void should_flag_the_index_a_sibling_makes_redundant_and_only_that_one() throws Exception {
        List<QueryResult> results;
        try (Connection c = db.connect()) {
            results = new Verification(c, 5).run("pair", CATALOG);
        }
        assertThat(results).allSatisfy(r -> assertThat(r.problem()).as(r.query().name()).isNull());
        List<Redundancy.Candidate> flagged = new VerifyReport(results).redundant();

        assertThat(flagged).extracting(Redundancy.Candidate::index).containsExactly("ix_t_a");
        Redundancy.Candidate a = flagged.get(0);
        assertThat(a.servedBy()).as("the sibling the plan used without it").containsExactly("ix_t_a_b");
        assertThat(a.best()).isLessThan(Redundancy.THRESHOLD);
        VerifyReport report = new VerifyReport(results);
        assertThat(report.packSummaries()).singleElement().asString().startsWith("pair: 3 timed; marginal");
        assertThat(report.text()).contains("redundancy: 1 index(es) under 2x").contains("ix_t_a_b");
        assertThat(report.markdown()).contains("## Redundancy").contains("| pair | `ix_t_a` |");
        assertThat(report.html()).contains("<h2>Redundancy").contains("<code>ix_t_a</code>");
    }

    @Test
    void should_drop_every_catalog_index_on_the_table_for_the_pack_baseline_and_nothing_else() throws Exception {
        Map<String, QueryResult> byName;
        try (Connection c = db.connect()) {
            byName = new Verification(c, 3).run("pair", CATALOG).stream()
                    .collect(Collectors.toMap(r -> r.query().name(), Function.identity()));
        }
        // Its own index first, then the catalog's others on t; never the primary key or ix_t_own.
        assertThat(byName.get("on-a").timing().packDropped()).containsExactly("ix_t_a", "ix_t_a_b", "ix_t_c");
        QueryResult onA = byName.get("on-a");
        assertThat(onA.msWithoutPack()).as("a sequential scan of 200,000 rows").isGreaterThan(onA.msWithout());
        assertThat(onA.packSpeedup()).isGreaterThan(Redundancy.THRESHOLD);
    }

    @Test
    void should_time_the_pack_baseline_once_when_the_query_index_is_the_only_one_on_its_table() throws Exception {
        try (Connection c = db.connect()) {
            c.createStatement().execute("CREATE TABLE u (id bigint PRIMARY KEY, k int NOT NULL)");
            c.createStatement().execute("INSERT INTO u SELECT g, g FROM generate_series(1, 50000) g");
            c.createStatement().execute("CREATE INDEX ix_u_k ON u (k)");
            c.createStatement().execute("VACUUM ANALYZE u");
            QueryResult r = new Verification(c, 3).run("single", VerifyCatalog.fromText("single.yaml", """
                    queries:
                      - name: on-k
                        sql: SELECT * FROM u WHERE k = 4242
                        index: ix_u_k
                    """)).get(0);
            assertThat(r.timing().packDropped()).containsExactly("ix_u_k");
            assertThat(r.msWithoutPack()).as("the marginal measurement, not a second one").isEqualTo(r.msWithout());
        }
    }

    @Test
    void should_take_a_pack_s_indexes_from_its_definition() {
        for (Pack pack : Pack.values()) {
            assertThat(PackBaseline.of(pack).names()).as(pack.id()).isEqualTo(new HashSet<>(PackIndexes.names(pack)));
        }
    }
}
