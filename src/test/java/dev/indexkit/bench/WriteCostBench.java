package dev.indexkit.bench;

import dev.indexkit.fixtures.PackIndexes;
import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.verify.VerifyRun;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each shipped pack index costs writers: insert and update throughput on its table with the
 * index and with it dropped (every other index kept), in the same run, on each pack's verify data at
 * {@code bench.scale} (default 1). Every write runs in a transaction that is rolled back, the drop
 * too, so each measurement starts from the same table. Rounds (default 7) alternate with/without
 * and without/with, so drift in the machine (caches, checkpoints) hits both alike; the best round of
 * each is printed as rows/s and as the ratio with/without (1.00 = free, 0.80 = 20% fewer rows per second).
 *
 * <p>Insert copies {@code bench.rows} (default 2,000) existing rows, with a fresh primary key (past
 * the largest, or a new UUID; of a composite key its first column, the rest copied). A table with a unique key beyond its primary key is not
 * inserted into (copies would collide); it says so. Update sets one non-key column of
 * {@code bench.rows} rows to its own value: the freshly loaded pages are full, so the new versions
 * cannot be HOT and every index gets an entry, the cost an index adds to any update that leaves
 * its page (a HOT update touches no index at all). Not a test:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.indexkit.bench.WriteCostBench
 *     [-Dbench.indexes=ix_a,ix_b -Dbench.rounds=11]</pre>
 */
public final class WriteCostBench {

    /** How a table is written to: the statements, or why one of them cannot be run. */
    private record Writes(String insert, String insertSkipped, String update, String updateSkipped) {
    }

