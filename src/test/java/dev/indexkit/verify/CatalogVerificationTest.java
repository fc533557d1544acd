package dev.indexkit.verify;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.util.stream.Stream;

/** Every catalog query of every pack that has a catalog, on embedded PostgreSQL with CI-scale data. */
class CatalogVerificationTest {

    private static TestDatabase db;
    private static Connection connection;

    @BeforeAll
    static void load() throws Exception {
        db = TestPostgres.freshDatabase();
        connection = db.connect();
        new ChangelogRunner(connection).update(Pack.MINA.changelog());
        DataLoader.load(connection, "indexkit/verify/mina-data.sql", 1);
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    @TestFactory
    Stream<DynamicTest> mina() {
        return CatalogTests.forCatalog(connection, VerifyCatalog.fromClasspath(Pack.MINA.catalog()));
    }
}
