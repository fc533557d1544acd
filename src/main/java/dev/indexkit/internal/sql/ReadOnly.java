package dev.indexkit.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Runs work in a read-only transaction that is always rolled back, and hands the connection back as
 * it came. On an autocommit connection: {@code BEGIN; SET TRANSACTION READ ONLY; SET LOCAL
 * default_transaction_read_only = on; ... ROLLBACK}. Inside the caller's transaction (a service's test
 * holding uncommitted fixtures): a savepoint with {@code SET LOCAL transaction_read_only = on}, rolled
 * back to, which restores read-write and every setting the work changed.
 */
public final class ReadOnly {

    /** Work that talks to the database. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    private ReadOnly() {
    }

    public static <T> T run(Connection connection, Work<T> work) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
            try {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY");
                }
                SessionSettings.set(connection, "default_transaction_read_only", "on", true);
                return work.run();
            } finally {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            SessionSettings.set(connection, "transaction_read_only", "on", true);
            return work.run();
        } finally {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
    }
}
