package dev.indexkit.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import dev.indexkit.internal.index.IndexSql;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.liquibase.ChangeSetRules;
import dev.indexkit.internal.liquibase.Dialect;
import dev.indexkit.internal.liquibase.DropIndexSafelyStatement;
import dev.indexkit.internal.liquibase.PrintedPlan;
import dev.indexkit.internal.sql.Identifiers;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
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
public class DropIndexSafelyChange extends AbstractIndexChange {

    private final transient AtomicReference<BuildOutcome> outcome = new AtomicReference<>();

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        try {
            Identifiers.requireValid(getIndexName(), "indexName");
            if (schemaOrNull() != null) {
                Identifiers.requireValid(schemaOrNull(), "schemaName");
            }
            timeouts();
        } catch (IllegalArgumentException e) {
            errors.addError("dropIndexSafely " + getIndexName() + ": " + e.getMessage());
            return errors;
        }
        if (Dialect.of(database) == Dialect.POSTGRESQL) {
            ChangeSetRules.requireOwnNonTransactionalChangeSet(this, "dropIndexSafely", getIndexName(), isConcurrently(), errors);
        } else if (Dialect.of(database) == Dialect.UNSUPPORTED) {
            errors.addError("dropIndexSafely supports PostgreSQL and SQLite, not " + database.getShortName());
        }
        return errors;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        if (PrintedPlan.printing(database)) {
            return printedPlan(database, "dropIndexSafely " + getIndexName(), IndexSql.dropSqlite(getIndexName()),
                    PostgresIndexBuilder.planDropUnseen(schemaOrNull(), getIndexName(), isConcurrently()),
                    builder -> builder.planDrop(schemaOrNull(), getIndexName(), isConcurrently()));
        }
        return new SqlStatement[]{new DropIndexSafelyStatement(database, schemaOrNull(), getIndexName(),
                isConcurrently(), timeouts(), outcome::set)};
    }

    @Override
    public String getConfirmationMessage() {
        BuildOutcome done = outcome.get();
        return "Index " + getIndexName() + (done == null ? " dropped" : ": " + done.description());
    }
}
