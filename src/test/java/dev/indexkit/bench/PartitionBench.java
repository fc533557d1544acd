package dev.indexkit.bench;

import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * indexkit vs pg_partman, side by side on the same server: ensure 12 months ahead for 10 monthly
 * partitioned tables, first from nothing, then as the steady-state maintenance run. Not a test:
 * run it against a server with pg_partman installed in schema partman (Debian: postgresql-15-partman,
 * version 4.7):
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.PartitionBench \
 *     -Dbench.url=jdbc:postgresql://localhost:5439/bench -Dbench.user=postgres -Dbench.password=postgres</pre>
 */
public final class PartitionBench {

    private static final int TABLES = 10;
    private static final int MONTHS_AHEAD = 12;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "jdbc:postgresql://localhost:5439/bench");
        try (Connection c = DriverManager.getConnection(url, System.getProperty("bench.user", "postgres"),
                System.getProperty("bench.password", "postgres")); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT version(), (SELECT extversion FROM pg_extension WHERE extname = 'pg_partman')");
            rs.next();
            System.out.println(rs.getString(1).replaceAll(" on .*", "") + ", pg_partman " + rs.getString(2));
            double[] ikCreate = new double[ROUNDS], pmCreate = new double[ROUNDS], ikNoop = new double[ROUNDS], pmNoop = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                reset(st);
                long t = System.nanoTime();
                for (int i = 0; i < TABLES; i++) {
                    MonthlyPartitions.of(MonthlyPartitionConfig.forTable("bench_ik.t" + i).column("created_at")
                            .monthsAhead(MONTHS_AHEAD).build()).apply(c);
                }
                ikCreate[r] = ms(t);
                t = System.nanoTime();
                for (int i = 0; i < TABLES; i++) {
                    st.execute("SELECT partman.create_parent('bench_pm.t" + i + "', 'created_at', 'native', 'monthly', p_premake := " + MONTHS_AHEAD + ")");
                }
                pmCreate[r] = ms(t);
                t = System.nanoTime();
                for (int i = 0; i < TABLES; i++) {
                    MonthlyPartitions.of(MonthlyPartitionConfig.forTable("bench_ik.t" + i).column("created_at")
                            .monthsAhead(MONTHS_AHEAD).build()).apply(c);
                }
                ikNoop[r] = ms(t);
                t = System.nanoTime();
                st.execute("SELECT partman.run_maintenance()");
                pmNoop[r] = ms(t);
            }
            System.out.printf("%-58s %10s %10s%n", "10 tables, 12 months ahead (best of " + ROUNDS + ", ms)", "indexkit", "pg_partman");
            System.out.printf("%-58s %10.1f %10.1f%n", "create from nothing (apply / create_parent)", min(ikCreate), min(pmCreate));
            System.out.printf("%-58s %10.1f %10.1f%n", "maintenance, nothing to do (apply / run_maintenance)", min(ikNoop), min(pmNoop));
            reset(st);
        }
    }

    private static void reset(Statement st) throws Exception {
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
            }
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double min(double[] xs) {
        double m = Double.MAX_VALUE;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }
}
