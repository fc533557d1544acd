package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk load into a schema with its foreign keys dropped first and re-created after, in the order
 * {@code pg_restore} restores a dump. Checked row by row, a foreign key costs a trigger call and an
 * index probe per row (textloom's five made its load twice as long); re-created, each is validated
 * once, by one join over the loaded rows, and fails the load if any row breaks it. Only for the
 * verification databases indexkit seeds itself: the keys are re-created from their own definitions
 * ({@code pg_get_constraintdef}), whatever happens to the load (as NOT VALID when rows break one).
 */
final class DeferredForeignKeys {

    private record ForeignKey(String table, String name, String definition) {
    }

    private DeferredForeignKeys() {
    }

    /** Runs {@code load} (the statements that fill the schema) while the keys are away. */
    static void around(Connection connection, String schema, Transactions.Work load) throws SQLException {
        List<ForeignKey> keys = foreignKeys(connection, schema);
        try (Statement st = connection.createStatement()) {
            for (ForeignKey key : keys) {
                st.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + Identifiers.quote(key.name()));
            }
        }
        SQLException failed = null;
        try {
            load.run();
        } catch (SQLException e) {
            failed = e;
        }
        try (Statement st = connection.createStatement()) {
            for (ForeignKey key : keys) {
                try {
                    st.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + Identifiers.quote(key.name()) + " " + key.definition());
                } catch (SQLException e) {
                    // The key is kept, enforced on new rows, but NOT VALID: the schema loses nothing, and
                    // the message says which rows to fix.
                    st.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + Identifiers.quote(key.name()) + " " + key.definition() + " NOT VALID");
                    SQLException lost = new SQLException("the loaded rows break foreign key " + key.name() + " of " + key.table()
                            + " (" + key.definition() + "): " + e.getMessage() + "; the key is back as NOT VALID: fix the data script, "
                            + "or the rows, then ALTER TABLE ... VALIDATE CONSTRAINT", e.getSQLState(), e);
                    if (failed == null) {
                        failed = lost;
                    } else {
                        failed.addSuppressed(lost);
                    }
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** The schema's own foreign keys; a partition's copy of its parent's key goes with the parent's. */
    private static List<ForeignKey> foreignKeys(Connection connection, String schema) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                + "FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND connamespace = to_regnamespace(quote_ident(?)) ORDER BY oid")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return keys;
    }
}
