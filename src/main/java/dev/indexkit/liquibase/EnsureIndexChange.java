package dev.indexkit.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import dev.indexkit.internal.index.IndexDefinition;
import dev.indexkit.internal.index.IndexKey;
import dev.indexkit.internal.index.IndexMethod;
import dev.indexkit.internal.index.IndexPlan;
import dev.indexkit.internal.index.IndexSql;
import dev.indexkit.internal.index.OnDrift;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.liquibase.AdoptedIndexes;
import dev.indexkit.internal.liquibase.ChangeChecksum;
import dev.indexkit.internal.liquibase.ChangeSetRules;
import dev.indexkit.internal.liquibase.Connections;
import dev.indexkit.internal.liquibase.Dialect;
import dev.indexkit.internal.liquibase.EnsureIndexStatement;
import dev.indexkit.internal.liquibase.NewTables;
import dev.indexkit.internal.liquibase.PrintedPlan;
import dev.indexkit.internal.sql.NewTable;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.ChangeWithColumns;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code ensureIndex}: creates an index the safe way. On PostgreSQL it builds
 * {@code CONCURRENTLY IF NOT EXISTS} by default, repairs an INVALID leftover of the same name, runs
 * under explicit lock and statement timeouts and checks the result is valid; on SQLite it is a plain
 * {@code CREATE INDEX IF NOT EXISTS}. Rolls back by itself with {@code dropIndexSafely}.
 *
 * <p>Named differently from core's {@code createIndex} on purpose: Liquibase finds changes by name
 * alone, so reusing that name would replace core's change for every changelog on the classpath.
 */
@DatabaseChange(name = "ensureIndex", priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "index",
        description = "Creates an index (btree, hash, gin, gist, spgist, brin; DESC, expressions, opclass, "
                + "WHERE, INCLUDE, UNIQUE), concurrently on PostgreSQL, idempotent, repairing INVALID leftovers")
public class EnsureIndexChange extends AbstractIndexChange implements ChangeWithColumns<IndexColumnConfig> {

    private String method;
    private Boolean unique;
    private String where;
    private String include;
    private String onDrift;
    private List<IndexColumnConfig> columns = new ArrayList<>();

    /** Filled in when the statement runs, for {@link #getConfirmationMessage()}. */
    private final transient AtomicReference<BuildOutcome> outcome = new AtomicReference<>();

    /**
     * Access method: btree (default), hash, gin, gist, spgist, brin.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Access method: btree (default), hash, gin, gist, spgist, brin")
    public String getMethod() {
        return method;
    }

    /**
     * Sets {@code method}; see {@link #getMethod()}.
     *
     * @param method the changelog's value
     */
    public void setMethod(String method) {
        this.method = method;
    }

    /**
     * UNIQUE index; default false.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "UNIQUE index; default false")
    public Boolean getUnique() {
        return unique;
    }

    /**
     * Sets {@code unique}; see {@link #getUnique()}.
     *
     * @param unique the changelog's value
     */
    public void setUnique(Boolean unique) {
        this.unique = unique;
    }

    /**
     * Predicate of a partial index (SQL, must be IMMUTABLE on PostgreSQL).
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Predicate of a partial index (SQL, must be IMMUTABLE on PostgreSQL)",
            exampleValue = "status <> 'completed'")
    public String getWhere() {
        return where;
    }

    /**
     * Sets {@code where}; see {@link #getWhere()}.
     *
     * @param where the changelog's value
     */
    public void setWhere(String where) {
        this.where = where;
    }

    /**
     * When an index of this name exists with another definition: fail (default; before any DDL, showing
     * both) or replace (plain tables: build beside it, swap the names, drop the old one). Default for
     * every change: the changelog parameter or system property indexkit.onDrift.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "When an index of this name exists with another definition: fail (default; "
            + "before any DDL, showing both) or replace (build beside it, swap the names, drop the old one). "
            + "Default for every change: the changelog parameter or system property indexkit.onDrift",
            exampleValue = "replace")
    public String getOnDrift() {
        return onDrift;
    }

    /**
     * Sets {@code onDrift}; see {@link #getOnDrift()}.
     *
     * @param onDrift the changelog's value
     */
    public void setOnDrift(String onDrift) {
        this.onDrift = onDrift;
    }

