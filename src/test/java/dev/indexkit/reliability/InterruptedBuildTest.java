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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A concurrent build interrupted half-way, by the server or by a killed migrating JVM: the next update
 * must finish with every index valid, nothing INVALID left, and no stale changelog lock in the way.
 *
 * <p>The build is stopped at a deterministic point: a writer transaction stays open on the table, so
 * {@code CREATE INDEX CONCURRENTLY} has already committed its (invalid) catalog entry and sits in the
 * phase "waiting for writers before build" when the fault hits.
 */
class InterruptedBuildTest {

    private static final String CHANGELOG = "changelogs/items-status-patient.yaml";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TestDatabase db;

    @BeforeEach
    void tableWithRows() {
        db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        db.execute("INSERT INTO items (code, status, created_at) SELECT 'c' || g, (ARRAY['new','done','failed'])[g % 3 + 1], "
                + "now() - g * interval '1 minute' FROM generate_series(1, 50000) g");
    }

    @Test
    void should_finish_the_next_update_after_the_building_backend_is_terminated() throws Exception {
        try (Connection writer = openWriter()) {
            CompletableFuture<Void> update = CompletableFuture.runAsync(() -> {
                try (Connection c = db.connect()) {
                    new ChangelogRunner(c).update(CHANGELOG);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String pid = awaitBuildWaitingForWriters();
            assertThat(db.scalar("SELECT pg_terminate_backend(" + Integer.parseInt(pid) + ")")).isEqualTo("t");
            assertThatThrownBy(() -> update.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .hasStackTraceContaining("terminat");
            assertThat(Catalog.invalidIndexes(db, "public")).as("the fault left a real INVALID index").containsExactly("ix_items_status");
            writer.rollback();
        }

        assertNextUpdateRepairs();
    }

    @Test
    void should_finish_the_next_update_after_the_migrating_jvm_is_killed() throws Exception {
        Process migration;
        try (Connection writer = openWriter()) {
            migration = CliProcess.start(db, null, "update", "--url", db.url(), "--changelog", CHANGELOG);
            try {
                String pid = awaitBuildWaitingForWriters();
                migration.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

                // client_connection_check_interval: the server notices the lost client while the build
                // still waits for the writer, instead of building the index for nobody and holding the
                // changelog lock until then.
                awaitUntil("the killed JVM's backend " + pid + " ends while the writer still holds its lock",
                        () -> db.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = " + Integer.parseInt(pid)).equals("0"));
                assertThat(writer.isValid(1)).isTrue();
            } finally {
                migration.destroyForcibly();
            }
            assertThat(Catalog.invalidIndexes(db, "public")).as("the fault left a real INVALID index").containsExactly("ix_items_status");
            writer.rollback();
        }

        assertNextUpdateRepairs();
    }

    /** No waiting for a stale DATABASECHANGELOGLOCK row: the changelog lock died with the session. */
    private void assertNextUpdateRepairs() throws Exception {
        assertTimeoutPreemptively(PATIENCE, () -> {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).update(CHANGELOG);
            }
        }, "the next update must not wait for the interrupted migration's changelog lock");
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();
        assertThat(Catalog.indexDefinitions(db, "public")).containsEntry("ix_items_status",
                "CREATE INDEX ix_items_status ON public.items USING btree (status, created_at)");
        assertThat(db.column("SELECT id FROM databasechangelog")).contains("ix_items_status");
        assertThat(db.scalar("SELECT count(*) FROM items")).isEqualTo("50000");
    }

    /** A transaction that has written to the table and stays open: a concurrent build must wait for it. */
    private Connection openWriter() throws Exception {
        Connection writer = db.connect();
        writer.setAutoCommit(false);
        try (Statement st = writer.createStatement()) {
            st.execute("INSERT INTO items (code, status, created_at) VALUES ('w', 'new', now())");
        }
        return writer;
    }

    private String awaitBuildWaitingForWriters() throws Exception {
        String sql = "SELECT pid FROM pg_stat_progress_create_index WHERE relid = 'public.items'::regclass "
                + "AND phase = 'waiting for writers before build'";
        awaitUntil("the concurrent build waits for the open writer", () -> db.scalar(sql) != null);
        return db.scalar(sql);
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + PATIENCE.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
