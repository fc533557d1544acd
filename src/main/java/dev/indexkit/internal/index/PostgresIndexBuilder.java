package dev.indexkit.internal.index;

import dev.indexkit.internal.progress.Blocker;
import dev.indexkit.internal.progress.Blockers;
import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.NewTable;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.internal.sql.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Builds and drops one index on PostgreSQL, safely:
 * <ul>
 *   <li>the table and its columns are checked before any DDL runs;</li>
 *   <li>an index of the same name left INVALID by an earlier failed concurrent build is dropped
 *       concurrently and rebuilt (PostgreSQL keeps such leftovers, and {@code IF NOT EXISTS} alone
 *       would silently keep the broken one); on a partitioned table the build resumes instead;</li>
 *   <li>each DDL runs under the {@link Timeouts} policy for its {@link LockClass}, restored afterwards;</li>
 *   <li>after the build {@code pg_index.indisvalid} must be true, otherwise the build fails loudly and
 *       the invalid index is removed.</li>
 * </ul>
 */
public final class PostgresIndexBuilder {

    private static final Logger LOG = Logger.getLogger(PostgresIndexBuilder.class.getName());
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private final Connection connection;
    private final Timeouts timeouts;
    private final PostgresCatalog catalog;
    private final IndexPlanner planner;

    public PostgresIndexBuilder(Connection connection, Timeouts timeouts) {
        this.connection = connection;
        this.timeouts = timeouts;
        this.catalog = new PostgresCatalog(connection);
        this.planner = new IndexPlanner(connection, catalog);
    }

    /** The connection it plans and builds on. */
    public Connection connection() {
        return connection;
    }

    public BuildOutcome ensure(IndexDefinition index, boolean concurrently) throws SQLException {
        return ensure(index, concurrently, OnDrift.FAIL);
    }

    public BuildOutcome ensure(IndexDefinition index, boolean concurrently, OnDrift onDrift) throws SQLException {
        requireAutoCommitFor(concurrently, "CREATE INDEX CONCURRENTLY", index.name());
        PostgresCatalog.Table table = requireTable(index);
        FragmentCheck.requireSingleExpressions(connection, index);
        IndexPlan plan = planner.ensure(index, table, concurrently, onDrift);
        if (plan.outcome() == BuildOutcome.ALREADY_PRESENT) {
            return plan.outcome();
        }
        if (plan.note() != null) {
            LOG.warning(() -> "Index " + index.qualifiedName() + ": " + plan.note());
        }
        try {
            run(plan, "build index " + index.qualifiedName());
        } catch (IndexBuildException failure) {
            throw withPartitionedParentNote(index, failure);
        }
        requireValid(index, table);
        return plan.outcome();
    }

    /**
     * Every problem the build of {@code index} would meet, found before any DDL of the update runs
     * (Liquibase's validation): a missing table (unless an earlier changeset of the update creates it,
     * or may: {@code mayBeCreatedEarlier}), missing columns, fragments the server refuses, and an existing index of
     * that name on another table or with another definition. Reads only; empty when the build can go.
     */
    public List<String> preflight(IndexDefinition index, boolean mayBeCreatedEarlier, OnDrift onDrift) throws SQLException {
        Optional<PostgresCatalog.Table> table = catalog.table(index.schema(), index.table());
        if (table.isEmpty()) {
            return mayBeCreatedEarlier ? List.of() : List.of("table " + index.qualifiedTable()
                    + " does not exist, and no earlier changeset of this update creates it");
        }
        List<String> problems = new java.util.ArrayList<>();
        List<String> missing = catalog.missingColumns(table.get(), index.namedColumns());
        if (!missing.isEmpty()) {
            problems.add("table " + index.qualifiedTable() + " has no column " + String.join(", ", missing));
        }
        try {
            FragmentCheck.requireSingleExpressions(connection, index);
        } catch (IndexBuildException refused) {
            problems.add(refused.getMessage());
        }
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(index.schema(), index.name());
        if (existing.isPresent() && !existing.get().table().equals(table.get().name())) {
            problems.add("index " + index.qualifiedName() + " already exists on table \"" + existing.get().table() + "\"");
        } else if (existing.isPresent() && existing.get().valid() && problems.isEmpty()) {
            Optional<String> drift = IndexDrift.difference(connection, index, existing.get().oid());
            boolean replace = onDrift == OnDrift.REPLACE;
            Optional<String> pinned = drift.isPresent() && replace ? catalog.whyNotReplaceable(existing.get().oid()) : Optional.empty();
            if (drift.isPresent() && !replace) {
                problems.add(IndexPlanner.driftMessage(index, existing.get(), drift.get(), table.get().partitioned()));
            } else if (pinned.isPresent()) {
                problems.add(IndexPlanner.notReplaceableMessage(index, existing.get(), drift.get(), pinned.get()));
            }
        }
        return problems;
    }

