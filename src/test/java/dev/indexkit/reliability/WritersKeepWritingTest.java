package dev.indexkit.reliability;

import dev.indexkit.fixtures.Catalog;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While indexkit builds an index, application writers keep committing for the whole build; the same
 * harness around a plain {@code CREATE INDEX} sees them stop (the control that shows the check can fail).
 * Latency figures belong to {@code WriteLatencyBench}; this only asserts the writers were never stopped.
 */
class WritersKeepWritingTest {

    private static final long ROWS = 1_000_000;
    private TestDatabase db;

    @BeforeEach
    void tableWithRows() throws Exception {
        db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            new ChangelogRunner(c).update("changelogs/items-table.yaml");
        }
        db.execute("INSERT INTO items (code, status, created_at) SELECT md5(g::text), (ARRAY['new','done','failed'])[g % 3 + 1], "
                + "now() - g * interval '1 second' FROM generate_series(1, " + ROWS + ") g", "VACUUM ANALYZE items");
    }

    @Test
    void should_keep_writers_committing_throughout_indexkits_build() throws Exception {
        Window build = buildUnderLoad(() -> {
            try (Connection c = db.connect()) {
                new ChangelogRunner(c).update("changelogs/items-status-patient.yaml");
            }
        });
        assertThat(Catalog.indexDefinitions(db, "public")).containsKey("ix_items_status");
        assertThat(Catalog.invalidIndexes(db, "public")).isEmpty();

        assertThat(build.writes.count()).as("writes committed during the build").isGreaterThan(100);
        assertThat(build.longestSilenceShare()).as("longest time without a committed write, as a share of the "
                + build.millis() + " ms build").isLessThan(0.25);
    }

    @Test
    void should_see_writers_stopped_by_a_plain_build_the_control() throws Exception {
        Window build = buildUnderLoad(() -> db.execute("CREATE INDEX ix_items_status ON items (status, created_at)"));
        assertThat(build.longestSilenceShare()).as("a plain CREATE INDEX blocks writes for most of its "
                + build.millis() + " ms build").isGreaterThan(0.5);
    }

    private Window buildUnderLoad(ThrowingRunnable build) throws Exception {
        try (WriterLoad load = WriterLoad.start(db.url(), db.user(), db.password(), "items", 2, ROWS)) {
            Thread.sleep(300); // writers warmed up before the build starts
            long start = System.nanoTime();
            build.run();
            long end = System.nanoTime();
            Thread.sleep(300);
            WriterLoad.Writes writes = load.stop();
            Window window = new Window(start, end, writes.between(start, end), writes.longestSilence(start, end));
            System.out.printf("build %d ms, %d writes during it, longest silence %.1f ms (%.0f%%)%n", window.millis(),
                    window.writes.count(), window.longestSilence / 1e6, 100 * window.longestSilenceShare());
            return window;
        }
    }

    private record Window(long start, long end, WriterLoad.Writes writes, long longestSilence) {
        long millis() {
            return (end - start) / 1_000_000;
        }

        double longestSilenceShare() {
            return (double) longestSilence / (end - start);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
