package dev.indexkit.bench;

import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.internal.verify.QueryResult;
import dev.indexkit.internal.verify.Verification;
import dev.indexkit.internal.verify.VerifyReport;
import dev.indexkit.internal.verify.VerifyRun;
import dev.indexkit.liquibase.Pack;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The before/after table for every pack at benchmark scale (default 5: mina's tasks, whisper's jobs
 * and audit logs, grove's document chunks and textloom's media items pass 1,000,000 rows; at 2,
 * fastnext's activity logs and grove's chunks do), best of 5 runs with each index, without it
 * (siblings kept) and without the pack's indexes on its tables; the per-pack medians and minimums
 * against both, the redundancy report, and how long the whole verification takes. Not a test:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.VerifyBench -Dbench.scale=5</pre>
 */
public final class VerifyBench {

    public static void main(String[] args) throws Exception {
        int scale = Integer.getInteger("bench.scale", 5);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
            System.out.println("verify bench on embedded " + server.version() + ", scale " + scale);
            long loadStart = System.nanoTime();
            VerifyRun.prepare(c, server::connect, List.of(Pack.values()), scale, (pack, ms) -> { });
            long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
            long start = System.nanoTime();
            List<QueryResult> results = new ArrayList<>();
            for (Pack pack : Pack.values()) {
                VerifyRun.useSchema(c, pack);
                results.addAll(new Verification(c, 5).run(pack));
            }
            long verifyMs = (System.nanoTime() - start) / 1_000_000;
            System.out.print(new VerifyReport(results).text());
            System.out.printf("tables, data and indexes %d ms; verification of %d queries (plans, soundness, best of 5 with, without, without the pack) %d ms%n",
                    loadMs, results.size(), verifyMs);
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT n.nspname || '.' || c.relname, c.reltuples::bigint "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.reltuples >= 1000000 ORDER BY 2 DESC")) {
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1) + ": " + rs.getLong(2) + " rows");
                }
            }
        }
    }
}
