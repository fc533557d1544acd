package dev.indexkit.packs;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestSqlite;
import dev.indexkit.internal.verify.PlanJudge;
import dev.indexkit.internal.verify.SqliteExplainer;
import dev.indexkit.internal.verify.Verifier;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.CatalogTests;
import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.TargetQuery;
import dev.indexkit.verify.VerifyCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLite catalogs of whisper and grove, whose applications develop on SQLite (seeds 001 and 003):
 * each pack applied on a fresh SQLite file, its data loaded from {@code verify/<pack>-data-sqlite.sql}
 * (the same shapes as the PostgreSQL script), then every catalog entry marked {@code sqlite} checked
 * by the same judge as on PostgreSQL. Mina's SQLite subset runs in PlanAssertTest, its DDL in
 * MinaSqliteTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackSqliteTest {

    private final Map<Pack, TestDatabase> databases = new EnumMap<>(Pack.class);
    private final Map<Pack, Connection> connections = new EnumMap<>(Pack.class);

    @BeforeAll
    void applyAndLoad() throws Exception {
        for (Pack pack : List.of(Pack.WHISPER, Pack.GROVE)) {
            TestDatabase db = TestSqlite.freshDatabase();
            Connection c = db.connect();
            new ChangelogRunner(c).update(pack.changelog());
            loadSqliteData(c, pack);
            databases.put(pack, db);
            connections.put(pack, c);
        }
    }

    @AfterAll
    void close() throws SQLException {
        for (Connection c : connections.values()) {
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Pack.class, names = {"WHISPER", "GROVE"})
    void should_ship_every_portable_index_on_sqlite_with_its_predicate(Pack pack) {
        Map<String, String> applied = Catalog.sqliteIndexes(databases.get(pack));
        Set<String> portable = portableIndexes(pack);
        assertThat(applied.keySet().stream().filter(n -> n.startsWith("idx_"))).containsExactlyInAnyOrderElementsOf(portable);
        if (pack == Pack.WHISPER) {
            assertThat(applied.get("idx_audit_alerts_time")).endsWith("WHERE severity IN ('error', 'critical')");
            assertThat(applied.get("idx_jobs_status_created"))
                    .isEqualTo("CREATE INDEX \"idx_jobs_status_created\" ON \"jobs\" (\"status\", \"created_at\")");
            assertThat(applied).doesNotContainKey("idx_jobs_pending_created");
        } else {
            assertThat(applied.get("idx_documents_pending")).endsWith("WHERE status IN ('pending', 'processing')");
            assertThat(applied).doesNotContainKeys("idx_users_email_name", "idx_groves_tenant_client_app",
                    // retired by 1.2.0 with dropIndexSafely
                    "idx_conversations_tenant_user_created", "idx_documents_tenant_user_created");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Pack.class, names = {"WHISPER", "GROVE"})
    void should_cover_every_index_sqlite_gets_with_a_sqlite_entry(Pack pack) {
        Set<String> coveredOnSqlite = catalog(pack).queries().stream().filter(q -> q.appliesTo(true))
                .map(TargetQuery::index).collect(Collectors.toCollection(TreeSet::new));
        assertThat(coveredOnSqlite).as(pack.id() + ": SQLite entries").containsAll(portableIndexes(pack));
        assertThat(portableIndexes(pack)).as(pack.id() + ": a SQLite entry names an index SQLite gets").containsAll(coveredOnSqlite);
    }

    /** The same verdict as on PostgreSQL, for every entry marked sqlite. */
    @TestFactory
    Stream<DynamicNode> should_use_the_intended_index_on_sqlite() {
        return Stream.of(Pack.WHISPER, Pack.GROVE).map(pack -> DynamicContainer.dynamicContainer(pack.id(),
                CatalogTests.forCatalog(connections.get(pack), catalog(pack)).map(DynamicNode.class::cast)));
    }

    /**
     * On SQLite the verifier writes a query's sample values into its text. A driver binds them
     * instead (Python's sqlite3 under SQLAlchemy always does), and SQLite plans a statement before it
     * knows them: its partial-index proof matches terms literally, so {@code status IN (?, ?)} never
     * meets {@code WHERE status IN ('pending', 'processing')}. Here each entry with {@code params} is
     * explained with its values bound: one marked sqlite must pass there too; one that is not must
     * still miss its index (when SQLite learns to use it, this fails and the entry can be marked sqlite).
     */
    @TestFactory
    Stream<DynamicNode> should_plan_prepared_entries_on_sqlite_as_the_catalog_says() {
        return Stream.of(Pack.WHISPER, Pack.GROVE).map(pack -> DynamicContainer.dynamicContainer(pack.id(),
                catalog(pack).queries().stream().filter(q -> !q.params().isEmpty()).map(q -> org.junit.jupiter.api.DynamicTest.dynamicTest(
                        q.name() + (q.appliesTo(true) ? " uses " : " misses ") + q.index() + " with bound values", () -> {
                            Connection c = connections.get(pack);
                            Verifier verifier = new Verifier(c);
                            ExplainedPlan plan = explainBound(c, q);
                            PlanJudge.Verdict verdict = PlanJudge.judge(verifier, plan, q);
                            if (q.appliesTo(true)) {
                                assertThat(verdict.passed()).as(verdict.detail() == null ? "" : verdict.detail()).isTrue();
                            } else {
                                assertThat(verdict.problem()).as(plan.rawPlan()).isNotNull().doesNotStartWith("UNSOUND");
                                assertThat(plan.indexesUsed()).as(plan.rawPlan()).doesNotContain(q.index());
                            }
                        }))));
    }

    /** EXPLAIN QUERY PLAN of the query with its {@code params} bound as a driver binds them, as text. */
    private static ExplainedPlan explainBound(Connection c, TargetQuery q) throws SQLException {
        assertThat(q.sql()).as(q.name() + ": written with JDBC ? placeholders, bound in order").doesNotContainPattern("\\$\\d");
        return new SqliteExplainer(c).explain(q.sql(), q.params());
    }

    private static Set<String> portableIndexes(Pack pack) {
        return PackIndexes.of(pack).stream().filter(ix -> !ix.postgresOnly()).map(PackIndexes.PackIndex::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static VerifyCatalog catalog(Pack pack) {
        return VerifyCatalog.fromClasspath(pack.catalog());
    }

    /**
     * {@code verify/<pack>-data-sqlite.sql} at scale 1, statement by statement as DataLoader splits a
     * script; the script ends with its own ANALYZE (DataLoader's closing VACUUM ANALYZE is PostgreSQL's).
     */
    private static void loadSqliteData(Connection c, Pack pack) throws SQLException, IOException {
        String resource = "indexkit/verify/" + pack.id() + "-data-sqlite.sql";
        String script;
        try (InputStream in = PackSqliteTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement st = c.createStatement()) {
            for (String sql : script.replace(":scale", "1").split(";\\s*\\n")) {
                String stripped = sql.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n")).strip();
                if (!stripped.isEmpty()) {
                    st.execute(stripped);
                }
            }
        }
    }
}
