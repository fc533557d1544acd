package dev.indexkit.liquibase;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.progress.BuildProgress;
import dev.indexkit.internal.progress.BuildProgressMonitor;
import dev.indexkit.internal.progress.ProgressPrinter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BuildProgressMonitorTest {

    @Test
    void should_report_the_phases_of_a_concurrent_build_while_it_runs() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL)",
                "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 200000) g");
        List<BuildProgress> seen = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8), false);

        try (Connection writer = db.connect(); Statement w = writer.createStatement();
             BuildProgressMonitor ignored = BuildProgressMonitor.start(db.connect(), p -> {
                 seen.add(p);
                 printer.accept(p);
             }, 50, 10)) {
            // An open writer holds the build in "waiting for writers before build" until it commits:
            // a phase the monitor must see, deterministically.
            writer.setAutoCommit(false);
            w.execute("INSERT INTO items VALUES (0, 'open transaction')");
            CompletableFuture<Void> build = CompletableFuture.runAsync(() ->
                    db.execute("CREATE INDEX CONCURRENTLY ix_items_code ON items (code)"));
            waitUntil(() -> seen.stream().anyMatch(p -> p.phase().startsWith("waiting for writers")));
            writer.commit();
            build.get(2, TimeUnit.MINUTES);
        }

        assertThat(seen).anySatisfy(p -> {
            assertThat(p.table()).isEqualTo("items");
            assertThat(p.command()).isEqualTo("CREATE INDEX CONCURRENTLY");
            assertThat(p.phase()).isEqualTo("waiting for writers before build");
            assertThat(p.total()).isEqualTo(1);
        });
        // The first sample can come before the server reports the new index's oid: then it has no name yet.
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("  \\[progress] (ix_items_code|\\(new index\\)) on items: waiting for writers before build 0% \\(0/1\\)")
                .contains("  [progress] ix_items_code on items: building index")
                .doesNotContain("\r");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 30 s").isTrue();
    }
}
