package dev.indexkit.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan. Creation steps run in one transaction under {@code lock_timeout}, so a failure leaves
 * the table exactly as it was; detaches run after it, one by one, because
 * {@code DETACH ... CONCURRENTLY} cannot run inside a transaction.
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
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        for (PartitionAction action : plan) {
            if (!action.kind().transactional()) {
                execute(action);
                done.add(action);
            }
        }
        return done;
    }

    private void setLocalLockTimeout() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setString(1, LOCK_TIMEOUT);
            ps.executeQuery().close();
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