    /** This change's onDrift, else the service-wide {@code indexkit.onDrift} parameter, else fail. */
    OnDrift onDrift() {
        if (onDrift != null) {
            return OnDrift.parse(onDrift);
        }
        Object parameter = getChangeSet() == null || getChangeSet().getChangeLogParameters() == null ? null
                : getChangeSet().getChangeLogParameters().getValue(OnDrift.PARAMETER, getChangeSet().getChangeLog());
        return OnDrift.parse(parameter == null ? System.getProperty(OnDrift.PARAMETER) : parameter.toString());
    }

    /**
     * Comma-separated non-key columns for a covering index (PostgreSQL).
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Comma-separated non-key columns for a covering index (PostgreSQL)",
            exampleValue = "name")
    public String getInclude() {
        return include;
    }

    /**
     * Sets {@code include}; see {@link #getInclude()}.
     *
     * @param include the changelog's value
     */
    public void setInclude(String include) {
        this.include = include;
    }

    @Override
    @DatabaseChangeProperty(description = "Index keys: name or expression, descending, opclass")
    public List<IndexColumnConfig> getColumns() {
        return columns;
    }

    @Override
    public void setColumns(List<IndexColumnConfig> columns) {
        this.columns = columns == null ? new ArrayList<>() : columns;
    }

    @Override
    public void addColumn(IndexColumnConfig column) {
        columns.add(column);
    }

    /** The validated definition; throws {@link IllegalArgumentException} naming the bad value. */
    IndexDefinition definition() {
        List<IndexKey> keys = columns.stream().map(IndexColumnConfig::toKey).toList();
        List<String> includeColumns = include == null || include.isBlank() ? List.of()
                : Arrays.stream(include.split(",")).map(String::trim).toList();
        return new IndexDefinition(getSchemaName(), getTableName(), getIndexName(), IndexMethod.parse(method),
                Boolean.TRUE.equals(unique), keys, includeColumns, where);
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        IndexDefinition definition;
        try {
            definition = definition();
            timeouts();
            onDrift();
        } catch (IllegalArgumentException e) {
            errors.addError("ensureIndex " + getIndexName() + ": " + e.getMessage());
            return errors;
        }
        switch (Dialect.of(database)) {
            case POSTGRESQL -> {
                ChangeSetRules.requireOwnNonTransactionalChangeSet(this, "ensureIndex", getIndexName(), isConcurrently(), errors);
                preflight(database, definition).forEach(problem -> errors.addError("changeset "
                        + ChangeSetRules.describe(getChangeSet()) + ": ensureIndex " + getIndexName() + ": " + problem));
            }
            case SQLITE -> {
                List<String> pgOnly = definition.postgresOnlyFeatures();
                if (!pgOnly.isEmpty()) {
                    errors.addError("ensureIndex " + getIndexName() + " uses " + String.join(", ", pgOnly)
                            + ", which only PostgreSQL has: add `dbms: postgresql` to changeset "
                            + ChangeSetRules.describe(getChangeSet()) + " so SQLite skips it");
                }
            }
            default -> errors.addError("ensureIndex supports PostgreSQL and SQLite, not "
                    + database.getShortName() + ": use core's createIndex for other databases");
        }
        return errors;
    }

