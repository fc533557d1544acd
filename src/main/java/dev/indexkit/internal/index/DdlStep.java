package dev.indexkit.internal.index;

import java.util.List;

/**
 * One DDL statement of an index plan.
 *
 * @param sql           the statement, exactly as it runs
 * @param lockClass     what its lock wait does to other sessions, which decides its timeout and retries
 * @param reason        one line on why the step is in the plan
 * @param schema        schema of {@code leftoverIndex}
 * @param leftoverIndex the index this step leaves INVALID when it fails part-way (a concurrent build),
 *                      removed by the cleanup; null for steps that leave nothing
 * @param transaction   for a step of several statements that commit together (printed between
 *                      {@code BEGIN} and {@code COMMIT}), those statements; empty for one statement
 */
public record DdlStep(String sql, LockClass lockClass, String reason, String schema, String leftoverIndex,
                      List<String> transaction) {

    public DdlStep {
        transaction = List.copyOf(transaction);
    }

    public DdlStep(String sql, LockClass lockClass, String reason, String schema, String leftoverIndex) {
        this(sql, lockClass, reason, schema, leftoverIndex, List.of());
    }

    static DdlStep leavingNothing(String sql, LockClass lockClass, String reason) {
        return new DdlStep(sql, lockClass, reason, null, null);
    }

    /** Statements that commit together, in one transaction; {@code sql} is all of them, for the log. */
    static DdlStep oneTransaction(List<String> statements, LockClass lockClass, String reason) {
        return new DdlStep(String.join("; ", statements), lockClass, reason, null, null, statements);
    }

    public boolean inTransaction() {
        return !transaction.isEmpty();
    }

    /** The statements, in order: the one, or those of the transaction. */
    public List<String> statements() {
        return inTransaction() ? transaction : List.of(sql);
    }
}