    /**
     * The steps {@link #ensure} would run now, for review ({@code update-sql}); reads only. The
     * fragments are checked by the server first, as {@code ensure} does. A table that does not exist
     * yet gets the plan for the table as {@code shapeIfNew} (an earlier changeset) creates it, with a
     * note saying so.
     */
    public IndexPlan planEnsure(IndexDefinition index, boolean concurrently, OnDrift onDrift, Optional<NewTable> shapeIfNew)
            throws SQLException {
        Optional<PostgresCatalog.Table> table = catalog.table(index.schema(), index.table());
        if (table.isEmpty()) {
            return IndexPlanner.forNewTable(index, concurrently, shapeIfNew);
        }
        FragmentCheck.requireSingleExpressions(connection, index);
        return planner.ensure(index, table.get(), concurrently, onDrift);
    }

    /** The plan for a table that cannot be seen (offline): as {@code shape} creates it, else a new plain table. */
    public static IndexPlan planForNewTable(IndexDefinition index, boolean concurrently, Optional<NewTable> shape) {
        return IndexPlanner.forNewTable(index, concurrently, shape);
    }

    /** The drop of an index that cannot be looked up (offline): the plain-index drop, with a note. */
    public static IndexPlan planDropUnseen(String schema, String name, boolean concurrently) {
        return new IndexPlan(List.of(IndexPlanner.drop(schema, name, concurrently, false, "drop the index")),
                BuildOutcome.DROPPED, null, "no database to look at: the drop of a plain index (a partitioned index is "
                + "dropped without CONCURRENTLY)");
    }

    /**
     * The drop of an index that does not exist now but may when a script gets there (an earlier
     * changeset creates it, or an earlier rollback rebuilds it): as {@link #drop} would find it then.
     */
    public static IndexPlan planDropOfNewIndex(String schema, String name, boolean concurrently, boolean partitioned) {
        return new IndexPlan(List.of(IndexPlanner.drop(schema, name, concurrently, partitioned, "drop the index")),
                BuildOutcome.DROPPED, null, "the index does not exist now; an earlier step of this script may create it");
    }

    /** The steps {@link #drop} would run now; reads only. */
    public IndexPlan planDrop(String schema, String name, boolean concurrently) throws SQLException {
        return planner.drop(schema, name, concurrently);
    }

    public BuildOutcome drop(String schema, String name, boolean concurrently) throws SQLException {
        requireAutoCommitFor(concurrently, "DROP INDEX CONCURRENTLY", name);
        IndexPlan plan = planner.drop(schema, name, concurrently);
        run(plan, "drop index " + Identifiers.qualified(schema, name));
        return plan.outcome();
    }

    /**
     * Runs each step of {@code plan} under the policy for its lock class. A step that fails has its
     * INVALID leftover removed (under the short lock timeout) and the failure translated into what to do.
     */
    private void run(IndexPlan plan, String action) throws SQLException {
        String table = plan.table();
        for (DdlStep step : plan.steps()) {
            LOG.fine(() -> "indexkit: " + step.sql() + " -- " + step.reason());
            try {
                execute(step, action, table, () -> removeInvalidLeftover(step));
            } catch (SQLException e) {
                boolean leftover = !removedInvalidLeftover(step, e);
                IndexBuildException failure = translate(e, action, table, step.lockClass(), leftover);
                if (plan.outcome() == BuildOutcome.REPLACED) {
                    throw new IndexBuildException(failure.getMessage().replace(" Nothing was left behind.", "")
                            + " A replace that stopped part-way can leave an index named *_indexkit_new or *_indexkit_old "
                            + "beside the one of that name; the next update drops it and finishes.", e);
                }
                throw failure;
            }
        }
    }

