package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.CliProcess;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A primary with old transactions: a pack update with default settings waits out a 60 s report
 * (naming it while it waits) instead of failing, and a build that does give up cleans up under the
 * short lock timeout instead of waiting for the blocker's lifetime.
 */
class BusyServerTest {

    private static final long REPORT_SECONDS = 60;
    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE reports (n int)", "INSERT INTO reports SELECT generate_series(1, 1000)");
    }

    @Test
    void should_complete_a_pack_update_behind_a_60s_report_and_name_the_report_while_waiting() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection report = db.connect(); Statement st = report.createStatement()) {
            st.execute("SET application_name = 'nightly-report'");
            report.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            int reportPid;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), count(*) FROM reports")) {
                rs.next();
                reportPid = rs.getInt(1);
            }
            long reportStart = System.nanoTime();
            timer.schedule(() -> {
                report.commit();
                return null;
            }, REPORT_SECONDS, TimeUnit.SECONDS);

            Path output = Files.createTempFile("indexkit-update", ".log");
            Process update = CliProcess.start(db, output, "update", "--url", db.url(), "--changelog", "indexkit/mina/changelog.yaml");
            assertThat(update.waitFor(REPORT_SECONDS + 120, TimeUnit.SECONDS)).as("the update finished").isTrue();
            long waitedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - reportStart);
            String printed = Files.readString(output);
            System.out.printf("pack update behind a %d s report: finished after %d s, exit %d%n", REPORT_SECONDS,
                    waitedSeconds, update.exitValue());

            assertThat(update.exitValue()).as("exit code; output:%n%s", printed).isZero();
            assertThat(waitedSeconds).as("the update really waited for the report").isGreaterThanOrEqualTo(REPORT_SECONDS - 1);
            assertThat(printed).as("the blocker named while waiting")
                    .contains("waiting for pid " + reportPid + " (application \"nightly-report\") idle in transaction");
        } finally {
            timer.shutdownNow();
        }
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_sessions_started_at");
    }

    @Test
    void should_give_up_within_the_timeouts_not_the_blockers_lifetime_and_leave_the_leftover_to_the_next_run() throws Exception {
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
        }
        db.execute("INSERT INTO items (code, status, created_at) SELECT 'c' || g, 'new', now() FROM generate_series(1, 10000) g");
        try (Connection writer = db.connect(); Statement st = writer.createStatement()) {
            // A 45 s writer transaction: the concurrent build waits for it, so does its cleanup.
            writer.setAutoCommit(false);
            st.execute("INSERT INTO items (code, status, created_at) VALUES ('w', 'new', now())");
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                try (Connection c = db.connect()) {
                    new ChangelogRunner(c).update("changelogs/items-status-impatient.yaml");
                }
            }).hasMessageContaining("lock_timeout=2s (concurrentLockTimeout) expired")
                    .hasMessageContaining("An INVALID index of that name may be left");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            System.out.printf("update behind a 45 s writer with concurrentLockTimeout 2s failed after %d s%n", seconds);
            assertThat(seconds).as("2 s build wait + 2 s cleanup wait + Liquibase, not 45 s").isLessThan(15);
            assertThat(Catalog.invalidIndexes(db, "public")).containsExactly("ix_items_status");
            writer.rollback();
        }
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/items-status-impatient.yaml");
        }
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM databasechangelog WHERE id = 'ix_items_status'")).isEqualTo("1");
    }

}
