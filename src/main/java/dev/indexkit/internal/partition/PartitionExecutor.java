package dev.indexkit.internal.partition;

import dev.indexkit.internal.index.Timeouts;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.internal.sql.Transactions;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.PartitionException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan in plan order, {@link Batch} by batch. Consecutive transactional steps (the creations, a
 * conversion's swap) run in one transaction under {@code lock_timeout}, so a failure leaves the table
 * exactly as it was; the other steps (detaches, drops, a conversion's bounds check) run one by one under
 * the lock timeout of their class, because {@code DETACH ... CONCURRENTLY} cannot run inside a
 * transaction. A detach interrupted
 * half-way is finished by the next run (see {@code PartitionPlanner}).
 *
 * <p>Creating a partition takes ACCESS EXCLUSIVE on the parent (or on DEFAULT) and a plain detach
 * does too: while such a step queues, every query on the table queues behind it. So each runs under
 * the short writer-blocking timeout of {@link Timeouts} and, when it gives up, is tried again after
 * a jittered backoff: the creation transaction as a whole (it was rolled back), a detach by itself.
 */
public final class PartitionExecutor {

    /** How long a step may queue for its lock before giving up instead of stalling writers behind it. */
    public static final String LOCK_TIMEOUT = Timeouts.DEFAULT_LOCK_TIMEOUT;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String CHECK_VIOLATION = "23514";

    private final Connection connection;

    public PartitionExecutor(Connection connection) {
        this.connection = connection;
    }

    /** Runs the plan's {@link Batch}es in plan order; returns the steps that ran. */
    public List<PartitionAction> run(List<PartitionAction> plan) throws SQLException {
        List<PartitionAction> done = new ArrayList<>();
        for (Batch batch : Batch.of(plan)) {
            if (batch.transactional()) {
                retryingLocks(() -> runInOneTransaction(batch.actions()));
            } else {
                runAlone(batch.actions().get(0));
            }
            done.addAll(batch.actions());
        }
        return done;
    }

    /** A step outside any transaction, under the lock timeout of its class; the session's own is put back after. */
    private void runAlone(PartitionAction action) throws SQLException {
        String previous = setLockTimeout(lockTimeoutFor(action), false);
        try {
            if (action.kind().concurrent()) {
                execute(action);
            } else {
                retryingLocks(() -> execute(action));
            }
        } finally {
            if (!connection.isClosed()) {
                setLockTimeout(previous, false);
            }
        }
    }

    /**
     * A plain DETACH (there is a DEFAULT partition) or DROP takes an ACCESS EXCLUSIVE lock: it must give
     * up quickly rather than queue behind a long transaction with every query on the table behind it,
     * and is retried. {@code DETACH ... CONCURRENTLY} lets writers pass and waits for older
     * transactions in its second phase; a short timeout there would leave it pending, so it gets the
     * concurrent budget and no retry.
     */
    static String lockTimeoutFor(PartitionAction action) {
        return action.kind().concurrent() ? Timeouts.DEFAULT_CONCURRENT_LOCK_TIMEOUT : LOCK_TIMEOUT;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs {@code step}; when it gave up on a lock, tries again after a pause, as {@link Timeouts#DEFAULTS} says. */
    private static void retryingLocks(Step step) throws SQLException {
        for (int retry = 1; ; retry++) {
            try {
                step.run();
                return;
            } catch (PartitionException e) {
                if (!(e.getCause() instanceof SQLException cause) || !LOCK_NOT_AVAILABLE.equals(cause.getSQLState())
                        || retry > Timeouts.DEFAULTS.lockRetries()) {
                    throw e;
                }
                try {
                    Thread.sleep(Timeouts.DEFAULTS.backoffMillis(retry));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void runInOneTransaction(List<PartitionAction> inTransaction) throws SQLException {
        Transactions.inOne(connection, () -> {
            setLocalLockTimeout();
            for (PartitionAction action : inTransaction) {
                execute(action);
            }
        });
    }

    private void setLocalLockTimeout() throws SQLException {
        setLockTimeout(LOCK_TIMEOUT, true);
    }

    /** Sets lock_timeout (for the transaction when {@code local}) and returns the value it had. */
    private String setLockTimeout(String value, boolean local) throws SQLException {
        return SessionSettings.set(connection, "lock_timeout", value, local);
    }

    private void execute(PartitionAction action) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : action.sql()) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new PartitionException("Could not " + action.description() + ": " + e.getMessage() + hint(action, e), e);
        }
    }

    private static String hint(PartitionAction action, SQLException e) {
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            return " (a long transaction holds a lock on the table; re-run when it has finished)";
        }
        if (CHECK_VIOLATION.equals(e.getSQLState()) && action.kind() == PartitionAction.Kind.CREATE_PARTITION) {
            return " (rows for this month reached the DEFAULT partition after the plan was made; nothing was "
                    + "changed: run again, and the next plan moves them into the new partition)";
        }
        return "";
    }
}