    /**
     * A failed build on a partitioned table leaves its INVALID parent index with the partitions indexed so
     * far (the catalog says whether it does): say so, and that the next update resumes.
     */
    private IndexBuildException withPartitionedParentNote(IndexDefinition index, IndexBuildException failure) {
        Optional<PostgresCatalog.ExistingIndex> parent;
        try {
            parent = connection.isClosed() ? Optional.empty() : catalog.index(index.schema(), index.name());
        } catch (SQLException lost) {
            failure.addSuppressed(lost); // the session is gone (terminated): the failure says enough
            return failure;
        }
        if (parent.isEmpty() || parent.get().valid() || !parent.get().partitioned()) {
            return failure;
        }
        return new IndexBuildException(failure.getMessage() + " The partitioned index stays INVALID (the planner does "
                + "not use it) with the partitions indexed so far; the next update builds only the partitions still "
                + "missing and attaches them.", failure);
    }

    /**
     * Runs one DDL under the session settings for its class; when a writer-blocking step gave up on
     * its lock, cleans up after the failed attempt and tries again after a jittered, growing pause.
     * The settings are put back between attempts, so nothing leaks while waiting.
     */
    private void execute(DdlStep step, String action, String table, SqlCleanup afterFailedAttempt) throws SQLException {
        LockClass lockClass = step.lockClass();
        if (lockClass == LockClass.CONCURRENT) {
            logOlderTransactions(action);
        }
        int retries = timeouts.retriesFor(lockClass);
        for (int retry = 1; ; retry++) {
            try (SessionSettings ignored = SessionSettings.apply(connection, settingsFor(lockClass));
                 Statement st = connection.createStatement()) {
                if (step.inTransaction()) {
                    inOneTransaction(st, step.statements());
                } else {
                    st.execute(step.sql());
                }
                return;
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || retry > retries || !connection.getAutoCommit()) {
                    throw e;
                }
                afterFailedAttempt.run();
                long pause = timeouts.backoffMillis(retry);
                int attempt = retry;
                LOG.warning(() -> "indexkit: could not " + action + ": \"" + table + "\" stayed locked for lock_timeout="
                        + timeouts.lockTimeoutFor(lockClass) + "; retry " + attempt + " of " + retries + " in " + pause + " ms");
                sleep(pause);
            }
        }
    }

    /** The statements as one transaction: all of them or, after an error, none. */
    private void inOneTransaction(Statement st, List<String> statements) throws SQLException {
        Transactions.inOne(connection, () -> {
            for (String sql : statements) {
                st.execute(sql);
            }
        });
    }

    /**
     * A concurrent build waits for every older transaction in the database; say which ones, so a
     * deploy that seems stuck names the report or batch job it is waiting for.
     */
    private void logOlderTransactions(String action) {
        try {
            List<Blocker> older = Blockers.olderTransactions(connection);
            if (!older.isEmpty()) {
                LOG.info(() -> "indexkit: " + action + " waits (up to concurrentLockTimeout="
                        + timeouts.concurrentLockTimeout() + ") for " + older.size() + " older transaction(s): "
                        + older.stream().map(Blocker::describe).collect(Collectors.joining("; ")));
            }
        } catch (SQLException e) {
            LOG.fine(() -> "indexkit: could not list older transactions: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface SqlCleanup {
        void run() throws SQLException;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting to retry a locked DDL", e);
        }
    }

    private PostgresCatalog.Table requireTable(IndexDefinition index) throws SQLException {
        PostgresCatalog.Table table = catalog.table(index.schema(), index.table()).orElseThrow(() ->
                new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                        + index.qualifiedTable() + " does not exist. Check tableName/schemaName, or apply the "
                        + "changeset that creates the table first."));
        List<String> missing = catalog.missingColumns(table, index.namedColumns());
        if (!missing.isEmpty()) {
            throw new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                    + index.qualifiedTable() + " has no column " + String.join(", ", missing)
                    + ". Check the column names (they are case-sensitive and quoted as written).");
        }
        return table;
    }

    private void requireValid(IndexDefinition index, PostgresCatalog.Table table) throws SQLException {
        PostgresCatalog.ExistingIndex built = catalog.index(table.schema(), index.name()).orElseThrow(() ->
                new IndexBuildException("Index " + index.qualifiedName() + " is missing right after it was built"));
        if (!built.valid()) {
            IndexBuildException invalid = new IndexBuildException("Index " + index.qualifiedName() + " on "
                    + index.qualifiedTable() + " is INVALID after the build (pg_index.indisvalid = false), usually "
                    + "because of duplicate keys for a unique index or a failed expression. "
                    + (built.partitioned() ? "It stays, with the partitions already indexed, and the next update builds "
                    + "only what is missing." : "It has been dropped.") + " Fix the data and run the update again.");
            removedInvalidLeftover(new DdlStep("", LockClass.CONCURRENT, "", table.schema(), index.name()), invalid);
            throw invalid;
        }
    }

    /** Removes what a failed step left; if that fails too, the reason rides along with {@code failure}. */
    private boolean removedInvalidLeftover(DdlStep step, Exception failure) {
        try {
            return removeInvalidLeftover(step);
        } catch (SQLException cleanup) {
            failure.addSuppressed(cleanup);
            return false;
        }
    }

    /**
     * A failed concurrent build leaves an INVALID index behind: drop it, under the short lock timeout
     * (it is cleanup: if it cannot get its lock, the next run repairs the leftover instead of this run
     * waiting for the blocker's lifetime). An INVALID partitioned index stays, so the next run resumes.
     *
     * @return whether nothing INVALID of that name is left
     */
    private boolean removeInvalidLeftover(DdlStep step) throws SQLException {
        if (step.leftoverIndex() == null) {
            return true;
        }
        if (connection.isClosed()) {
            return false;
        }
        if (!connection.getAutoCommit()) {
            return true; // a build inside a transaction leaves nothing: the transaction rolls back
        }
        Optional<PostgresCatalog.ExistingIndex> leftover = catalog.index(step.schema(), step.leftoverIndex());
        if (leftover.isEmpty() || leftover.get().valid()) {
            return true;
        }
        if (leftover.get().partitioned()) {
            return false;
        }
        try (SessionSettings ignored = SessionSettings.apply(connection, settingsFor(LockClass.BLOCKS_WRITERS));
             Statement st = connection.createStatement()) {
            st.execute(IndexSql.dropPostgres(step.schema(), step.leftoverIndex(), true));
        }
        return true;
    }

    private Map<String, String> settingsFor(LockClass lockClass) throws SQLException {
        return timeouts.settingsFor(lockClass, connection.getMetaData().getDatabaseMajorVersion());
    }

    private IndexBuildException translate(SQLException e, String action, String table, LockClass lockClass, boolean leftover) {
        String after = leftover ? " An INVALID index of that name may be left (the session ended, or the cleanup could "
                + "not get its lock either); the next update drops and rebuilds it, or resumes it on a partitioned table."
                : " Nothing was left behind.";
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            int retries = timeouts.retriesFor(lockClass);
            String setting = lockClass == LockClass.CONCURRENT ? "concurrentLockTimeout" : "lockTimeout";
            return new IndexBuildException("Could not " + action + ": " + (lockClass == LockClass.CONCURRENT
                    ? "a concurrent build waits for every transaction older than itself, and lock_timeout="
                    + timeouts.lockTimeoutFor(lockClass) + " (" + setting + ") expired while waiting for table \"" + table
                    + "\" or for an old transaction in the database"
                    : "table \"" + table + "\" is locked by another transaction and lock_timeout="
                    + timeouts.lockTimeoutFor(lockClass) + " (" + setting + ") expired"
                    + (retries > 0 ? " on all " + (retries + 1) + " attempts" : ""))
                    + ". Find the blocker with SELECT pid, state, xact_start, query FROM pg_stat_activity WHERE "
                    + "xact_start IS NOT NULL ORDER BY xact_start, let it finish, then re-run; or raise " + setting
                    + (lockClass == LockClass.BLOCKS_WRITERS ? " or lockRetries" : "") + " on the change." + after, e);
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return new IndexBuildException("Could not " + action + " on \"" + table + "\" within statement_timeout="
                    + timeouts.statementTimeout() + ": raise statementTimeout on the change (0 means no limit)." + after, e);
        }
        return new IndexBuildException("Could not " + action + " on \"" + table + "\": " + e.getMessage() + "." + after, e);
    }

    private void requireAutoCommitFor(boolean concurrently, String ddl, String name) throws SQLException {
        if (concurrently && !connection.getAutoCommit()) {
            throw new IndexBuildException(ddl + " for " + Identifiers.quote(name) + " cannot run inside a transaction: "
                    + "PostgreSQL refuses it. Give the changeset runInTransaction: false (and no other changes), "
                    + "or set concurrently: false to accept a lock that blocks writes during the build.");
        }
    }
}
