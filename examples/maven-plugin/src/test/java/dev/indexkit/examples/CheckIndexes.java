package dev.indexkit.examples;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Fails the build unless the pack's indexes are present and valid (or, after the rollback, absent). */
public final class CheckIndexes {

    private static final List<String> EXPECTED = List.of("ix_meetings_workspace_status_created", "ix_tasks_open_due_date",
            "ix_sessions_started_at", "ix_participants_user_meeting");

    public static void main(String[] args) throws Exception {
        boolean present = "present".equals(args[1]);
        List<String> found = new ArrayList<>();
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", "postgres");
        // Not DriverManager: inside exec:java's class loader it does not see the driver.
        try (Connection c = new org.postgresql.Driver().connect(args[0], credentials); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        for (String index : EXPECTED) {
            if (found.contains(index) != present) {
                throw new IllegalStateException(index + " should be " + (present ? "present and valid" : "absent") + "; found " + found);
            }
        }
        // The service's own changesets come after the pack's tag, so the rollback takes them too.
        if (found.contains("ix_invoices_meeting") != present) {
            throw new IllegalStateException("the service's own ix_invoices_meeting should be " + (present ? "present" : "absent") + "; found " + found);
        }
        System.out.println("checked: mina indexes " + (present ? "present and valid" : "absent after rollback")
                + ", and the service's own index with them");
    }
}
