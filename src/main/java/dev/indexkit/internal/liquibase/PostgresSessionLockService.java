package dev.indexkit.internal.liquibase;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Liquibase's changelog lock on PostgreSQL as a session-level advisory lock instead of a row in
 * {@code DATABASECHANGELOGLOCK}.
 *
 * <p>Why: Liquibase's row lock outlives a migrating JVM that is killed (a deploy pod evicted in the
 * middle of a long concurrent index build), and every later deploy then waits five minutes and fails
 * until someone runs {@code release-locks} by hand. An advisory lock belongs to the database session,
 * so PostgreSQL releases it the moment that session ends, however it ends. While it is held, other
 * migrations wait exactly as they do for the row lock.
 *
 * <p>Every Liquibase that can read an indexkit changelog has indexkit on its classpath, so all of them
 * take this lock. {@link IndexkitLiquibaseConfiguration#SESSION_LOCK} ({@code indexkit.sessionLock}: a
 * system property, {@code INDEXKIT_SESSION_LOCK}, or a Liquibase scope value, which is what Spring's
 * {@code indexkit.liquibase.session-lock} sets) false goes back to Liquibase's row lock, e.g. while other
 * services without indexkit migrate the same changelog tables. Read for each run.
 */
public final class PostgresSessionLockService implements LockService {

    private static final Logger LOG = Logger.getLogger(PostgresSessionLockService.class.getName());
    private static final String NAMESPACE = "indexkit.changelog";

    private Database database;
    private boolean hasLock;
    private long waitMinutes = 5;
    private long recheckSeconds = 10;

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public boolean supports(Database database) {
        // Offline databases (update-sql without a server) keep Liquibase's offline lock service.
        return database instanceof PostgresDatabase && database.getConnection() instanceof JdbcConnection
                && IndexkitLiquibaseConfiguration.sessionLock();
    }

    @Override
    public void setDatabase(Database database) {
        this.database = database;
    }

    @Override
    public void setChangeLogLockWaitTime(long minutes) {
        this.waitMinutes = minutes;
    }

    @Override
    public void setChangeLogLockRecheckTime(long seconds) {
        this.recheckSeconds = seconds;
    }

    @Override
    public boolean hasChangeLogLock() {
        return hasLock;
    }

    @Override
    public void waitForLock() throws LockException {
        long deadline = System.nanoTime() + waitMinutes * 60_000_000_000L;
        while (!acquireLock()) {
            if (System.nanoTime() > deadline) {
                throw new LockException("Could not acquire the changelog lock within " + waitMinutes + " minute(s): "
                        + "another migration holds it (" + describe(listLocks()) + "). Wait for it to finish; the lock "
                        + "is a PostgreSQL advisory lock that ends with that session, so a killed migration frees it by itself.");
            }
            try {
                Thread.sleep(Math.max(1, recheckSeconds) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockException("Interrupted while waiting for the changelog lock", e);
            }
        }
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (hasLock) {
            return true;
        }
        hasLock = lockFunction("pg_try_advisory_lock");
        if (hasLock) {
            // Said on every run, so nobody has to guess which lock a deploy took.
            LOG.info(() -> "indexkit: changelog lock taken as a PostgreSQL session advisory lock on " + lockName()
                    + " (not the DATABASECHANGELOGLOCK row; indexkit.sessionLock=false, or Spring's "
                    + "indexkit.liquibase.session-lock=false, keeps Liquibase's row lock)");
        }
        return hasLock;
    }

    @Override
    public void releaseLock() throws LockException {
        if (hasLock) {
            lockFunction("pg_advisory_unlock");
            hasLock = false;
        }
    }

    @Override
    public DatabaseChangeLogLock[] listLocks() throws LockException {
        String sql = "SELECT a.pid, a.backend_start, coalesce(nullif(a.application_name, ''), 'pid') || ' ' || a.pid "
                + "|| coalesce(' from ' || host(a.client_addr), '') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::int = hashtext(?) AND l.objid::int = hashtext(?) "
                + "AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (PreparedStatement ps = jdbc().prepareStatement(sql)) {
            ps.setString(1, NAMESPACE);
            ps.setString(2, lockName());
            List<DatabaseChangeLogLock> locks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locks.add(new DatabaseChangeLogLock(rs.getInt(1), rs.getTimestamp(2), rs.getString(3)));
                }
            }
            return locks.toArray(DatabaseChangeLogLock[]::new);
        } catch (SQLException | DatabaseException e) {
            throw new LockException("Could not list changelog locks: " + e.getMessage(), e);
        }
    }

    /** Releases this session's lock; another session's lock ends with that session and cannot go stale. */
    @Override
    public void forceReleaseLock() throws LockException {
        releaseLock();
        LOG.info("indexkit: the changelog lock is a PostgreSQL session advisory lock; other sessions' locks end with them");
    }

    @Override
    public void reset() {
        hasLock = false;
    }

    @Override
    public void init() {
        // Nothing to create: no lock table is needed.
    }

    @Override
    public void destroy() {
        reset();
    }

    private boolean lockFunction(String function) throws LockException {
        try {
            Connection c = jdbc();
            boolean result;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext(?), hashtext(?))")) {
                ps.setString(1, NAMESPACE);
                ps.setString(2, lockName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    result = rs.getBoolean(1);
                }
            }
            // Leave no transaction open: the next changeset may need autocommit for a concurrent build.
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return result;
        } catch (SQLException | DatabaseException e) {
            throw new LockException("Could not call " + function + " for the changelog lock: " + e.getMessage(), e);
        }
    }

    /** One lock per changelog table, so two changelogs tracked in different schemas do not wait for each other. */
    private String lockName() {
        return database.getLiquibaseSchemaName() + "." + database.getDatabaseChangeLogTableName();
    }

    private Connection jdbc() throws DatabaseException {
        return Connections.jdbc(database);
    }

    private static String describe(DatabaseChangeLogLock[] locks) {
        if (locks.length == 0) {
            return "holder already gone";
        }
        List<String> holders = new ArrayList<>();
        for (DatabaseChangeLogLock lock : locks) {
            holders.add(lock.getLockedBy() + " since " + lock.getLockGranted());
        }
        return String.join(", ", holders);
    }
}
