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
 * @param inTransaction the step is several statements ({@code ;} and a line break between them) that
 *                      commit together, printed between {@code BEGIN} and {@code COMMIT}
 */
public record DdlStep(String sql, LockClass lockClass, String reason, String schema, String leftoverIndex,
                      boolean inTransaction) {

    private static final String SEPARATOR = ";\n";

    public DdlStep(String sql, LockClass lockClass, String reason, String schema, String leftoverIndex) {
        this(sql, lockClass, reason, schema, leftoverIndex, false);
    }

    static DdlStep leavingNothing(String sql, LockClass lockClass, String reason) {
        return new DdlStep(sql, lockClass, reason, null, null);
    }

    /** Statements that commit together, in one transaction. */
    static DdlStep oneTransaction(List<String> statements, LockClass lockClass, String reason) {
        return new DdlStep(String.join(SEPARATOR, statements), lockClass, reason, null, null, true);
    }

    /** The statements, in order: one, or those of the transaction. */
    public List<String> statements() {
        return inTransaction ? List.of(sql.split(SEPARATOR)) : List.of(sql);
    }
}
