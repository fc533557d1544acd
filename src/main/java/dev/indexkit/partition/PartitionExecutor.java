package dev.indexkit.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan. Creation steps run in one transaction under {@code lock_timeout}, so a failure leaves
 * the table exactly as it was; detaches run after it, one by one and also under {@code lock_timeout},
 * because {@code DETACH ... CONCURRENTLY} cannot run inside a transaction. A detach interrupted
 * half-way is finished by the next run (see {@code PartitionPlanner}).
 */
final class PartitionExecutor {

    /** How long a step may queue for its lock before giving up instead of stalling writers behind it. */
    static final String LOCK_TIMEOUT = "10s";

    private final Connection connection;

    PartitionExecutor(Connection connection) {
        this.connection = connection;
    }

    List<PartitionAction> run(List<PartitionAction> plan) throws SQLException {
        List<PartitionAction> done = new ArrayList<>();
        List<PartitionAction> inTransaction = plan.stream().filter(a -> a.kind().transactional()).toList();
        if (!inTransaction.isEmpty()) {
            connection.setAutoCommit(false);
            try {
                setLocalLockTimeout();
                for (PartitionAction action : inTransaction) {
                    execute(action);
                }
                connection.commit();
                done.addAll(inTransaction);
            } catch (SQLException | RuntimeException e) {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(true);
                }
            }
        }
        List<PartitionAction> outsideTransaction = plan.stream().filter(a -> !a.kind().transactional()).toList();
        if (!outsideTransaction.isEmpty()) {
            // A plain DETACH (there is a DEFAULT partition) takes an ACCESS EXCLUSIVE lock: it must give
            // up rather than queue behind a long transaction with every query on the table behind it.
            String previous = setLockTimeout(LOCK_TIMEOUT, false);
            try {
                for (PartitionAction action : outsideTransaction) {
                    execute(action);
                    done.add(action);
                }
            } finally {
                if (!connection.isClosed()) {
                    setLockTimeout(previous, false);
                }
            }
        }
        return done;
    }

    private void setLocalLockTimeout() throws SQLException {
        setLockTimeout(LOCK_TIMEOUT, true);
    }

    /** Sets lock_timeout (for the transaction when {@code local}) and returns the value it had. */
    private String setLockTimeout(String value, boolean local) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('lock_timeout'), set_config('lock_timeout', ?, ?)")) {
            ps.setString(1, value);
            ps.setBoolean(2, local);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void execute(PartitionAction action) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : action.sql()) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new PartitionException("Could not " + action.description() + ": " + e.getMessage()
                    + ("55P03".equals(e.getSQLState()) ? " (a long transaction holds a lock on the table; "
                    + "re-run when it has finished)" : ""), e);
        }
    }
}
