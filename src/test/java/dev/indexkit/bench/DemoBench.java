package dev.indexkit.bench;

import dev.indexkit.internal.demo.Demo;
import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.internal.verify.VerifyRun;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.CatalogTests;
import dev.indexkit.verify.DataLoader;
import dev.indexkit.verify.VerifyCatalog;
import org.junit.jupiter.api.DynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the demo's time goes, and what building the verification databases the new way saves. Each
 * round, interleaved on fresh databases of one embedded server:
 * <ul>
 *   <li><b>indexes first</b> (0.1's order, the baseline): every pack applied, then each pack's data
 *       loaded into tables that already carry all its indexes and foreign keys, one session;</li>
 *   <li><b>data first</b> (what the demo, {@code verify --seed-data} and the tests do): the tables, the
 *       data on one session per core with the foreign keys re-created after, then the indexes built
 *       over the loaded rows;</li>
 * </ul>
 * then the catalog verification (every query's plans, what {@code CatalogVerificationTest} runs) on
 * the data-first database, and last one whole demo with its phases. Not a test:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.DemoBench -Dbench.rounds=2</pre>
 */
public final class DemoBench {

    public static void main(String[] args) throws Throwable {
        int rounds = Integer.getInteger("bench.rounds", 2);
        List<Pack> packs = List.of(Pack.values());
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            System.out.println("demo bench on embedded " + server.version() + ", scale 1, " + rounds + " rounds, "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            long[] indexesFirst = new long[rounds];
            long[] dataFirst = new long[rounds];
            long verifyMs = 0;
            int verified = 0;
            for (int r = 0; r < rounds; r++) {
                VerifyRun.Connector before = server.createDatabase("indexes_first_" + r);
                long start = System.nanoTime();
                try (Connection c = before.connect()) {
                    new ChangelogRunner(c).update(Pack.ALL_CHANGELOG);
                    for (Pack pack : packs) {
                        VerifyRun.useSchema(c, pack);
                        DataLoader.load(c, "indexkit/verify/" + VerifyCatalog.fromClasspath(pack.catalog()).dataScript(), 1);
                    }
                }
                indexesFirst[r] = ms(start);

                VerifyRun.Connector after = server.createDatabase("data_first_" + r);
                start = System.nanoTime();
                try (Connection c = after.connect()) {
                    VerifyRun.prepare(c, after, packs, 1, (pack, ms) -> { });
                    dataFirst[r] = ms(start);
                    start = System.nanoTime();
                    verified = verifyCatalogs(c, packs);
                    verifyMs = ms(start);
                }
                System.out.printf("round %d: indexes first %6d ms, data first %6d ms (%.2fx)%n",
                        r + 1, indexesFirst[r], dataFirst[r], (double) indexesFirst[r] / dataFirst[r]);
            }
            if (rounds > 0) {
                report(rounds, indexesFirst, dataFirst, verified, verifyMs);
            }

            VerifyRun.Connector demoDatabase = server.createDatabase("demo");
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            Demo demo;
            long start = System.nanoTime();
            try (Connection c = demoDatabase.connect()) {
                demo = new Demo(c, demoDatabase, new PrintStream(ignored, true, StandardCharsets.UTF_8));
                demo.run();
            }
            long total = ms(start);
            System.out.println("one demo run (server start and JVM not included):");
            for (Map.Entry<String, Long> phase : demo.phases().entrySet()) {
                System.out.printf("  %-32s %6d ms%n", phase.getKey(), phase.getValue());
            }
            System.out.printf("  %-32s %6d ms%n", "total", total);
        }
    }

    private static void report(int rounds, long[] indexesFirst, long[] dataFirst, int verified, long verifyMs) {
        long bestBefore = Arrays.stream(indexesFirst).min().orElseThrow();
        long bestAfter = Arrays.stream(dataFirst).min().orElseThrow();
        System.out.printf("build the verification database, best of %d: indexes first %d ms, data first %d ms: %.2fx faster%n",
                rounds, bestBefore, bestAfter, (double) bestBefore / bestAfter);
        System.out.printf("catalog verification (plans of %d queries, as CatalogVerificationTest): %d ms; "
                + "with the data-first build: %d ms%n", verified, verifyMs, bestAfter + verifyMs);
    }

    /** Every catalog query's plans, judged as CatalogTests judges them; fails the bench on a failing plan. */
    private static int verifyCatalogs(Connection c, List<Pack> packs) throws Throwable {
        int count = 0;
        for (Pack pack : packs) {
            VerifyRun.useSchema(c, pack);
            List<DynamicTest> tests = new ArrayList<>(CatalogTests.forCatalog(c, VerifyCatalog.fromClasspath(pack.catalog())).toList());
            for (DynamicTest test : tests) {
                test.getExecutable().execute();
                count++;
            }
        }
        return count;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
