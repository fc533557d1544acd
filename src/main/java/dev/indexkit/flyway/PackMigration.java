package dev.indexkit.flyway;

import dev.indexkit.internal.flyway.PackSteps;
import dev.indexkit.internal.index.IndexBuildException;
import dev.indexkit.internal.index.OnDrift;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.index.Timeouts;
import dev.indexkit.liquibase.Pack;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A pack as one Flyway <em>repeatable</em> Java migration, rendered from the same {@code indexes.yaml}
 * the Liquibase changelog is: every index of its latest release ensured (built {@code CONCURRENTLY}
 * and checked, an INVALID leftover repaired, an index of the same definition kept, a drifted one
 * refused before any DDL), the indexes a revision retired dropped. Repeatable, not versioned: it runs
 * after the service's own versioned migrations (so their tables exist) and whenever the definition
 * changes (a new indexkit release), and never stands in the way of the service's next version.
 *
 * <p>Found by Flyway in the location {@code classpath:indexkit/flyway/<pack>}, or given directly
 * ({@link IndexkitFlyway#pack}). Placeholders: {@code indexkit.<pack>.schema} (the tables' schema;
 * default the pack's own, as in its changelog) and {@code indexkit.onDrift} ({@code fail} or
 * {@code replace}).
 */
public class PackMigration implements JavaMigration {

    private static final Logger LOG = Logger.getLogger(PackMigration.class.getName());

    private final Pack pack;
    private final PackSteps definition;

    /**
     * The migration of one pack.
     *
     * @param pack the pack
     */
    public PackMigration(Pack pack) {
        this.pack = pack;
        this.definition = PackSteps.read(pack.indexesChangelog(), pack.schemaParameter());
    }

    /** @return null: a repeatable migration */
    @Override
    public MigrationVersion getVersion() {
        return null;
    }

    /** @return {@code indexkit <pack> pack} */
    @Override
    public String getDescription() {
        return "indexkit " + pack.id() + " pack";
    }

    /** @return the checksum of the pack's definition and its default schema: a new release re-runs it */
    @Override
    public Integer getChecksum() {
        return definition.checksum(definition.defaultSchema());
    }

    /** @return false: concurrent builds cannot run inside a transaction */
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    /**
     * Ensures the pack's indexes on Flyway's connection, after checking every one of them first.
     *
     * @param context Flyway's connection and configuration
     * @throws Exception when a check fails (nothing ran) or a build fails (earlier ones stay, the
     *                   failed one is cleaned up; the next migrate repairs and goes on)
     */
    @Override
    public void migrate(Context context) throws Exception {
        Configuration configuration = context.getConfiguration();
        FlywayLock.requireNonTransactional(configuration);
        Map<String, String> placeholders = configuration.getPlaceholders();
        String schema = placeholders.getOrDefault(pack.schemaParameter(), definition.defaultSchema());
        OnDrift onDrift = OnDrift.parse(placeholders.getOrDefault(OnDrift.PARAMETER, "fail"));
        Connection connection = context.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            PostgresIndexBuilder builder = new PostgresIndexBuilder(connection, Timeouts.DEFAULTS);
            List<PackSteps.Step> steps = new ArrayList<>();
            for (PackSteps.Step step : PackSteps.netEffect(definition.steps(schema))) {
                if (step.guard().holds(connection)) {
                    steps.add(step);
                } else {
                    LOG.info(() -> "indexkit " + pack.id() + ": " + step.changeSetId() + " skipped: its precondition does "
                            + "not hold on these tables (tried again when the migration next runs)");
                }
            }
            List<String> problems = new ArrayList<>();
            for (PackSteps.Step step : steps) {
                if (!step.drops()) {
                    builder.preflight(step.index(), false, onDrift).forEach(p -> problems.add(step.changeSetId() + ": " + p));
                }
            }
            if (!problems.isEmpty()) {
                throw new IndexBuildException("indexkit " + pack.id() + " pack: " + problems.size() + " problem(s), nothing was "
                        + "run:\n  - " + String.join("\n  - ", problems));
            }
            for (PackSteps.Step step : steps) {
                if (step.drops()) {
                    builder.drop(step.dropSchema(), step.dropName(), true);
                } else {
                    builder.ensure(step.index(), true, onDrift);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
