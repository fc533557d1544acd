package dev.indexkit.bench;

import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * indexkit vs pg_partman on equal work, same server: for 10 monthly RANGE-partitioned tables (two
 * indexes on each parent, so every partition gets two), create this month, 12 months ahead and a
 * DEFAULT partition, then run the steady-state maintenance with nothing to do, with the (empty)
 * DEFAULT partition present and after dropping it. pg_partman gets {@code p_start_partition} = the
 * first day of this month and {@code p_premake := 12}, which is indexkit's {@code monthsAhead(12)}:
 * the bench prints each side's partition count and first and last bound so the reader sees the
 * same months. Rounds alternate which tool goes first (the no-op runs, five per round and tool,
 * alternate too); best and median are printed,
 * with the ratio indexkit / pg_partman. Not a test; {@code bash .ci/partman-bench} sets up a
 * PostgreSQL 15 with pg_partman 4.7 (Debian packages) and runs it, or by hand:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.PartitionBench \
 *     -Dbench.url=jdbc:postgresql://localhost:5439/bench -Dbench.user=postgres -Dbench.password=postgres [-Dbench.rounds=9]</pre>
 */
public final class PartitionBench {

    private static final int TABLES = 10;
    private static final int MONTHS_AHEAD = 12;
    /** No-op runs per round and tool: they are short, so each round measures several, still interleaved. */
    private static final int NOOP_REPEATS = 5;

    private final Statement st;
    private final Connection c;
    /** One instant for both tools: pg_partman's premake counts from now(), indexkit's from its clock. */
    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private final YearMonth current = YearMonth.now(clock);

