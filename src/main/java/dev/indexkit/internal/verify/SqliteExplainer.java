package dev.indexkit.internal.verify;

import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.PlanNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a query on SQLite with {@code EXPLAIN QUERY PLAN}. Both detail formats are read: the
 * current {@code SEARCH t USING [COVERING] INDEX ix (...)} / {@code SCAN t}, and the older
 * {@code SEARCH TABLE t USING INDEX ix} / {@code SCAN TABLE t}.
 */
public final class SqliteExplainer {

    private static final Pattern DETAIL = Pattern.compile(
            "^(SEARCH|SCAN)( TABLE)? (\\S+)(?: AS \\S+)?(?: USING (COVERING )?INDEX (\\S+))?.*");

    private final Connection connection;

    public SqliteExplainer(Connection connection) {
        this.connection = connection;
    }

    public ExplainedPlan explain(String query) throws SQLException {
        return explain(query, List.of());
    }

    /**
     * The plan with {@code params} bound as a driver binds them ({@code $n} read as SQLite's {@code ?n}):
     * SQLite plans a statement before it sees the values, so a partial index whose predicate names a
     * value a parameter carries is not used, as it would not be for the application.
     */
    public ExplainedPlan explain(String query, List<String> params) throws SQLException {
        String sql = QueryGuard.singleStatement(query);
        Map<Integer, List<PlanNode>> childrenOf = new LinkedHashMap<>();
        Map<Integer, String[]> rows = new LinkedHashMap<>();
        StringBuilder raw = new StringBuilder();
        try (java.sql.PreparedStatement ps = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql.replaceAll("\\$(\\d+)", "?$1"))) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getInt(1), new String[]{String.valueOf(rs.getInt(2)), rs.getString(4)});
                    raw.append(rs.getInt(1)).append('|').append(rs.getInt(2)).append('|').append(rs.getString(4)).append('\n');
                }
            }
        }
        List<Integer> ids = new ArrayList<>(rows.keySet());
        java.util.Collections.reverse(ids);
        Map<Integer, PlanNode> built = new LinkedHashMap<>();
        for (int id : ids) {
            String[] row = rows.get(id);
            built.put(id, node(row[1], childrenOf.getOrDefault(id, List.of())));
            childrenOf.computeIfAbsent(Integer.parseInt(row[0]), k -> new ArrayList<>()).add(0, built.get(id));
        }
        PlanNode root = new PlanNode("Query", null, null, null, List.copyOf(childrenOf.getOrDefault(0, List.of())));
        return new ExplainedPlan(sql, root, raw.toString(), Map.of(), Map.of(), "server: SQLite " + version() + "\n",
                Double.NaN, Double.NaN);
    }

    public static PlanNode node(String detail, List<PlanNode> children) {
        Matcher m = DETAIL.matcher(detail);
        if (!m.matches()) {
            return new PlanNode(detail, null, null, null, List.copyOf(children));
        }
        String index = m.group(5);
        String type = index == null ? (m.group(1).equals("SCAN") ? PlanNode.SEQ_SCAN : PlanNode.INDEX_SCAN)
                : m.group(4) != null ? PlanNode.INDEX_ONLY_SCAN : PlanNode.INDEX_SCAN;
        return new PlanNode(type, m.group(3), null, index, List.copyOf(children));
    }

    private String version() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