    /**
     * The pre-flight: Liquibase validates every changeset an update will run before it runs the first,
     * so checking the live catalog here reports every missing table, column and drifted index of the
     * update at once, and nothing runs. Skipped without a live connection, outside an update (rollback
     * and changelog-sync validate too, and must not be refused), and for a changeset whose own
     * preconditions would skip it.
     */
    private List<String> preflight(Database database, IndexDefinition definition) {
        if (!(database.getConnection() instanceof JdbcConnection) || !ChangeSetRules.validatingForUpdate()
                || !ChangeSetRules.preconditionsHold(getChangeSet(), database)) {
            return List.of();
        }
        try {
            NewTables.Scan earlier = NewTables.scan(this, database, schemaOrNull(), getTableName());
            return new PostgresIndexBuilder(Connections.jdbc(database), timeouts())
                    .preflight(definition, earlier.shape().isPresent() || earlier.unreadChanges(), onDrift());
        } catch (SQLException | DatabaseException e) {
            return List.of("could not be checked against the database: " + e.getMessage());
        }
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (PrintedPlan.printing(database)) {
            Optional<NewTable> shapeIfNew = NewTables.createdBefore(this, database, schemaOrNull(), getTableName());
            AtomicReference<BuildOutcome> planned = new AtomicReference<>();
            SqlStatement[] printed = printedPlan(database, "ensureIndex " + getIndexName(), IndexSql.createSqlite(definition()),
                    PostgresIndexBuilder.planForNewTable(definition(), isConcurrently(), shapeIfNew),
                    builder -> {
                        IndexPlan plan = builder.planEnsure(definition(), isConcurrently(), onDrift(), shapeIfNew);
                        planned.set(plan.outcome());
                        return plan;
                    });
            // The printed INSERT INTO databasechangelog then carries the same mark the run writes.
            AdoptedIndexes.markIfAdopted(getChangeSet(), planned.get());
            return printed;
        }
        return new SqlStatement[]{new EnsureIndexStatement(database, definition(), isConcurrently(), onDrift(), timeouts(),
                done -> {
                    outcome.set(done);
                    AdoptedIndexes.markIfAdopted(getChangeSet(), done);
                })};
    }

    @Override
    protected Change[] createInverses() {
        DropIndexSafelyChange drop = new DropIndexSafelyChange();
        drop.setSchemaName(getSchemaName());
        drop.setTableName(getTableName());
        drop.setIndexName(getIndexName());
        drop.setConcurrently(getConcurrently());
        drop.setLockTimeout(getLockTimeout());
        drop.setStatementTimeout(getStatementTimeout());
        drop.setLockRetries(getLockRetries());
        drop.setConcurrentLockTimeout(getConcurrentLockTimeout());
        drop.keepIfAdoptedBy(getChangeSet());
        return new Change[]{drop};
    }

    /**
     * Properties that change how the index is built (or an existing one replaced), not what it is: setting them does not invalidate a
     * released changeset. Every other property counts, including {@code method} (core's
     * {@code createIndex} leaves {@code using} out) and any property added after 1.0.
     */
    static final ChangeChecksum CHECKSUM = new ChangeChecksum(
            Set.of("schemaName", "tableName", "indexName", "method", "unique", "where", "include", "columns"),
            Set.of("concurrently", "lockTimeout", "statementTimeout", "lockRetries", "concurrentLockTimeout", "onDrift"));

    @Override
    public CheckSum generateCheckSum() {
        String keys = columns.stream().map(IndexColumnConfig::canonical).collect(Collectors.joining(";"));
        return CHECKSUM.of(this, "ensureIndex:schema=" + getSchemaName() + ":table=" + getTableName() + ":name=" + getIndexName()
                + ":method=" + method + ":unique=" + unique + ":where=" + where + ":include=" + include + ":keys=" + keys);
    }

    @Override
    public String getConfirmationMessage() {
        BuildOutcome done = outcome.get();
        String what = "Index " + getIndexName() + " on " + (getSchemaName() == null ? "" : getSchemaName() + ".") + getTableName();
        try {
            what += " " + definition().describe();
        } catch (IllegalArgumentException ignored) {
            // validate() has reported it already
        }
        return what + (done == null ? "" : ": " + done.description()
                + (done == BuildOutcome.BUILT || done == BuildOutcome.REPAIRED ? (isConcurrently() ? " (concurrently)" : "") : ""));
    }

}
