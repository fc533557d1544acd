package dev.indexkit.liquibase;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.exception.ValidationErrors;

/** Rules a changeset must follow for a concurrent index build or drop. */
final class ChangeSetRules {

    private ChangeSetRules() {
    }

    /**
     * PostgreSQL refuses {@code CONCURRENTLY} inside a transaction block, and a concurrent build that
     * fails half-way cannot be rolled back together with other changes: it must be alone in a
     * changeset with {@code runInTransaction: false}.
     */
    static void requireOwnNonTransactionalChangeSet(Change change, String changeName, String indexName,
                                                    boolean concurrently, ValidationErrors errors) {
        ChangeSet changeSet = change.getChangeSet();
        if (!concurrently || changeSet == null) {
            return;
        }
        if (changeSet.isRunInTransaction()) {
            errors.addError(changeName + " " + indexName + " runs CONCURRENTLY, which PostgreSQL refuses inside a "
                    + "transaction: add `runInTransaction: false` to changeset " + describe(changeSet)
                    + " (or set `concurrently: false` to accept a build that blocks writes)");
        }
        if (changeSet.getChanges().size() > 1) {
            errors.addError(changeName + " " + indexName + " runs CONCURRENTLY and must be the only change in its "
                    + "changeset, but changeset " + describe(changeSet) + " has " + changeSet.getChanges().size()
                    + ": move the other changes to a changeset of their own");
        }
    }

    static String describe(ChangeSet changeSet) {
        return changeSet == null ? "(none)" : "'" + changeSet.getId() + "' by '" + changeSet.getAuthor() + "' in "
                + changeSet.getFilePath();
    }
}
