package dev.indexkit.liquibase;

import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a changelog through Liquibase's command API against a JDBC connection the caller owns
 * (it is not closed). Changelogs are found on the classpath ({@code indexkit/mina/changelog.yaml}),
 * in the working directory, or by absolute path (found in its own directory and recorded in
 * DATABASECHANGELOG under its file name, from any working directory: see the README). Used by the
 * demo, the CLI and the tests: one way to run Liquibase.
 */
public final class ChangelogRunner {

    private final Connection connection;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private boolean liquibaseConsole;
    private String contexts;
    private String labels;

    /**
     * A runner without parameters and with Liquibase's console output off.
     *
     * @param connection where the changelog runs; the caller keeps it open and closes it
     */
    public ChangelogRunner(Connection connection) {
        this.connection = connection;
    }

    /**
     * A changelog parameter such as {@code indexkit.mina.schema}; wins over the changelog's default.
     *
     * @param name the parameter's name
     * @param value its value
     * @return this runner
     */
    public ChangelogRunner parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /**
     * Let Liquibase print its own progress ("Running Changeset", summaries) to the console.
     *
     * @param enabled true to show Liquibase's own output; off by default (it goes to its logger)
     * @return this runner
     */
    public ChangelogRunner liquibaseConsole(boolean enabled) {
        this.liquibaseConsole = enabled;
        return this;
    }

    /**
     * Only changesets whose {@code context} matches run, roll back or are printed (Liquibase's
     * {@code --contexts}); changesets without a context always do.
     *
     * @param expression a Liquibase context expression, e.g. {@code prod and !backfill}; null for all
     * @return this runner
     */
    public ChangelogRunner contexts(String expression) {
        this.contexts = expression;
        return this;
    }

    /**
     * Only changesets whose {@code labels} match run, roll back or are printed (Liquibase's
     * {@code --label-filter}); changesets without labels always do.
     *
     * @param expression a Liquibase label expression, e.g. {@code indexkit-cleanup or orders}; null for all
     * @return this runner
     */
    public ChangelogRunner labels(String expression) {
        this.labels = expression;
        return this;
    }

    /**
     * Runs every changeset of the changelog that has not run yet (Liquibase {@code update}).
     *
     * @param changelog classpath, working-directory or absolute path, e.g. {@code indexkit/mina/changelog.yaml}
     * @throws ChangelogException when Liquibase fails
     */
    public void update(String changelog) {
        run("update", changelog, null, null);
    }

    /**
     * Runs the changesets that have not run yet, in order, up to and including the one that makes
     * the tag (Liquibase {@code update-to-tag}): e.g. a pack's tables without its indexes.
     *
     * @param changelog classpath, working-directory or absolute path of the changelog
     * @param tag the tag to stop at, e.g. {@code mina-schema}
     * @throws ChangelogException when Liquibase fails, e.g. no changeset makes the tag
     */
    public void updateToTag(String changelog, String tag) {
        run("updateToTag", changelog, tag, null);
    }

    /**
     * Rolls back every changeset applied after the tag (Liquibase {@code rollback}).
     *
     * @param changelog the changelog whose changesets are rolled back
     * @param tag the tag to return to, e.g. {@code mina-schema}
     * @throws ChangelogException when Liquibase fails, e.g. the tag does not exist
     */
    public void rollbackToTag(String changelog, String tag) {
        run("rollback", changelog, tag, null);
    }

    /**
     * Tags the database's current state, the last changeset applied (Liquibase {@code tag}).
     *
     * @param tag the tag's name
     * @throws ChangelogException when Liquibase fails
     */
    public void tag(String tag) {
        run("tag", null, tag, null);
    }

