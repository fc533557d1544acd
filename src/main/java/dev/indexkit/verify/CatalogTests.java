package dev.indexkit.verify;

import dev.indexkit.internal.verify.PlanJudge;
import dev.indexkit.internal.verify.QueryForm;
import dev.indexkit.internal.verify.Verifier;
import org.junit.jupiter.api.DynamicTest;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * One JUnit 5 dynamic test per target query of a catalog, for a service's own suite:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> plans() {
 *     return CatalogTests.forCatalog(connection, VerifyCatalog.fromClasspath("indexkit/verify/mina.yaml"));
 * }
 * }</pre>
 * Queries that do not apply to the connected database are left out of the stream, not skipped.
 */
public final class CatalogTests {

    private CatalogTests() {
    }

    /**
     * The catalog's queries that apply to this database (PostgreSQL or SQLite), each as a test named
     * {@code <query> uses <index>} that fails as {@link PlanAssert} does.
     *
     * @param connection the database the queries are explained on, its data loaded and analysed
     * @param catalog    the target queries, e.g. {@code VerifyCatalog.fromClasspath(Pack.MINA.catalog())}
     * @return one dynamic test per applicable query, for a {@code @TestFactory}
     */
    public static Stream<DynamicTest> forCatalog(Connection connection, VerifyCatalog catalog) {
        Verifier verifier = new Verifier(connection);
        return catalog.queries().stream().filter(q -> q.appliesTo(verifier.isSqlite()))
                .map(verifier::expectationHere)
                .map(q -> DynamicTest.dynamicTest(q.name() + " uses " + q.index(), () -> check(connection, q)));
    }

    /**
     * The same, each test on a connection of its own from {@code dataSource} (a service's pool), closed
     * after it.
     *
     * @param dataSource where the catalog's tables are, its data loaded and analysed
     * @param catalog    the target queries
     * @return one dynamic test per query that applies to the database
     * @throws SQLException when no connection can be had to tell which queries apply
     */
    public static Stream<DynamicTest> forCatalog(DataSource dataSource, VerifyCatalog catalog) throws SQLException {
        List<TargetQuery> applicable;
        try (Connection connection = dataSource.getConnection()) {
            Verifier verifier = new Verifier(connection);
            applicable = catalog.queries().stream().filter(q -> q.appliesTo(verifier.isSqlite())).map(verifier::expectationHere).toList();
        }
        return applicable.stream().map(q -> DynamicTest.dynamicTest(q.name() + " uses " + q.index(), () -> {
            try (Connection connection = dataSource.getConnection()) {
                check(connection, q);
            }
        }));
    }

    /** The same verdict the CLI gives ({@link PlanJudge}), as an assertion, for every form of the query. */
    static void check(Connection connection, TargetQuery query) {
        Verifier verifier = new Verifier(connection);
        List<QueryForm> forms;
        try {
            forms = QueryForm.of(query, verifier.isSqlite());
        } catch (RefusedQueryException e) {
            throw new AssertionError("Refused to explain the query, " + e.getMessage() + "\nquery:\n  " + query.sql(), e);
        }
        for (QueryForm form : forms) {
            PlanAssert.assertThatPlan(verifier, form).meets(form);
        }
    }
}
