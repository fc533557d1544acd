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

    /** The shape an earlier changeset (or an earlier change of the same changeset) gives the table. */
    public static Optional<NewTable> createdBefore(Change currentChange, Database database, String schema, String table) {
        ChangeSet current = currentChange.getChangeSet();
        if (current == null || current.getChangeLog() == null) {
            return Optional.empty();
        }
        DatabaseChangeLog root = current.getChangeLog().getRootChangeLog();
        Optional<NewTable> shape = Optional.empty();
        for (ChangeSet changeSet : root.getChangeSets()) {
            boolean own = changeSet == current || sameChangeSet(changeSet, current);
            if (!own && !DatabaseList.definitionMatches(changeSet.getDbmsSet(), database, true)) {
                continue;
            }
            String createdBy = "changeset " + changeSet.getId();
            for (Change change : changeSet.getChanges()) {
                if (change == currentChange) {
                    return shape;
                }
                if (change instanceof CreateTableChange create && table.equals(create.getTableName())
                        && (schema == null || create.getSchemaName() == null || schema.equals(create.getSchemaName()))) {
                    shape = Optional.of(NewTable.plain(createdBy, create.getSchemaName(), table));
                } else if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                    shape = NewTable.read(createdBy, sql.getSql(), schema, table, shape);
                }
            }
            if (own) {
                return shape;
            }
        }
        return shape;
    }

    private static boolean sameChangeSet(ChangeSet a, ChangeSet b) {
        return a.getId().equals(b.getId()) && a.getAuthor().equals(b.getAuthor()) && a.getFilePath().equals(b.getFilePath());
    }
}
