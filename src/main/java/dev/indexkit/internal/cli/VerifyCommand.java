package dev.indexkit.internal.cli;

import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.internal.verify.QueryResult;
import dev.indexkit.internal.verify.Verification;
import dev.indexkit.internal.verify.VerifyReport;
import dev.indexkit.internal.verify.VerifyRun;
import dev.indexkit.liquibase.Pack;
import dev.indexkit.verify.VerifyCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code indexkit verify}: proves each target query uses its intended index. On {@code --embedded} it
 * builds everything itself (packs, production-shaped data) and also times each query with its index,
 * without it (siblings kept) and without any of its pack's indexes on its tables, and prints the
 * redundancy report. On {@code --url} it is read-only unless told otherwise: plans only, on the database's own
 * statistics, which is what a staging database with real data should be checked with.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Prove with EXPLAIN that every target query uses its intended index; exit 1 when one does not.")
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--embedded", description = "Start embedded PostgreSQL, apply all packs, load their data (instead of --url)")
    boolean embedded;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--pack", description = "Pack(s) to verify (default: all). Their catalogs ship in the jar.")
    List<String> packs = new ArrayList<>();

    @Option(names = "--catalog", description = "Your own catalog file instead of the packs'; with --seed-data its data: "
            + "script (relative to the catalog) is loaded first")
    Path catalog;

    @Option(names = "--schema", split = ",", description = "With --catalog: the schema(s) the catalog's tables are in, "
            + "put first on the search_path for the run")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--seed-data", description = "With --url: apply indexkit/all.yaml and load the packs' data first (test databases only)")
    boolean seedData;

    @Option(names = "--scale", defaultValue = "1", description = "Data scale factor (default ${DEFAULT-VALUE}: CI size)")
    int scale;

    @Option(names = "--measure", description = "Best-of-N timing with each index, without it (siblings kept) and without "
            + "all the pack's indexes on its tables (drops them in a rolled-back transaction: ACCESS EXCLUSIVE lock); the "
            + "report then lists indexes under 2x on every query. Default 5 with --embedded or --seed-data, else 0.")
    Integer measure;

    @Option(names = "--allow-access-exclusive-lock", description = "With --url and --measure: accept that each index "
            + "is dropped in a rolled-back transaction, an ACCESS EXCLUSIVE lock on its table (waits at most 2s, then skips the timing)")
    boolean allowAccessExclusiveLock;

    @Option(names = "--report", description = "Also write the table to a .md or .html file")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (embedded && connection.url != null && !connection.url.isBlank()) {
            throw new BadInputException("give either --embedded or --url, not both", null);
        }
        if (embedded) {
            EmbeddedPostgresRequirement.require("indexkit verify --url jdbc:postgresql://host:5432/db (add --seed-data on a test database)");
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
                System.out.println("verify on embedded " + server.version());
                return verify(c, server::connect, true);
            }
        }
        if (measure != null && measure > 0 && !seedData && !allowAccessExclusiveLock) {
            throw new BadInputException("--measure " + measure + " on --url drops each target index inside a rolled-back "
                    + "transaction, which takes an ACCESS EXCLUSIVE lock on its table: readers and writers of that table wait "
                    + "for it (at most " + Verification.MEASURE_LOCK_TIMEOUT + " per index). Add --allow-access-exclusive-lock to accept that, or leave out --measure "
                    + "for a read-only run.", null);
        }
        try (Connection c = connection.connect()) {
            return verify(c, connection::connect, seedData);
        }
    }

    private int verify(Connection c, VerifyRun.Connector sessions, boolean seed) throws Exception {
        if (catalog != null) {
            return verifyCatalog(c, seed);
        }
        if (!schemas.isEmpty()) {
            throw new BadInputException("--schema goes with --catalog (each pack's catalog knows its schema)", null);
        }
        List<Pack> selected = packs.isEmpty() ? List.of(Pack.values()) : packs.stream().map(Pack::of).toList();
        if (seed) {
            // The tables, then the data (side by side), then the indexes over the loaded rows.
            VerifyRun.prepare(c, sessions, selected, scale,
                    (pack, ms) -> System.out.printf("  loaded %s data at scale %d in %d ms%n", pack.id(), scale, ms));
        }
        Verification verification = new Verification(c, measure != null ? measure : seed ? 5 : 0);
        List<QueryResult> results = new ArrayList<>();
        for (Pack pack : selected) {
            results.addAll(verification.run(pack));
        }
        return report(results);
    }

    /**
     * A service's own catalog: its data: script is loaded with --seed-data (a test database) and said
     * to be left out otherwise (a read-only run on the database's own data); --schema sets the path.
     */
    private int verifyCatalog(Connection c, boolean seed) throws Exception {
        if (!packs.isEmpty()) {
            throw new BadInputException("give --pack or --catalog, not both: --catalog verifies your own catalog only", null);
        }
        VerifyCatalog own = VerifyCatalog.fromFile(catalog);
        java.util.Optional<Path> data = own.dataFile();
        if (!schemas.isEmpty()) {
            for (String schema : schemas) {
                dev.indexkit.internal.sql.Identifiers.requireValid(schema, "--schema");
            }
            dev.indexkit.internal.sql.SessionSettings.searchPath(c, schemas);
        }
        if (seed && data.isEmpty()) {
            throw new BadInputException("--seed-data with --catalog loads the catalog's data: script, but " + catalog
                    + " names none: add data: <script.sql> to it, or leave out --seed-data", null);
        }
        if (data.isPresent() && seed) {
            long start = System.nanoTime();
            dev.indexkit.verify.DataLoader.load(c, data.get(), scale);
            System.out.printf("  loaded %s at scale %d in %d ms%n", data.get(), scale, (System.nanoTime() - start) / 1_000_000);
        } else if (data.isPresent()) {
            System.out.println("-- data: " + data.get() + " not loaded: a read-only run on the database's own data "
                    + "(add --seed-data on a test database to load it)");
        }
        Verification verification = new Verification(c, measure != null ? measure : seed ? 5 : 0);
        return report(verification.run(catalog.getFileName().toString(), own));
    }

    private int report(List<QueryResult> results) throws java.io.IOException {
        VerifyReport table = new VerifyReport(results);
        System.out.print(table.text());
        if (report != null) {
            Files.writeString(report, report.toString().endsWith(".html") ? table.html() : table.markdown());
            System.out.println("report written to " + report);
        }
        return table.allPassed() ? 0 : 1;
    }
}
