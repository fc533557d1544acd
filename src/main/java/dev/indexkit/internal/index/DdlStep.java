package dev.indexkit.internal.index;

/**
 * One DDL statement of an index plan.
 *
 * @param sql           the statement, exactly as it runs
 * @param lockClass     what its lock wait does to other sessions, which decides its timeout and retries
 * @param reason        one line on why the step is in the plan
 * @param schema        schema of {@code leftoverIndex}
 * @param leftoverIndex the index this step leaves INVALID when it fails part-way (a concurrent build),
 *                      removed by the cleanup; null for steps that leave nothing
 */
public record DdlStep(String sql, LockClass lockClass, String reason, String schema, String leftoverIndex) {

    static DdlStep leavingNothing(String sql, LockClass lockClass, String reason) {
        return new DdlStep(sql, lockClass, reason, null, null);
    }
}
