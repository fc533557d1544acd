package dev.indexkit.liquibase;

import dev.indexkit.internal.index.BuildOutcome;
import dev.indexkit.internal.index.IndexPlan;
import dev.indexkit.internal.index.IndexSql;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.liquibase.AdoptedIndexes;
import dev.indexkit.internal.liquibase.ChangeSetRules;
import dev.indexkit.internal.liquibase.Dialect;
import dev.indexkit.internal.liquibase.DropIndexSafelyStatement;
import dev.indexkit.internal.liquibase.NewTables;
import dev.indexkit.internal.liquibase.PrintedPlan;
import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.NewTable;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CommentStatement;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
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
    /** Set on the rollback of an ensureIndex: that changeset, whose recorded run may say the index was there before it. */
    private transient ChangeSet adoptedBy;
    private transient boolean kept;

    /** As the rollback of {@code ensureIndex} in {@code changeSet}: keep the index if that run found it already there. */
    void keepIfAdoptedBy(ChangeSet changeSet) {
        this.adoptedBy = changeSet;
    }

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
        if (adoptedBy != null && AdoptedIndexes.adoptedBy(adoptedBy, database).orElse(false)) {
            kept = true;
            CommentStatement why = PrintedPlan.comment("dropIndexSafely " + getIndexName() + ": kept, the index existed before "
                    + "changeset " + ChangeSetRules.describe(adoptedBy) + " ran (its DATABASECHANGELOG row says so)");
            return PrintedPlan.printing(database) ? new SqlStatement[]{why} : new SqlStatement[0];
        }
        if (PrintedPlan.printing(database)) {
            return printedPlan(database, "dropIndexSafely " + getIndexName(), IndexSql.dropSqlite(getIndexName()),
                    PostgresIndexBuilder.planDropUnseen(schemaOrNull(), getIndexName(), isConcurrently()),
                    builder -> printedDrop(builder, database));
        }
        return new SqlStatement[]{new DropIndexSafelyStatement(database, schemaOrNull(), getIndexName(),
                isConcurrently(), timeouts(), outcome::set)};
    }

    /**
     * The drop as it runs now. An index that does not exist now may exist when the script gets here:
     * an earlier changeset of this update creates it, or (rollback-sql) an earlier rollback rebuilds
     * it. Then the drop is printed as the run will make it ({@code IF EXISTS}), or psql would keep an
     * index the run drops.
     */
    private IndexPlan printedDrop(PostgresIndexBuilder builder, Database database) throws SQLException {
        IndexPlan now = builder.planDrop(schemaOrNull(), getIndexName(), isConcurrently());
        if (!now.steps().isEmpty()) {
            return now;
        }
        Optional<EnsureIndexChange> creator = NewTables.indexCreatedBefore(this, database, getIndexName());
        boolean partitioned;
        if (creator.isPresent()) {
            EnsureIndexChange ensure = creator.get();
            partitioned = NewTables.createdBefore(ensure, database, ensure.schemaOrNull(), ensure.getTableName())
                    .map(NewTable::partitioned).orElse(isPartitioned(builder, ensure.schemaOrNull(), ensure.getTableName()));
        } else if (getTableName() != null) {
            partitioned = isPartitioned(builder, schemaOrNull(), getTableName());
        } else {
            return now;
        }
        return PostgresIndexBuilder.planDropOfNewIndex(schemaOrNull(), getIndexName(), isConcurrently(), partitioned);
    }

    private static boolean isPartitioned(PostgresIndexBuilder builder, String schema, String table) throws SQLException {
        try (PreparedStatement ps = builder.connection().prepareStatement(
                "SELECT coalesce((SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(?)), false)")) {
            ps.setString(1, schema == null ? Identifiers.quote(table) : Identifiers.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public String getConfirmationMessage() {
        if (kept) {
            return "Index " + getIndexName() + " kept: it existed before changeset " + ChangeSetRules.describe(adoptedBy) + " ran";
        }
        BuildOutcome done = outcome.get();
        return "Index " + getIndexName() + (done == null ? " dropped" : ": " + done.description());
    }
}
