package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations never queue behind a long transaction, ride it out with retries, and leak no settings. */
class LockQueueTest {

    private TestDatabase db;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
        }
    }

    @Test
    void should_retry_after_lock_timeouts_and_succeed_once_the_blocker_is_gone_without_leaking_settings() throws Exception {
        CompletableFuture<Void> update;
        try (Connection blocker = db.connect(); Statement st = blocker.createStatement();
             Connection migrating = db.connect(); Statement ms = migrating.createStatement()) {
            blocker.setAutoCommit(false);
            // An open writer transaction: its ROW EXCLUSIVE lock conflicts with the build's SHARE lock.
            st.execute("LOCK TABLE items IN ROW EXCLUSIVE MODE");
            ms.execute("SET lock_timeout = '4321ms'");
            update = CompletableFuture.runAsync(() -> new ChangelogRunner(migrating).update("changelogs/items-status-retrying.yaml"));

            // While the blocker holds on, the build gives up and waits between attempts: nothing queues
            // behind it, so other sessions' queries on the table are not stalled by a waiting migration.
            awaitFailedAttempts(2);
            assertThat(db.scalar("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    + "WHERE c.relname = 'items' AND NOT l.granted")).as("sessions queueing for items").isEqualTo("0");
            assertThat(update).isNotDone();
            blocker.rollback();

            update.get(60, TimeUnit.SECONDS);
            try (ResultSet rs = ms.executeQuery("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                rs.next();
                assertThat(rs.getString(1)).as("lock_timeout after the migration").isEqualTo("4321ms");
                assertThat(rs.getString(2)).as("statement_timeout after the migration").isEqualTo("0");
            }
        }
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_items_status");
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
    }

    @Test
    void should_hold_the_changelog_lock_for_its_session_only() throws Exception {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            LockService firstLock = lockService(first);
            LockService secondLock = lockService(second);

            assertThat(firstLock.acquireLock()).isTrue();
            assertThat(secondLock.acquireLock()).as("a second migration waits for the first").isFalse();
            assertThat(secondLock.listLocks()).hasSize(1);

            int firstPid;
            try (Statement st = first.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                firstPid = rs.getInt(1);
            }
            first.close(); // ends like a killed JVM's session: no release call
            // The server ends the backend (and frees its locks) after the client has gone: wait for that.
            awaitSessionEnd(firstPid);
            assertThat(secondLock.acquireLock()).as("the lock ended with its session").isTrue();
            secondLock.releaseLock();
            assertThat(secondLock.listLocks()).isEmpty();
        }
        assertThat(db.scalar("SELECT to_regclass('public.databasechangeloglock')")).as("no lock table is needed").isNull();
    }

    private static LockService lockService(Connection c) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        // The factory caches per Database object; each connection gets its own Database here.
        return LockServiceFactory.getInstance().getLockService(database);
    }

    private void awaitFailedAttempts(int attempts) throws InterruptedException {
        // Each failed attempt waits 1 s, 2 s ... before the next; the lock wait itself is 300 ms.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String waiting = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX%ix_items_status%' "
                + "AND wait_event_type = 'Lock'";
        int seen = 0;
        boolean wasWaiting = false;
        while (seen < attempts) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the migration did not try " + attempts + " times within 30 s");
            }
            boolean isWaiting = !db.scalar(waiting).equals("0");
            if (wasWaiting && !isWaiting) {
                seen++;
            }
            wasWaiting = isWaiting;
            Thread.sleep(20);
        }
    }

    private void awaitSessionEnd(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"0".equals(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("backend " + pid + " was still running 10 s after its client closed");
            }
            Thread.sleep(20);
        }
    }
}
