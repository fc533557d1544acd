package dev.indexkit.index;

import dev.indexkit.progress.Blocker;
import dev.indexkit.progress.Blockers;
import dev.indexkit.sql.Identifiers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

    public PostgresIndexBuilder(Connection connection, Timeouts timeouts) {
        this.connection = connection;
        this.timeouts = timeouts;
        this.catalog = new PostgresCatalog(connection);
    }

    public BuildOutcome ensure(IndexDefinition index, boolean concurrently) throws SQLException {
        requireAutoCommitFor(concurrently, "CREATE INDEX CONCURRENTLY", index.name());
        PostgresCatalog.Table table = requireTable(index);
        FragmentCheck.requireSingleExpressions(connection, index, index.qualifiedTable());
        boolean repaired = false;
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(index.schema(), index.name());
        boolean resume = false;
        if (existing.isPresent()) {
            PostgresCatalog.ExistingIndex found = existing.get();
            if (!found.table().equals(table.name())) {
                throw new IndexBuildException("Index " + index.qualifiedName() + " already exists on table \""
                        + found.table() + "\", not on " + index.qualifiedTable() + ": rename one of them");
            }
            if (found.valid()) {
                return BuildOutcome.ALREADY_PRESENT;
            }
            repaired = true;
            // An INVALID parent index of a partitioned table is a build that stopped half-way: keep what
            // was built and attached, and build only the partitions still missing.
            resume = found.partitioned() && concurrently;
            if (resume) {
                LOG.warning(() -> "Index " + index.qualifiedName() + " on partitioned table " + index.qualifiedTable()
                        + " is INVALID: an earlier build stopped half-way; building the partitions still missing");
            } else {
                LOG.warning(() -> "Index " + index.qualifiedName() + " is INVALID (" + found.definition()
                        + "), left by an earlier failed build; dropping and rebuilding it");
                dropStatement(table.schema(), index.name(), concurrently, found.partitioned(), index.qualifiedTable());
            }
        }
        if (table.partitioned() && concurrently) {
            new PartitionedIndexBuilder(connection, this).ensure(index, table, resume);
        } else {
            run(IndexSql.createPostgres(index, concurrently, false), index, table,
                    concurrently ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS);
        }
        requireValid(index, table);
        return repaired ? BuildOutcome.REPAIRED : BuildOutcome.BUILT;
    }

    public BuildOutcome drop(String schema, String name, boolean concurrently) throws SQLException {
        requireAutoCommitFor(concurrently, "DROP INDEX CONCURRENTLY", name);
        Optional<PostgresCatalog.ExistingIndex> existing = catalog.index(schema, name);
        if (existing.isEmpty()) {
            return BuildOutcome.ABSENT;
        }
        dropStatement(schema, name, concurrently, existing.get().partitioned(), existing.get().table());
        return BuildOutcome.DROPPED;
    }

    /**
     * The drop PostgreSQL accepts for this index: a partitioned index cannot be dropped concurrently
     * (dropping it drops its attached children with it, under ACCESS EXCLUSIVE on every partition:
     * brief, but writer-blocking, so it runs under the short lock timeout with retries).
     */
    private void dropStatement(String schema, String name, boolean concurrently, boolean partitioned, String table) throws SQLException {
        boolean concurrent = concurrently && !partitioned;
        String action = "drop index " + Identifiers.qualified(schema, name);
        try {
            execute(IndexSql.dropPostgres(schema, name, concurrent), action, table,
                    concurrent ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS, () -> { });
        } catch (SQLException e) {
            throw translate(e, action, table, concurrent ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS, false);
        }
    }

    /** Runs one DDL of {@code index} under the policy for its lock class, translating timeouts into clear errors. */
    void run(String sql, IndexDefinition index, PostgresCatalog.Table table, LockClass lockClass) throws SQLException {
        LOG.fine(() -> "indexkit: " + sql);
        try {
            execute(sql, "build index " + index.qualifiedName(), table.name(), lockClass, () -> removeInvalidLeftover(index));
        } catch (SQLException e) {
            boolean leftover = !removedInvalidLeftover(index, e);
            throw translate(e, "build index " + index.qualifiedName(), table.name(), lockClass, leftover);
        }
    }

    /**
     * Runs one DDL under the session settings for its class; when a writer-blocking step gave up on
     * its lock, cleans up after the failed attempt and tries again after a jittered, growing pause.
     * The settings are put back between attempts, so nothing leaks while waiting.
     */
    private void execute(String sql, String action, String table, LockClass lockClass, SqlCleanup afterFailedAttempt)
            throws SQLException {
        if (lockClass == LockClass.CONCURRENT) {
            logOlderTransactions(action);
        }
        int retries = timeouts.retriesFor(lockClass);
        for (int retry = 1; ; retry++) {
            try (SessionSettings ignored = SessionSettings.apply(connection, timeouts, lockClass);
                 Statement st = connection.createStatement()) {
                st.execute(sql);
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

    PostgresCatalog catalog() {
        return catalog;
    }

    private PostgresCatalog.Table requireTable(IndexDefinition index) throws SQLException {
        PostgresCatalog.Table table = catalog.table(index.schema(), index.table()).orElseThrow(() ->
                new IndexBuildException("Cannot build index " + Identifiers.quote(index.name()) + ": table "
                        + index.qualifiedTable() + " does not exist. Check tableName/schemaName, or apply the "
                        + "changeset that creates the table first."));
        List<String> wanted = new java.util.ArrayList<>();
        index.keys().stream().filter(k -> k.column() != null).forEach(k -> wanted.add(k.column()));
        wanted.addAll(index.include());
        List<String> missing = catalog.missingColumns(table, wanted);
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
            removedInvalidLeftover(index, invalid);
            throw invalid;
        }
    }

    /** Removes what a failed build left; if that fails too, the reason rides along with {@code failure}. */
    private boolean removedInvalidLeftover(IndexDefinition index, Exception failure) {
        try {
            return removeInvalidLeftover(index);
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
    private boolean removeInvalidLeftover(IndexDefinition index) throws SQLException {
        if (connection.isClosed() || !connection.getAutoCommit()) {
            return false;
        }
        Optional<PostgresCatalog.ExistingIndex> leftover = catalog.index(index.schema(), index.name());
        if (leftover.isEmpty() || leftover.get().valid()) {
            return true;
        }
        if (leftover.get().partitioned()) {
            return false;
        }
        try (SessionSettings ignored = SessionSettings.apply(connection, timeouts.lockTimeout(), timeouts.statementTimeout());
             Statement st = connection.createStatement()) {
            st.execute(IndexSql.dropPostgres(index.schema(), index.name(), true));
        }
        return true;
    }

    private RuntimeException translate(SQLException e, String action, String table, LockClass lockClass, boolean leftover) {
        String after = leftover ? " An INVALID index of that name is left (its cleanup could not get its lock either); "
                + "the next update drops and rebuilds it, or resumes it on a partitioned table."
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
