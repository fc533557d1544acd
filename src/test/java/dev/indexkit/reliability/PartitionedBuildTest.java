package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.CliProcess;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ensureIndex} on a partitioned table on a busy server: writers keep committing while the
 * parent-only step waits behind a long writer transaction, and every way a build can stop half-way
 * (lock timeout on one partition, duplicates for a unique index, a terminated backend, a killed JVM)
 * is followed by an update that finishes the index: everything valid, nothing INVALID, the changeset
 * recorded once, and the partitions indexed before the fault not built again.
 */
class PartitionedBuildTest {

    private static final String DEFAULTS = "changelogs/events-index-default.yaml";
    /** The long writer transaction outlives the 0.1 default lock timeout (10 s). */
    private static final long LONG_WRITER_MILLIS = 12_000;

    private TestDatabase db;

    @BeforeEach
    void partitionedTableWithRows() {
        db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            PartitionedWriterGap.createEvents(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        db.execute("CREATE TABLE reports (n int)", "INSERT INTO reports VALUES (1)");
    }

    @Test
    void should_keep_writers_committing_while_the_parent_step_waits_behind_a_long_writer() throws Exception {
        PartitionedWriterGap.Result gap = buildBehindLongWriter(DEFAULTS);
        assertThat(gap.failure()).as("the update, which rides out the writer with retries").isNull();
        assertFinished();
        assertThat(gap.writes()).as("writes during the build").isGreaterThan(100);
        assertThat(gap.longestGapMillis()).as("longest time without a committed write: at most the 2 s lock timeout plus 1 s")
                .isLessThan(3_000);
    }

    @Test
    void should_see_writers_stopped_for_the_whole_lock_timeout_with_the_old_single_10s_attempt_the_control() throws Exception {
        PartitionedWriterGap.Result gap = buildBehindLongWriter("changelogs/events-index-10s.yaml");
        assertThat(gap.failure()).as("one 10 s attempt behind a 12 s writer").isNotNull();
        assertThat(gap.longestGapMillis()).as("longest time without a committed write").isGreaterThan(8_000);
    }

    @Test
    void should_resume_after_a_lock_timeout_on_one_partition() throws Exception {
        try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("LOCK TABLE events_2024_02 IN SHARE UPDATE EXCLUSIVE MODE");
            assertThatThrownBy(() -> update("changelogs/events-index-impatient.yaml"))
                    .hasMessageContaining("lock_timeout=1s (concurrentLockTimeout) expired")
                    .hasMessageContaining("stays INVALID");
            blocker.rollback();
        }
        assertThat(Catalog.invalidIndexes(db, "public")).as("left by the fault").containsExactly("ix_events_code");
        long firstPartitionIndex = childIndexOid("events_2024_01");

        update("changelogs/events-index-impatient.yaml");
        assertFinished();
        assertThat(childIndexOid("events_2024_01")).as("the partition indexed before the fault is kept, not rebuilt")
                .isEqualTo(firstPartitionIndex);
    }

    @Test
    void should_resume_a_unique_index_once_the_duplicates_are_fixed() throws Exception {
        db.execute("INSERT INTO events (code, status, created_at) SELECT code, status, created_at FROM events "
                + "WHERE created_at >= '2024-02-01 00:00:00+00' LIMIT 1");
        assertThatThrownBy(() -> update("changelogs/events-index-unique.yaml"))
                .hasMessageContaining("INVALID").hasMessageContaining("stays INVALID");
        db.execute("DELETE FROM events a USING events b WHERE a.code = b.code AND a.created_at = b.created_at AND a.id > b.id");

        update("changelogs/events-index-unique.yaml");
        assertFinished();
    }

    @Test
    void should_resume_after_the_building_backend_is_terminated() throws Exception {
        try (Connection report = openReport()) {
            CompletableFuture<Void> update = CompletableFuture.runAsync(() -> {
                try {
                    update(DEFAULTS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int pid = awaitBuildWaitingForOldSnapshots();
            assertThat(db.scalar("SELECT pg_terminate_backend(" + pid + ")")).isEqualTo("t");
            assertThatThrownBy(() -> update.get(60, TimeUnit.SECONDS)).hasStackTraceContaining("terminat");
            report.rollback();
        }
        assertThat(Catalog.invalidIndexes(db, "public")).as("left by the fault").contains("ix_events_code");

        update(DEFAULTS);
        assertFinished();
    }

    @Test
    void should_resume_after_the_migrating_jvm_is_killed() throws Exception {
        try (Connection report = openReport()) {
            Process migration = CliProcess.start(db, null, "update", "--url", db.url(), "--changelog", DEFAULTS);
            try {
                int pid = awaitBuildWaitingForOldSnapshots();
                migration.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                awaitUntil("the killed JVM's backend ends", () -> "0".equals(
                        db.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)));
            } finally {
                migration.destroyForcibly();
            }
            report.rollback();
        }
        assertThat(Catalog.invalidIndexes(db, "public")).as("left by the fault").contains("ix_events_code");

        update(DEFAULTS);
        assertFinished();
    }

    private void update(String changelog) throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update(changelog);
        }
    }

    /** The parent index is valid with every partition's index attached, nothing INVALID, recorded once. */
    private void assertFinished() {
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        assertThat(db.scalar("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = 'public.ix_events_code'::regclass"))
                .isEqualTo("t");
        assertThat(db.column("SELECT c.relname FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid "
                + "WHERE h.inhparent = 'public.ix_events_code'::regclass ORDER BY 1")).hasSize(4);
        assertThat(db.scalar("SELECT count(*) FROM databasechangelog WHERE id = 'ix_events_code'")).isEqualTo("1");
    }

    private long childIndexOid(String partition) {
        return Long.parseLong(db.scalar("SELECT h.inhrelid FROM pg_inherits h JOIN pg_index i ON i.indexrelid = h.inhrelid "
                + "WHERE h.inhparent = 'public.ix_events_code'::regclass AND i.indrelid = 'public." + partition + "'::regclass"));
    }

    /** A repeatable-read report on another table: every concurrent build waits for its snapshot. */
    private Connection openReport() throws Exception {
        Connection report = db.connect();
        report.setAutoCommit(false);
        try (Statement st = report.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SELECT count(*) FROM reports");
        }
        return report;
    }

    private int awaitBuildWaitingForOldSnapshots() throws Exception {
        String sql = "SELECT pid FROM pg_stat_progress_create_index WHERE phase = 'waiting for old snapshots'";
        awaitUntil("a partition's concurrent build waits for the report", () -> db.scalar(sql) != null);
        return Integer.parseInt(db.scalar(sql));
    }

    private PartitionedWriterGap.Result buildBehindLongWriter(String changelog) throws Exception {
        PartitionedWriterGap.Result gap = PartitionedWriterGap.measure(db.url(), db.user(), db.password(), changelog,
                LONG_WRITER_MILLIS);
        System.out.printf("%s: update %d ms (%s), %d writes, longest gap without a commit %d ms%n", changelog,
                gap.updateMillis(), gap.failure() == null ? "succeeded" : "failed", gap.writes(), gap.longestGapMillis());
        return gap;
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after 60 s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
