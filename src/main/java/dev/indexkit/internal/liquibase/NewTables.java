package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.sql.NewTable;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.CreateTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseList;

import java.util.Optional;

/**
 * Finds the changeset, earlier in the same changelog, that creates a table {@code update-sql} cannot
 * see yet, and the shape it gives the table ({@link NewTable}): Liquibase's {@code createTable} makes a
 * plain table; raw {@code sql}/{@code sqlFile} changes are read for {@code CREATE TABLE ... PARTITION
 * BY RANGE} and {@code ... PARTITION OF}. Changesets for another database are skipped.
 */
public final class NewTables {

    private NewTables() {
    }

    /** What the changes before the current one say about a table: the shape they give it, if read. */
    public record Scan(Optional<NewTable> shape, boolean unreadChanges) {
    }

    /** The shape an earlier changeset (or an earlier change of the same changeset) gives the table. */
    public static Optional<NewTable> createdBefore(Change currentChange, Database database, String schema, String table) {
        return scan(currentChange, database, schema, table).shape();
    }

    /**
     * The shape, and whether some earlier change could create the table in a way that cannot be read
     * here (raw SQL that does not say {@code CREATE TABLE} plainly, a custom change): then a table not
     * found is no proof that the update lacks it.
     */
    public static Scan scan(Change currentChange, Database database, String schema, String table) {
        ChangeSet current = currentChange.getChangeSet();
        if (current == null || current.getChangeLog() == null) {
            return new Scan(Optional.empty(), false);
        }
        DatabaseChangeLog root = current.getChangeLog().getRootChangeLog();
        Optional<NewTable> shape = Optional.empty();
        boolean unread = false;
        for (ChangeSet changeSet : root.getChangeSets()) {
            boolean own = changeSet == current || sameChangeSet(changeSet, current);
            if (!own && !DatabaseList.definitionMatches(changeSet.getDbmsSet(), database, true)) {
                continue;
            }
            String createdBy = "changeset " + changeSet.getId();
            for (Change change : changeSet.getChanges()) {
                if (change == currentChange) {
                    return new Scan(shape, unread);
                }
                if (change instanceof CreateTableChange create && table.equals(create.getTableName())
                        && (schema == null || create.getSchemaName() == null || schema.equals(create.getSchemaName()))) {
                    shape = Optional.of(NewTable.plain(createdBy, create.getSchemaName(), table));
                } else if (change instanceof AbstractSQLChange sql) {
                    shape = sql.getSql() == null ? shape : NewTable.read(createdBy, sql.getSql(), schema, table, shape);
                    unread = true;
                } else if (!change.getClass().getName().startsWith("liquibase.change.core.")
                        && !change.getClass().getName().startsWith("dev.indexkit.")) {
                    unread = true;
                }
            }
            if (own) {
                return new Scan(shape, unread);
            }
        }
        return new Scan(shape, unread);
    }

    /**
     * The {@code ensureIndex} of an earlier changeset of this update (for the database at hand) that
     * creates index {@code name}: what a later drop of it acts on, though update-sql cannot see it yet.
     */
    public static Optional<dev.indexkit.liquibase.EnsureIndexChange> indexCreatedBefore(Change currentChange, Database database,
                                                                                       String name) {
        ChangeSet current = currentChange.getChangeSet();
        if (current == null || current.getChangeLog() == null) {
            return Optional.empty();
        }
        Optional<dev.indexkit.liquibase.EnsureIndexChange> found = Optional.empty();
        for (ChangeSet changeSet : current.getChangeLog().getRootChangeLog().getChangeSets()) {
            if (changeSet == current || sameChangeSet(changeSet, current)) {
                return found;
            }
            if (!DatabaseList.definitionMatches(changeSet.getDbmsSet(), database, true)) {
                continue;
            }
            for (Change change : changeSet.getChanges()) {
                if (change instanceof dev.indexkit.liquibase.EnsureIndexChange ensure && name.equals(ensure.getIndexName())) {
                    found = Optional.of(ensure);
                }
            }
        }
        return found;
    }

    private static boolean sameChangeSet(ChangeSet a, ChangeSet b) {
        return a.getId().equals(b.getId()) && a.getAuthor().equals(b.getAuthor()) && a.getFilePath().equals(b.getFilePath());
    }
}
