package dev.indexkit.internal.verify;

import dev.indexkit.internal.sql.ReadOnly;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.verify.ExplainedPlan;
import dev.indexkit.verify.PlanNode;
import dev.indexkit.verify.RefusedQueryException;
import org.yaml.snakeyaml.Yaml;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a query on PostgreSQL with {@code EXPLAIN (FORMAT JSON, VERBOSE)}. A query with
 * parameters ({@code $1}) is explained as the generic plan a prepared statement gets, through
 * {@code PREPARE} under {@code plan_cache_mode = force_generic_plan}: the same plan
 * {@code EXPLAIN (GENERIC_PLAN)} shows on PostgreSQL 16+, but it also works on 14 and 15, and through
 * pgjdbc, whose extended protocol takes the {@code $1} inside an EXPLAIN for a parameter of its own
 * and refuses to send it unbound.
 */
public final class PostgresExplainer {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
    private static final String PREPARED = "indexkit_verify";
    private static final String SYNTAX_ERROR = "42601";
    /** PostgreSQL plans the first five executions of a prepared statement for their values (plancache.c). */
    private static final int CUSTOM_PLANS_BEFORE_GENERIC = 5;

    private final Connection connection;

    public PostgresExplainer(Connection connection) {
        this.connection = connection;
    }

    /**
     * The plan of exactly one statement that only reads (see {@link QueryGuard}), explained in a
     * read-only transaction that is rolled back, so neither the query nor a setting changed for it
     * outlives the call; throws {@link RefusedQueryException} for anything else.
     */
    public ExplainedPlan explain(String query) throws SQLException {
        String sql = QueryGuard.singleStatement(query);
        ExplainedPlan plan = ReadOnly.run(connection, () -> explainStatement(sql, null, true));
        QueryGuard.readsOnly(plan);
        return plan;
    }

    /**
     * The plan of a query with parameters as a prepared statement gets it: with {@code generic}, the
     * plan of its sixth execution, when PostgreSQL ({@code plan_cache_mode = auto}, the default) has
     * seen five custom plans and switches to the generic one if that costs no more; otherwise the custom
     * plan for these values (the first five executions, and every one a driver sends with the values in
     * the text).
     */
    public ExplainedPlan explain(String query, List<String> params, boolean generic) throws SQLException {
        String sql = QueryGuard.singleStatement(query);
        ExplainedPlan plan = ReadOnly.run(connection, () -> explainStatement(sql, params, generic));
        QueryGuard.readsOnly(plan);
        return plan;
    }

    private ExplainedPlan explainStatement(String sql, List<String> params, boolean generic) throws SQLException {
        String json;
        try (Statement st = connection.createStatement()) {
            prepare(st, sql);
            Savepoint beforeExplain = connection.setSavepoint();
            try {
                json = maxParameter(sql) == 0 ? explainJson("EXPLAIN (FORMAT JSON, VERBOSE) " + sql)
                        : executePlan(sql, params, generic);
            } catch (SQLException e) {
                connection.rollback(beforeExplain);
                throw e;
            } finally {
                st.execute("DEALLOCATE " + PREPARED);
            }
        }
        Map<String, Object> top = parse(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> planMap = (Map<String, Object>) top.get("Plan");
        PlanNode root = PlanNode.fromPostgres(planMap);
        return new ExplainedPlan(sql, root, json, indexParents(root), tableParents(root), context(),
                number(planMap.get("Total Cost")), number(planMap.get("Plan Rows")));
    }

    /**
     * The server decides what the text is: PREPARE takes exactly one SELECT, INSERT, UPDATE, DELETE,
     * MERGE or VALUES and nothing else (no DDL, no CREATE TABLE AS, no transaction control).
     */
    private static void prepare(Statement st, String sql) throws SQLException {
        try {
            st.execute("PREPARE " + PREPARED + " AS " + sql);
        } catch (SQLException e) {
            if (SYNTAX_ERROR.equals(e.getSQLState())) {
                throw new RefusedQueryException("refused: PostgreSQL does not take it as one query it can prepare ("
                        + e.getMessage() + "); a target query is one SELECT");
            }
            throw e;
        }
    }

    /**
     * {@code EXPLAIN EXECUTE} of the prepared statement, its values as literals. Without sample values
     * the generic plan is forced (the values are NULLs, nothing to compare with); with them, the sixth
     * {@code EXPLAIN EXECUTE} under {@code auto} is the sixth execution (each one counts in the plan
     * cache). plan_cache_mode is SET LOCAL: the read-only transaction's rollback restores it, even
     * after an error.
     */
    private String executePlan(String sql, List<String> params, boolean generic) throws SQLException {
        int count = maxParameter(sql);
        if (params != null && params.size() != count) {
            throw new RefusedQueryException("refused: the query has " + count + " parameters but " + params.size()
                    + " values are given (params:); give one value per parameter");
        }
        String mode = params == null ? "force_generic_plan" : generic ? "auto" : "force_custom_plan";
        SessionSettings.set(connection, "plan_cache_mode", mode, true);
        List<String> values = params == null ? java.util.Collections.nCopies(count, "NULL")
                : params.stream().map(v -> v == null ? "NULL" : dev.indexkit.internal.sql.Identifiers.literal(v)).toList();
        String execute = "EXECUTE " + PREPARED + "(" + String.join(", ", values) + ")";
        if (params != null && generic) {
            for (int i = 0; i < CUSTOM_PLANS_BEFORE_GENERIC; i++) {
                explainJson("EXPLAIN (FORMAT JSON) " + execute);
            }
        }
        return explainJson("EXPLAIN (FORMAT JSON, VERBOSE) " + execute);
    }

    private String explainJson(String explain) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(explain)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        // JSON is YAML; SnakeYAML is already on every classpath that runs Liquibase.
        List<Object> list = new Yaml().load(json);
        return (Map<String, Object>) list.get(0);
    }

    private Map<String, String> indexParents(PlanNode root) throws SQLException {
        List<String> names = root.all().stream().filter(PlanNode::readsIndex).map(PlanNode::index).distinct().toList();
        return partitionRoots(names);
    }

    private Map<String, String> tableParents(PlanNode root) throws SQLException {
        List<String> names = root.all().stream().map(PlanNode::relation).filter(java.util.Objects::nonNull).distinct().toList();
        return partitionRoots(names);
    }

    /** name → name of the root of its partition tree, for partitions (tables or indexes) among {@code names}. */
    private Map<String, String> partitionRoots(List<String> names) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname, r.relname FROM pg_class c "
                + "JOIN pg_class r ON r.oid = pg_partition_root(c.oid) WHERE c.relispartition AND c.relname = ANY (?)")) {
            Array array = connection.createArrayOf("text", names.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private String context() throws SQLException {
        StringBuilder out = new StringBuilder("server: ");
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version()")) {
                rs.next();
                out.append(rs.getString(1)).append("\nsettings:");
            }
            try (ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_settings WHERE name LIKE 'enable%' OR name IN "
                    + "('random_page_cost', 'seq_page_cost', 'effective_cache_size', 'work_mem', 'plan_cache_mode', "
                    + "'default_statistics_target', 'jit') ORDER BY name")) {
                while (rs.next()) {
                    out.append(' ').append(rs.getString(1)).append('=').append(rs.getString(2));
                }
            }
        }
        return out.append('\n').toString();
    }

    static int maxParameter(String sql) {
        Matcher m = PARAMETER.matcher(sql);
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