    private PartitionBench(Connection c, Statement st) {
        this.c = c;
        this.st = st;
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "jdbc:postgresql://localhost:5439/bench");
        int rounds = Integer.getInteger("bench.rounds", 9);
        try (Connection c = DriverManager.getConnection(url, System.getProperty("bench.user", "postgres"),
                System.getProperty("bench.password", "postgres")); Statement st = c.createStatement()) {
            // pg_partman cuts timestamptz months in the session's zone, indexkit in its configured one (UTC).
            st.execute("SET TimeZone = 'UTC'");
            new PartitionBench(c, st).run(rounds);
        }
    }

    private void run(int rounds) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT version(), (SELECT extversion FROM pg_extension WHERE extname = 'pg_partman')")) {
            rs.next();
            System.out.println(rs.getString(1).replaceAll(" on .*", "") + ", pg_partman " + rs.getString(2));
        }
        double[][] t = {new double[rounds], new double[rounds], new double[rounds * NOOP_REPEATS],
                new double[rounds * NOOP_REPEATS], new double[rounds * NOOP_REPEATS], new double[rounds * NOOP_REPEATS]};
        for (int r = 0; r < rounds; r++) {
            reset();
            // Interleaved: the tool that goes first alternates, so a warming cache or autovacuum favours neither.
            boolean ikFirst = r % 2 == 0;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == ikFirst) {
                    t[0][r] = time(() -> indexkit(true));
                } else {
                    t[1][r] = time(this::partmanCreate);
                }
            }
            if (r == 0) {
                System.out.println("after creation:  indexkit " + shape("bench_ik") + "; pg_partman " + shape("bench_pm"));
            }
            noops(t[2], t[3], r, ikFirst, true);
            for (int i = 0; i < TABLES; i++) {
                st.execute("DROP TABLE bench_ik.t" + i + "_default");
                st.execute("DROP TABLE bench_pm.t" + i + "_default");
            }
            noops(t[4], t[5], r, ikFirst, false);
            if (r == 0) {
                System.out.println("after no-op runs: indexkit " + shape("bench_ik") + "; pg_partman " + shape("bench_pm"));
            }
        }
        System.out.printf("%n%-56s %17s %17s %13s%n", TABLES + " tables, " + rounds + " rounds (no-op: x" + NOOP_REPEATS + "), ms", "indexkit best/med",
                "pg_partman best/med", "ik/pm best/med");
        row("create 13 months + DEFAULT (apply / create_parent)", t[0], t[1]);
        row("no-op, empty DEFAULT present (apply / run_maintenance)", t[2], t[3]);
        row("no-op, no DEFAULT (apply / run_maintenance)", t[4], t[5]);
        System.out.printf("indexkit no-op with DEFAULT / without: best %.2fx, median %.2fx%n",
                min(t[2]) / min(t[4]), median(t[2]) / median(t[4]));
        statementCounts();
        reset();
    }

    /**
     * One more pass, untimed, counting the statements each tool runs (pg_stat_statements with track =
     * all, as .ci/partman-bench starts the server): for indexkit every one is a statement it sends,
     * for pg_partman the 10 calls and the statements its functions run inside. A figure that does not
     * depend on how busy the machine is.
     */
    private void statementCounts() throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            rs.next();
            if (rs.getInt(1) == 0 || !"all".equals(setting("pg_stat_statements.track"))) {
                System.out.println("statement counts: need pg_stat_statements with track = all (bash .ci/partman-bench sets it up)");
                return;
            }
        }
        reset();
        System.out.printf("%nstatements per table (sent by indexkit / run by pg_partman: top level + inside its functions)%n");
        System.out.printf("%-56s %10s %18s%n", "", "indexkit", "pg_partman");
        count("create 13 months + DEFAULT", () -> indexkit(true), this::partmanCreate);
        count("no-op, empty DEFAULT present", () -> indexkit(true), () -> st.execute("SELECT partman.run_maintenance()"));
        for (int i = 0; i < TABLES; i++) {
            st.execute("DROP TABLE bench_ik.t" + i + "_default");
            st.execute("DROP TABLE bench_pm.t" + i + "_default");
        }
        count("no-op, no DEFAULT", () -> indexkit(false), () -> st.execute("SELECT partman.run_maintenance()"));
    }

    private void count(String label, Work ik, Work pm) throws Exception {
        long[] ikCalls = calls(ik);
        long[] pmCalls = calls(pm);
        System.out.printf("%-56s %10.1f %8.1f + %7.1f%n", label, (double) ikCalls[0] / TABLES,
                (double) pmCalls[0] / TABLES, (double) pmCalls[1] / TABLES);
    }

    /** Top-level and nested statements run by {@code work}, the bench's own bookkeeping left out. */
    private long[] calls(Work work) throws Exception {
        st.execute("SELECT pg_stat_statements_reset()");
        work.run();
        try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls) FILTER (WHERE toplevel), 0), "
                + "coalesce(sum(calls) FILTER (WHERE NOT toplevel), 0) FROM pg_stat_statements "
                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    private String setting(String name) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "', true)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** {@link #NOOP_REPEATS} no-op runs of each tool, alternating, into round {@code r}'s slots. */
    private void noops(double[] ik, double[] pm, int r, boolean ikFirst, boolean withDefault) throws Exception {
        for (int k = 0; k < NOOP_REPEATS; k++) {
            int slot = r * NOOP_REPEATS + k;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == (ikFirst ^ k % 2 == 1)) {
                    ik[slot] = time(() -> indexkit(withDefault));
                } else {
                    pm[slot] = time(() -> st.execute("SELECT partman.run_maintenance()"));
                }
            }
        }
    }

    private void indexkit(boolean withDefault) throws Exception {
        for (int i = 0; i < TABLES; i++) {
            MonthlyPartitions.of(MonthlyPartitionConfig.forTable("bench_ik.t" + i).column("created_at")
                    .monthsAhead(MONTHS_AHEAD).useDefaultPartition(withDefault).clock(clock).build()).apply(c);
        }
    }

    private void partmanCreate() throws Exception {
        for (int i = 0; i < TABLES; i++) {
            st.execute("SELECT partman.create_parent('bench_pm.t" + i + "', 'created_at', 'native', 'monthly', "
                    + "p_premake := " + MONTHS_AHEAD + ", p_start_partition := '" + current.atDay(1) + "')");
        }
    }

    /** Partitions of table t0 and indexes over all partitions of the schema: the work each tool did. */
    private String shape(String schema) throws Exception {
        try (ResultSet rs = st.executeQuery("""
                SELECT count(*) FILTER (WHERE NOT d), bool_or(d),
                       min(lo) FILTER (WHERE NOT d), max(hi) FILTER (WHERE NOT d),
                       (SELECT count(*) FROM pg_index x JOIN pg_class ic ON ic.oid = x.indrelid
                        JOIN pg_inherits ii ON ii.inhrelid = ic.oid WHERE ii.inhparent = '%s.t0'::regclass)
                FROM (SELECT pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS d,
                             (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']*)')::text[])[1]::timestamptz AS lo,
                             (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']*)')::text[])[1]::timestamptz AS hi
                      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                      WHERE i.inhparent = '%s.t0'::regclass) p""".formatted(schema, schema))) {
            rs.next();
            return rs.getInt(1) + " months [" + rs.getString(3) + ", " + rs.getString(4) + ")"
                    + (rs.getBoolean(2) ? " + DEFAULT" : ", no DEFAULT") + ", " + rs.getInt(5) + " partition indexes";
        }
    }

    private void reset() throws Exception {
        st.execute("DELETE FROM partman.part_config");
        st.execute("DROP SCHEMA IF EXISTS bench_ik CASCADE");
        st.execute("DROP SCHEMA IF EXISTS bench_pm CASCADE");
        st.execute("CREATE SCHEMA bench_ik");
        st.execute("CREATE SCHEMA bench_pm");
        for (int i = 0; i < TABLES; i++) {
            for (String schema : new String[]{"bench_ik", "bench_pm"}) {
                st.execute("CREATE TABLE " + schema + ".t" + i + " (id bigint, created_at timestamptz NOT NULL, payload text) "
                        + "PARTITION BY RANGE (created_at)");
                st.execute("CREATE INDEX ON " + schema + ".t" + i + " (created_at)");
                st.execute("CREATE INDEX ON " + schema + ".t" + i + " (id)");
            }
        }
        // pg_partman 4.7 keeps a template table per parent in its own schema; not dropped with bench_pm.
        st.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'partman' "
                + "AND tablename LIKE 'template_bench_pm_%' LOOP EXECUTE format('DROP TABLE partman.%I', r.tablename); END LOOP; END $$");
        st.execute("CHECKPOINT");
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void row(String label, double[] ik, double[] pm) {
        System.out.printf("%-56s %8.1f %8.1f %8.1f %8.1f %6.2fx %6.2fx%n", label, min(ik), median(ik), min(pm), median(pm),
                min(ik) / min(pm), median(ik) / median(pm));
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
