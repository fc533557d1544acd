package dev.indexkit.internal.verify;

import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.PlanNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a plan can prove anything: the expected index exists and is valid, every table the plan
 * reads has been analysed and holds rows (the planner assumes 10 pages for a never-analysed table,
 * which makes any index look attractive), and no planner setting has been changed to force a plan.
 * An unsound verification fails as unsound; it never passes.
 */
final class Soundness {

    private Soundness() {
    }

    static List<String> problems(Connection c, ExplainedPlan plan, String expectedIndex, boolean sqlite) throws SQLException {
        return sqlite ? sqlite(c, plan, expectedIndex) : postgres(c, plan, expectedIndex);
    }

    private static List<String> postgres(Connection c, ExplainedPlan plan, String expectedIndex) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (expectedIndex != null) {
            IndexName expected = IndexName.parse(expectedIndex);
            try (PreparedStatement ps = c.prepareStatement("SELECT i.indisvalid, t.relname, t.relkind, t.reltuples FROM pg_index i "
                    + "JOIN pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = " + IndexName.REGCLASS)) {
                expected.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        problems.add("index " + expectedIndex + " does not exist (" + expected.where() + "): apply its changelog first");
                    } else if (!rs.getBoolean(1)) {
                        problems.add("index " + expectedIndex + " is INVALID: rebuild it (ensureIndex repairs it on the next update)");
                    } else if (!"p".equals(rs.getString(3)) && rs.getFloat(4) <= 0) {
                        problems.add(unanalysed(rs.getString(2), rs.getFloat(4)));
                    }
                }
            }
        }
        List<String[]> tables = plan.root().all().stream().filter(n -> n.relation() != null)
                .map(n -> new String[]{n.schema(), n.relation()}).toList();
        try (PreparedStatement ps = c.prepareStatement("SELECT reltuples, relkind FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relname = ? AND (? IS NULL OR n.nspname = ?)")) {
            for (String[] t : tables) {
                ps.setString(1, t[1]);
                ps.setString(2, t[0]);
                ps.setString(3, t[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !"p".equals(rs.getString(2)) && rs.getFloat(1) <= 0) {
                        String problem = unanalysed(t[1], rs.getFloat(1));
                        if (!problems.contains(problem)) {
                            problems.add(problem);
                        }
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, setting FROM pg_settings WHERE name LIKE 'enable%' AND setting <> boot_val ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                problems.add("planner setting " + rs.getString(1) + "=" + rs.getString(2) + " forces the plan: reset it, "
                        + "a verification must let the planner choose");
            }
        }
        return problems;
    }

    private static String unanalysed(String table, float reltuples) {
        return "table " + table + " has " + (reltuples < 0 ? "never been analysed" : "no rows in its statistics")
                + " (reltuples=" + (long) reltuples + "): load production-shaped data and run ANALYZE; "
                + "on an unanalysed table the planner guesses and any index can look right";
    }

    private static List<String> sqlite(Connection c, ExplainedPlan plan, String expectedIndex) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (expectedIndex != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")) {
                ps.setString(1, expectedIndex);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        problems.add("index " + expectedIndex + " does not exist: apply its changelog first");
                    }
                }
            }
        }
        boolean hasStats;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'");
             ResultSet rs = ps.executeQuery()) {
            hasStats = rs.next();
        }
        for (String table : plan.root().all().stream().map(PlanNode::relation).filter(Objects::nonNull).distinct().toList()) {
            boolean analysed = false;
            if (hasStats) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_stat1 WHERE tbl = ?")) {
                    ps.setString(1, table);
                    try (ResultSet rs = ps.executeQuery()) {
                        analysed = rs.next();
                    }
                }
            }
            if (!analysed) {
                problems.add("table " + table + " has no statistics in sqlite_stat1: load data and run ANALYZE");
            }
        }
        return problems;
    }
}