    public static void main(String[] args) throws Exception {
        int scale = Integer.getInteger("bench.scale", 1);
        int rows = Integer.getInteger("bench.rows", 2000);
        int rounds = Integer.getInteger("bench.rounds", 7);
        // -Dbench.indexes=a,b: only those (and only their packs' data is loaded), for more rounds on a few.
        List<String> only = Arrays.stream(System.getProperty("bench.indexes", "").split(",")).map(String::trim)
                .filter(x -> !x.isEmpty()).toList();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
            System.out.printf("write cost bench on embedded %s: scale %d, %,d rows per write, best of %d rounds%n",
                    server.version(), scale, rows, rounds);
            new ChangelogRunner(c).update(Pack.ALL_CHANGELOG);
            List<Pack> packs = Arrays.stream(Pack.values()).filter(p -> only.isEmpty()
                    || PackIndexes.names(p).stream().anyMatch(only::contains)).toList();
            for (Pack pack : packs) {
                VerifyRun.seed(c, pack, scale);
            }
            System.out.printf("%-10s %-44s %-22s %12s %12s %7s %12s %12s %7s%n", "pack", "index", "table", "ins/s with",
                    "ins/s w/o", "ratio", "upd/s with", "upd/s w/o", "ratio");
            for (Pack pack : packs) {
                String schema = pack.sharedSchema();
                Map<String, Writes> tables = new HashMap<>();
                for (PackIndexes.PackIndex index : PackIndexes.of(pack)) {
                    if (!only.isEmpty() && !only.contains(index.name())) {
                        continue;
                    }
                    Writes writes = tables.computeIfAbsent(index.table(), t -> describe(c, schema, t, rows));
                    try {
                        double[] insert = writes.insert() == null ? null : measure(c, schema, index.name(), writes.insert(), rounds);
                        double[] update = writes.update() == null ? null : measure(c, schema, index.name(), writes.update(), rounds);
                        System.out.printf("%-10s %-44s %-22s %s %s%n", pack.id(), index.name(), index.table(),
                                cells(insert, rows, writes.insertSkipped()), cells(update, rows, writes.updateSkipped()));
                    } catch (SQLException e) {
                        // One table the generic copy cannot write (a check across columns, a trigger) must not end the run.
                        System.out.printf("%-10s %-44s %-22s (not measured: %s)%n", pack.id(), index.name(), index.table(),
                                e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
        }
    }

    /** Best ms of {@code sql} with the index, and with it dropped; rounds alternate the order. */
    private static double[] measure(Connection c, String schema, String index, String sql, int rounds) throws SQLException {
        double[] with = new double[rounds];
        double[] without = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            boolean withFirst = round % 2 == 0;
            double first = timeRolledBack(c, withFirst ? null : Identifiers.qualified(schema, index), sql);
            double second = timeRolledBack(c, withFirst ? Identifiers.qualified(schema, index) : null, sql);
            with[round] = withFirst ? first : second;
            without[round] = withFirst ? second : first;
        }
        // The best round of each, as verification times queries: on a shared machine the other rounds
        // measure the neighbours as much as the index.
        return new double[]{Arrays.stream(with).min().orElseThrow(), Arrays.stream(without).min().orElseThrow()};
    }

    /** Milliseconds {@code sql} takes in a transaction that drops {@code drop} first (unless null) and is rolled back. */
    private static double timeRolledBack(Connection c, String drop, String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '2s'");
            if (drop != null) {
                st.execute("DROP INDEX " + drop);
            }
            long start = System.nanoTime();
            st.execute(sql);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The insert and update statements for {@code table}, from its catalog entries (names quoted, nothing pasted from data). */
    private static Writes describe(Connection c, String schema, String table, int rows) {
        try {
            String qualified = Identifiers.qualified(schema, table);
            List<String> pk = primaryKey(c, qualified);
            if (pk.isEmpty()) {
                return new Writes(null, "no primary key", null, "no primary key");
            }
            List<String> insertColumns = new ArrayList<>();
            List<String> selected = new ArrayList<>();
            List<String> copied = new ArrayList<>();
            String updateColumn = null;
            String insertSkipped = null;
            boolean numbered = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                    + "a.attgenerated <> '' FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 "
                    + "AND NOT a.attisdropped ORDER BY a.attnum")) {
                ps.setString(1, qualified);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        String type = rs.getString(2);
                        if (rs.getBoolean(3)) {
                            continue; // generated: the copy computes it
                        }
                        insertColumns.add(Identifiers.quote(name));
                        boolean key = pk.indexOf(name) == 0;
                        // The data scripts number rows themselves, so a sequence or identity would collide:
                        // a copy's key is the next one past the largest, or a new UUID.
                        if (key && "uuid".equals(type)) {
                            selected.add("gen_random_uuid()");
                        } else if (key && (type.equals("bigint") || type.equals("integer"))) {
                            selected.add("m.top + row_number() OVER ()");
                            numbered = true;
                        } else if (key) {
                            insertSkipped = "key " + name + " is " + type;
                        } else {
                            selected.add("s." + Identifiers.quote(name));
                        }
                        if (!key) {
                            copied.add(Identifiers.quote(name));
                        }
                        if (!pk.contains(name) && updateColumn == null) {
                            updateColumn = name;
                        }
                    }
                }
            }
            String update = updateColumn == null ? null : update(qualified, pk, updateColumn, rows);
            String unique = otherUniqueKey(c, qualified);
            String keys = String.join(", ", pk.stream().map(Identifiers::quote).toList());
            String first = Identifiers.quote(pk.get(0));
            // Only n rows are read (by the primary key) and numbered; the largest key is one index probe.
            String insert = unique != null || insertSkipped != null ? null : "INSERT INTO " + qualified + " ("
                    + String.join(", ", insertColumns) + ") SELECT " + String.join(", ", selected) + " FROM (SELECT "
                    + String.join(", ", copied) + " FROM " + qualified + " ORDER BY " + keys + " LIMIT " + rows + ") s"
                    + (numbered ? ", (SELECT max(" + first + ") AS top FROM " + qualified + ") m" : "");
            insertSkipped = unique != null ? "unique " + unique : insertSkipped;
            return new Writes(insert, insertSkipped, update, update == null ? "no non-key column" : null);
        } catch (SQLException e) {
            throw new IllegalStateException(table + ": " + e.getMessage(), e);
        }
    }

    private static String update(String qualified, List<String> pk, String column, int rows) {
        if (column == null) {
            return null;
        }
        String keys = String.join(", ", pk.stream().map(Identifiers::quote).toList());
        String col = Identifiers.quote(column);
        return "UPDATE " + qualified + " SET " + col + " = " + col + " WHERE (" + keys + ") IN (SELECT " + keys + " FROM " + qualified
                + " ORDER BY " + keys + " LIMIT " + rows + ")";
    }

    private static List<String> primaryKey(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY a.attnum")) {
            ps.setString(1, qualified);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** A unique index other than the primary key (a constraint's or a pack's): copied rows would violate it. */
    private static String otherUniqueKey(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                + "WHERE i.indrelid = to_regclass(?) AND i.indisunique AND NOT i.indisprimary ORDER BY 1 LIMIT 1")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String cells(double[] ms, int rows, String skipped) {
        if (ms == null) {
            return String.format(Locale.ROOT, "%-33s", "(" + (skipped == null ? "not measured" : skipped) + ")");
        }
        double with = rows / ms[0] * 1000;
        double without = rows / ms[1] * 1000;
        return String.format(Locale.ROOT, "%12.0f %12.0f %7.2f", with, without, with / without);
    }
}
