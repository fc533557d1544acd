package dev.indexkit.verify;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.verify.VerifyRun;
import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every catalog query of every pack that has a catalog, on embedded PostgreSQL with CI-scale data.
 * {@code -Dindexkit.verify.packs=fastnext} limits it to some packs (the calendar leg of CI runs the
 * partitioned one at each faked instant); an unknown pack name fails.
 */
class CatalogVerificationTest {

    private static TestDatabase db;
    private static Connection connection;

    @BeforeAll
    static void load() throws Exception {
        db = TestPostgres.freshDatabase();
        connection = db.connect();
        // As the demo and verify --seed-data do: tables, data, then the indexes over the loaded rows.
        VerifyRun.prepare(connection, db::connect, packs(), 1, (pack, ms) -> { });
    }

    private static List<Pack> packs() {
        String only = System.getProperty("indexkit.verify.packs", "").trim();
        return only.isEmpty() ? List.of(Pack.values()) : Arrays.stream(only.split(",")).map(String::trim).map(Pack::of).toList();
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    @TestFactory
    Stream<DynamicTest> everyPack() throws Exception {
        Stream<DynamicTest> all = Stream.empty();
        for (Pack pack : packs()) {
            if (CatalogVerificationTest.class.getClassLoader().getResource(pack.catalog()) != null) {
                VerifyRun.useSchema(connection, pack);
                List<DynamicTest> tests = CatalogTests.forCatalog(connection, VerifyCatalog.fromClasspath(pack.catalog()))
                        .map(t -> DynamicTest.dynamicTest(pack.id() + ": " + t.getDisplayName(), () -> {
                            VerifyRun.useSchema(connection, pack);
                            t.getExecutable().execute();
                        })).toList();
                all = Stream.concat(all, tests.stream());
            }
        }
        return all;
    }
}
