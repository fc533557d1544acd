package dev.indexkit.internal.liquibase;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.exception.ValidationErrors;

/** Rules a changeset must follow for a concurrent index build or drop. */
public final class ChangeSetRules {

    private ChangeSetRules() {
    }

    /**
     * PostgreSQL refuses {@code CONCURRENTLY} inside a transaction block, and a concurrent build that
     * fails half-way cannot be rolled back together with other changes: it must be alone in a
     * changeset with {@code runInTransaction: false}.
     */
    public static void requireOwnNonTransactionalChangeSet(Change change, String changeName, String indexName,
                                                    boolean concurrently, ValidationErrors errors) {
        if (concurrently) {
            requireOwnNonTransactionalChangeSet(change, changeName + " " + indexName + " runs CONCURRENTLY",
                    "PostgreSQL refuses inside a transaction",
                    " (or set `concurrently: false` to accept a build that blocks writes)", errors);
        }
    }

    /**
     * The general rule: a change that manages its own transactions (or none) must be alone in a
     * changeset with {@code runInTransaction: false}.
     *
     * @param what  the change and what it does, e.g. "ensureIndex ix runs CONCURRENTLY"
     * @param why   why a transaction is wrong for it
     * @param other the alternative, if any, appended to the first error
     */
    public static void requireOwnNonTransactionalChangeSet(Change change, String what, String why, String other,
                                                    ValidationErrors errors) {
        ChangeSet changeSet = change.getChangeSet();
        if (changeSet == null) {
            return;
        }
        if (changeSet.isRunInTransaction()) {
            errors.addError(what + ", which " + why + ": add `runInTransaction: false` to changeset "
                    + describe(changeSet) + other);
        }
        if (changeSet.getChanges().size() > 1) {
            errors.addError(what + " and must be the only change in its changeset, but changeset " + describe(changeSet)
                    + " has " + changeSet.getChanges().size() + ": move the other changes to a changeset of their own");
        }
    }

    private static final String UPDATE_STEP = "liquibase.command.core.AbstractUpdateCommandStep";

    /**
     * Whether Liquibase is validating for an update (update, update-sql, update-to-tag, update-count):
     * the pre-flight belongs there. Rollback, changelog-sync and status validate the same changesets,
     * and must not be refused because a changeset they will not run would meet a problem. Liquibase
     * names the command in no scope value, so this asks the call stack for its update step.
     */
    public static boolean validatingForUpdate() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(UPDATE_STEP)));
    }

    /** Whether the changeset's own preconditions (if any) pass now; a changeset they would skip is not checked. */
    public static boolean preconditionsHold(ChangeSet changeSet, Database database) {
        if (changeSet == null || changeSet.getPreconditions() == null) {
            return true;
        }
        try {
            changeSet.getPreconditions().check(database, changeSet.getChangeLog(), changeSet, null);
            return true;
        } catch (PreconditionFailedException | PreconditionErrorException e) {
            return false;
        }
    }

    public static String describe(ChangeSet changeSet) {
        return changeSet == null ? "(none)" : "'" + changeSet.getId() + "' by '" + changeSet.getAuthor() + "' in "
                + changeSet.getFilePath();
    }
}
