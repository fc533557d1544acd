package dev.indexkit.demo;

import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.Pack;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The main job on any PostgreSQL database: apply every pack, roll each back to its
 * {@code <pack>-schema} tag and re-apply it, then show the indexes that were built.
 */
public final class Demo {

    private final Connection connection;
    private final PrintStream out;

    public Demo(Connection connection, PrintStream out) {
        this.connection = connection;
        this.out = out;
    }

    public void run() throws SQLException {
        timed("apply all packs (" + Pack.ALL_CHANGELOG + ")", () -> runner().update(Pack.ALL_CHANGELOG));
        for (Pack pack : Pack.values()) {
            timed("roll " + pack.id() + " back to " + pack.schemaTag(),
                    () -> runner(pack).rollbackToTag(pack.changelog(), pack.schemaTag()));
            timed("re-apply " + pack.id(), () -> runner(pack).update(pack.changelog()));
        }
        out.println();
        out.println("Indexes built by the packs:");
        out.print(IndexInventory.of(connection, schemas()));
        out.println();
        out.println("Monthly partitions of fastnext.activity_logs (kept by ensureMonthlyPartitions on every update):");
        out.print(PartitionInventory.of(connection, Pack.FASTNEXT.sharedSchema(), "activity_logs"));
    }

    private ChangelogRunner runner() {
        return new ChangelogRunner(connection);
    }

    /** A pack's changelog run on its own must name the schema all.yaml gave it. */
    private ChangelogRunner runner(Pack pack) {
        return runner().parameter(pack.schemaParameter(), pack.sharedSchema());
    }

    private static List<String> schemas() {
        return Arrays.stream(Pack.values()).map(Pack::sharedSchema).toList();
    }

    private void timed(String step, Runnable work) {
        long start = System.nanoTime();
        work.run();
        out.printf("  %-52s %6d ms%n", step, (System.nanoTime() - start) / 1_000_000);
    }
}
