package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.DataLoader;
import dev.indexkit.verify.VerifyCatalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Runs a pack's catalog where {@code indexkit/all.yaml} put it: each pack in its own schema. A
 * verification database is built the way a service's database meets a pack: its tables first, filled
 * with production-shaped data, and only then the pack's indexes, built concurrently on populated
 * tables. Rows loaded into tables that already carry every index cost a B-tree insertion per index
 * and row, which made loading 2.3 to 2.6 times slower for the same plans; foreign keys are
 * re-created after the load for the same reason ({@link DeferredForeignKeys}).
 */
public final class VerifyRun {

    private VerifyRun() {
    }

    /** Opens a new session on the verification database. */
    @FunctionalInterface
    public interface Connector {
        /** @return a new connection, closed by the caller */
        Connection connect() throws SQLException;
    }

    /**
     * The packs' tables, data and then indexes, at the given scale, statistics gathered last: the
     * tables and indexes through {@code connection}, the data on parallel sessions ({@link #seedAll}).
     *
     * @param loaded told each pack's load time in milliseconds, from the loading thread
     */
    public static void prepare(Connection connection, Connector sessions, List<Pack> packs, int scale,
                               BiConsumer<Pack, Long> loaded) throws SQLException {
        for (Pack pack : packs) {
            applySchema(connection, pack);
        }
        seedAll(sessions, packs, scale, loaded);
        for (Pack pack : packs) {
            applyIndexes(connection, pack);
            analyzeExpressionIndexes(connection, pack);
        }
    }

    /**
     * Loads every pack's data, one session per CPU core (at most one per pack): each pack has its own
     * schema, so the loads share nothing, and one session's load keeps one core busy. Liquibase runs
     * stay on one session, one after another: its caches are process-wide.
     *
     * @param loaded told each pack's load time in milliseconds, from the loading thread
     */
    public static void seedAll(Connector sessions, List<Pack> packs, int scale, BiConsumer<Pack, Long> loaded) throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(loadSessions(packs.size()));
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (Pack pack : packs) {
                loads.add(pool.submit(() -> {
                    try (Connection c = sessions.connect()) {
                        long start = System.nanoTime();
                        seed(c, pack, scale);
                        loaded.accept(pack, (System.nanoTime() - start) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the packs' data", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many sessions {@link #seedAll} loads that many packs on: one per CPU core, at most one per pack. */
    public static int loadSessions(int packs) {
        return Math.max(1, Math.min(packs, Runtime.getRuntime().availableProcessors()));
    }

    /** The pack's changelog up to its {@code <pack>-schema} tag: the tables, none of the pack's indexes. */
    public static void applySchema(Connection connection, Pack pack) {
        runner(connection, pack).updateToTag(pack.changelog(), pack.schemaTag());
    }

    /** The rest of the pack's changelog: its indexes (and partitions), on tables that may hold data. */
    public static void applyIndexes(Connection connection, Pack pack) {
        runner(connection, pack).update(pack.changelog());
    }

    /** A pack's changelog run on its own, naming the schema {@code all.yaml} gives the pack. */
    public static ChangelogRunner runner(Connection connection, Pack pack) {
        return new ChangelogRunner(connection).parameter(pack.schemaParameter(), pack.sharedSchema());
    }

    /**
     * {@code ANALYZE} of the pack's tables that have an expression index: the load's
     * {@code VACUUM ANALYZE} ran before the indexes existed, and the planner has statistics for an
     * expression (such as {@code lower(email)}) only once ANALYZE has seen the index. The other
     * tables' statistics do not change with their indexes.
     */
    public static void analyzeExpressionIndexes(Connection connection, Pack pack) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT i.indrelid::regclass::text FROM pg_index i "
                + "JOIN pg_class t ON t.oid = i.indrelid WHERE i.indexprs IS NOT NULL AND t.relnamespace = to_regnamespace(quote_ident(?))")) {
            ps.setString(1, pack.sharedSchema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                st.execute("ANALYZE " + table);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Points unqualified names in the pack's queries and data at the pack's schema. */
    public static void useSchema(Connection connection, Pack pack) throws SQLException {
        SessionSettings.searchPath(connection, List.of(pack.sharedSchema()));
    }

    /** Loads the pack's production-shaped data into its schema at the given scale, then VACUUM ANALYZE. */
    public static void seed(Connection connection, Pack pack, int scale) throws SQLException {
        useSchema(connection, pack);
        VerifyCatalog catalog = VerifyCatalog.fromClasspath(pack.catalog());
        if (catalog.dataScript() == null) {
            throw new IllegalArgumentException("catalog " + pack.catalog() + " names no data script");
        }
        DeferredForeignKeys.around(connection, pack.sharedSchema(),
                () -> DataLoader.load(connection, "indexkit/verify/" + catalog.dataScript(), scale));
    }
}
