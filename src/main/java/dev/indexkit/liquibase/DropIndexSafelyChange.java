package dev.indexkit.liquibase;

import dev.indexkit.index.BuildOutcome;
import dev.indexkit.index.Timeouts;
import dev.indexkit.sql.Identifiers;
import liquibase.change.AbstractChange;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code dropIndexSafely}: {@code DROP INDEX CONCURRENTLY IF EXISTS} on PostgreSQL (plain for a
 * partitioned index, which PostgreSQL cannot drop concurrently), {@code DROP INDEX IF EXISTS} on
 * SQLite. The rollback of {@code ensureIndex}; usable on its own to retire an index.
 */
@DatabaseChange(name = "dropIndexSafely", priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "index",
        description = "Drops an index if it exists, concurrently on PostgreSQL, under a lock timeout")
public class DropIndexSafelyChange extends AbstractChange {

    private String schemaName;
    private String tableName;
    private String indexName;
    private Boolean concurrently;
    private String lockTimeout;
    private String statementTimeout;

    private final transient AtomicReference<BuildOutcome> outcome = new AtomicReference<>();

    @DatabaseChangeProperty(description = "Schema of the index; default: the connection's current schema")
    public String getSchemaName() {
        return schemaName;
    }

    public void setSchemaName(String schemaName) {
        this.schemaName = schemaName;
    }

    @DatabaseChangeProperty(description = "Table of the index (for messages only)")
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    @DatabaseChangeProperty(description = "Index to drop")
    public String getIndexName() {
        return indexName;
    }

    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    @DatabaseChangeProperty(description = "DROP INDEX CONCURRENTLY on PostgreSQL; default true")
    public Boolean getConcurrently() {
        return concurrently;
    }

    public void setConcurrently(Boolean concurrently) {
        this.concurrently = concurrently;
    }

    @DatabaseChangeProperty(description = "lock_timeout for the DDL; default 10s")
    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    @DatabaseChangeProperty(description = "statement_timeout for the DDL; default 0 (no limit)")
    public String getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(String statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    boolean isConcurrently() {
        return concurrently == null || concurrently;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        try {
            Identifiers.requireValid(indexName, "indexName");
            if (schemaName != null && !schemaName.isBlank()) {
                Identifiers.requireValid(schemaName, "schemaName");
            }
            new Timeouts(lockTimeout, statementTimeout);
        } catch (IllegalArgumentException e) {
            errors.addError("dropIndexSafely " + indexName + ": " + e.getMessage());
            return errors;
        }
        if (Dialect.of(database) == Dialect.POSTGRESQL) {
            ChangeSetRules.requireOwnNonTransactionalChangeSet(this, "dropIndexSafely", indexName, isConcurrently(), errors);
        } else if (Dialect.of(database) == Dialect.UNSUPPORTED) {
            errors.addError("dropIndexSafely supports PostgreSQL and SQLite, not " + database.getShortName());
        }
        return errors;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        String schema = schemaName == null || schemaName.isBlank() ? null : schemaName;
        return new SqlStatement[]{new DropIndexSafelyStatement(database, schema, indexName, isConcurrently(),
                new Timeouts(lockTimeout, statementTimeout), outcome::set)};
    }

    @Override
    public String getConfirmationMessage() {
        BuildOutcome done = outcome.get();
        return "Index " + indexName + (done == null ? " dropped" : ": " + done.description());
    }

    @Override
    public String getSerializedObjectNamespace() {
        return IndexkitNamespace.URI;
    }
}
