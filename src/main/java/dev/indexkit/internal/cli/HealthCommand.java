package dev.indexkit.internal.cli;

import dev.indexkit.health.Finding;
import dev.indexkit.health.HealthReport;
import dev.indexkit.health.IndexHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code indexkit health}: index findings with the SQL to fix them; never changes anything. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Invalid, duplicate, prefix-redundant and unused indexes, foreign keys without an index, sizes, cache hit ratio.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on", "2:bad input or cannot connect"})
public final class HealthCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--schema", defaultValue = "public", split = ",", description = "Schema(s) to inspect (default ${DEFAULT-VALUE})")
    List<String> schemas;

    @Option(names = "--json", description = "JSON for machines instead of text tables")
    boolean json;

    @Option(names = "--fail-on", defaultValue = "warning", description = "Exit 1 on findings of this severity or worse: info, warning, error (default ${DEFAULT-VALUE})")
    String failOn;

    @Override
    public Integer call() throws Exception {
        Finding.Severity threshold = Finding.Severity.parse(failOn);
        try (Connection c = connection.connect()) {
            requireSchemasExist(c);
            HealthReport report = new IndexHealth(c).inspect(schemas);
            System.out.println(json ? report.json() : report.text());
            return report.atLeast(threshold).isEmpty() ? 0 : 1;
        }
    }

    /** A misspelt --schema would otherwise report nothing and exit 0, as if the schema were healthy. */
    private void requireSchemasExist(Connection c) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            for (String schema : schemas) {
                ps.setString(1, schema);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new BadInputException("schema " + schema + " does not exist in this database: check --schema "
                                + "(names are case-sensitive and taken as written)", null);
                    }
                }
            }
        }
    }
}