    /**
     * The SQL {@code update} would run, as a reviewer sees it; the changesets are not applied.
     *
     * @param changelog classpath, working-directory or absolute path of the changelog
     * @return the script Liquibase's {@code updateSql} prints
     * @throws ChangelogException when Liquibase fails
     */
    public String updateSql(String changelog) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run("updateSql", changelog, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The SQL {@code rollbackToTag} would run, as a reviewer sees it; the changesets are not applied.
     *
     * @param changelog classpath, working-directory or absolute path of the changelog
     * @param tag the tag to return to
     * @return the script Liquibase's {@code rollbackSql} prints
     * @throws ChangelogException when Liquibase fails
     */
    public String rollbackSql(String changelog, String tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run("rollbackSql", changelog, tag, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void run(String command, String changelog, String tag, OutputStream output) {
        try {
            boolean callersAutoCommit = connection.getAutoCommit();
            // Liquibase caches, per connection URL and across commands, what has run and whether the
            // database is "up to date"; a rollback does not clear that, so the next update in the same
            // JVM would see the stale answer and do nothing. Liquibase 5 also keeps database snapshots,
            // so a precondition such as tableExists would see the tables as they were at the last run.
            Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            liquibase.snapshot.SnapshotGeneratorFactory.resetAll();
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ChangelogLocation location = ChangelogLocation.of(changelog);
            Map<String, Object> scopeValues = new java.util.HashMap<>();
            scopeValues.put(Scope.Attr.resourceAccessor.name(), location.accessor());
            if (!liquibaseConsole) {
                scopeValues.put(Scope.Attr.ui.name(), new LoggerUIService());
            }
            Scope.child(scopeValues, () -> {
                CommandScope scope = new CommandScope(command).addArgumentValue("database", database);
                if (changelog != null) {
                    ChangeLogParameters params = new ChangeLogParameters(database);
                    parameters.forEach(params::set);
                    scope.addArgumentValue("changelogFile", location.path()).addArgumentValue("changelogParameters", params);
                    if ("updateToTag".equals(command)) {
                        requireTag(location, params, tag);
                    }
                    // Named as Liquibase's command steps define them (the CLI's --contexts, --label-filter);
                    // ChangelogRunnerTest checks that each one filters update, update-sql and rollback.
                    if (contexts != null) {
                        scope.addArgumentValue("contexts", contexts);
                    }
                    if (labels != null) {
                        scope.addArgumentValue("labelFilter", labels);
                    }
                }
                if (tag != null) {
                    scope.addArgumentValue("tag", tag);
                }
                if (output != null) {
                    scope.setOutput(output);
                } else if (!liquibaseConsole) {
                    // The update summary is written to the command's output, not through the UI service.
                    scope.setOutput(OutputStream.nullOutputStream());
                }
                scope.execute();
            });
            // Liquibase leaves the caller's connection in manual-commit mode with its last history
            // rows (e.g. a rollback's DATABASECHANGELOG deletes) uncommitted: commit them and hand
            // the connection back as it came.
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            connection.setAutoCommit(callersAutoCommit);
        } catch (Exception e) {
            throw new ChangelogException(command + " of " + (changelog == null ? "(no changelog)" : changelog)
                    + " failed: " + rootMessage(e), e);
        }
    }

    /**
     * Liquibase's update-to-tag with a tag that no changeset makes only warns, then applies the whole
     * changelog: a mistyped tag must stop before anything runs instead.
     */
    private static void requireTag(ChangelogLocation location, ChangeLogParameters params, String tag) throws Exception {
        java.util.List<String> tags = new java.util.ArrayList<>();
        for (liquibase.changelog.ChangeSet changeSet : liquibase.parser.ChangeLogParserFactory.getInstance()
                .getParser(location.path(), location.accessor()).parse(location.path(), params, location.accessor()).getChangeSets()) {
            for (liquibase.change.Change change : changeSet.getChanges()) {
                if (change instanceof liquibase.change.core.TagDatabaseChange tagging) {
                    tags.add(tagging.getTag());
                }
            }
        }
        if (!tags.contains(tag)) {
            throw new IllegalArgumentException("no changeset of " + location.path() + " makes the tag '" + tag
                    + "', so update-to-tag would apply every changeset; its tags: " + String.join(", ", tags));
        }
    }

    /**
     * Liquibase wraps failures several layers deep. indexkit's own exceptions carry the explanation
     * and the fix, so the outermost of those wins; otherwise the innermost message.
     */
    static String rootMessage(Throwable e) {
        String innermost = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("dev.indexkit.") && !(t instanceof ChangelogException)) {
                return t.getMessage();
            }
            if (t instanceof liquibase.exception.PreconditionFailedException failed) {
                // Its message is only "Preconditions Failed"; the changeset's onFailMessage is in the list.
                return failed.getMessage() + ": " + failed.getFailedPreconditions().stream()
                        .map(f -> f.getMessage()).collect(java.util.stream.Collectors.joining("; "));
            }
            if (t.getMessage() != null) {
                innermost = t.getMessage();
            }
        }
        return innermost;
    }
}
