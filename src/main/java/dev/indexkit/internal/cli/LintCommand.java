package dev.indexkit.internal.cli;

import dev.indexkit.internal.demo.EmbeddedPostgresServer;
import dev.indexkit.internal.verify.GenericPlanLint;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.verify.VerifyCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code indexkit lint}: a changelog against a catalog before any data exists. It builds the changelog
 * on an embedded PostgreSQL of its own (nothing of the user's is touched) and lets that server judge
 * each query, see {@link GenericPlanLint}.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Apply a changelog to an embedded PostgreSQL and flag each catalog query with parameters whose partial"
                + " index its generic plan cannot use, naming the remedy; exit 1 when one is flagged.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing flagged", "1:a query flagged, or one the lint cannot decide", "2:bad input"})
public final class LintCommand implements Callable<Integer> {

    @Option(names = "--changelog", required = true, description = "Changelog: from the jar (indexkit/<pack>/changelog.yaml) or a file path")
    String changelog;

    @Option(names = "--catalog", required = true, description = "Catalog file (verify format), or a pack's from the jar (indexkit/verify/<pack>.yaml)")
    String catalog;

    @Option(names = {"-D", "--param"}, description = "Changelog parameter, e.g. -D indexkit.mina.schema=app")
    Map<String, String> parameters = Map.of();

    @Option(names = "--schema", split = ",", description = "The schema(s) the catalog's tables are in, put first on the search_path")
    List<String> schemas = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        VerifyCatalog queries = java.nio.file.Files.exists(Path.of(catalog)) || !catalog.startsWith("indexkit/")
                ? VerifyCatalog.fromFile(Path.of(catalog)) : VerifyCatalog.fromClasspath(catalog);
        for (String schema : schemas) {
            dev.indexkit.internal.sql.Identifiers.requireValid(schema, "--schema");
        }
        // The lint builds the changelog on a server of its own: from the slim CLI archive, that needs lib/demo/.
        EmbeddedPostgresRequirement.require("indexkit verify --url jdbc:postgresql://host:5432/scratch --seed-data --catalog "
                + catalog + " checks the same generic plans there, on the catalog's data");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(); Connection c = server.connect()) {
            ChangelogRunner runner = new ChangelogRunner(c);
            parameters.forEach(runner::parameter);
            runner.update(changelog);
            if (!schemas.isEmpty()) {
                dev.indexkit.internal.sql.SessionSettings.searchPath(c, schemas);
            }
            List<GenericPlanLint.Finding> findings = new GenericPlanLint(c).check(queries);
            for (GenericPlanLint.Finding f : findings) {
                System.out.println((f.fails() ? f.outcome().name() : "accepted") + " " + f.message());
            }
            long failing = findings.stream().filter(GenericPlanLint.Finding::fails).count();
            int total = queries.queries().size();
            System.out.println(failing == 0 ? "lint: nothing flagged (" + total + (total == 1 ? " query)" : " queries)")
                    : "lint: " + failing + " of " + total + (total == 1 ? " query" : " queries") + " flagged");
            return failing == 0 ? 0 : 1;
        }
    }
}
