package dev.indexkit.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements that commit together, on a connection whose transaction mode indexkit must hand back as it came. */
public final class Transactions {

    private Transactions() {
    }

    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction. On an autocommit connection it is a transaction of its own,
     * committed, or rolled back on an error; inside the caller's transaction it runs in that one, which
     * the caller commits or rolls back (nothing is committed behind its back). Autocommit is put back,
     * and a session that was lost meanwhile does not hide the error that ended the work.
     */
    public static void inOne(Connection connection, Work work) throws SQLException {
        if (!connection.getAutoCommit()) {
            work.run();
            return;
        }
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            if (!connection.isClosed()) {
                try {
                    connection.rollback();
                } catch (SQLException lost) {
                    e.addSuppressed(lost);
                }
            }
            throw e;
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        }
    }
}
