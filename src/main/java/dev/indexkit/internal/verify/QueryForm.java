package dev.indexkit.internal.verify;

import dev.indexkit.verify.RefusedQueryException;
import dev.indexkit.verify.TargetQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * One way a catalog query reaches the planner, with what it must use then. A query without sample
 * values is one form (with {@code $1} parameters: the generic plan, as before). With {@code params},
 * two on PostgreSQL: the custom plan for those values (a driver that sends them in the text, and a
 * prepared statement's first five executions) and the plan of the sixth execution of a prepared
 * statement (the generic plan, when PostgreSQL finds it no costlier than the custom ones; it never
 * changes again); SQLite has only the first.
 *
 * @param label    "custom plan" or "generic plan" where a query has both, else empty
 * @param sql      the query, JDBC {@code ?} placeholders numbered {@code $1, $2, ...}
 * @param params   the sample values, or null to explain the query as it is
 * @param generic  whether this is the generic plan
 * @param expected the expectation for this form
 */
public record QueryForm(String label, String sql, List<String> params, boolean generic, TargetQuery expected) {

    public static List<QueryForm> of(TargetQuery query, boolean sqlite) throws RefusedQueryException {
        if (query.params().isEmpty()) {
            return List.of(new QueryForm("", query.sql(), null, !sqlite && PostgresExplainer.maxParameter(query.sql()) > 0, query));
        }
        String sql = Placeholders.numbered(query.sql());
        List<QueryForm> forms = new ArrayList<>();
        forms.add(new QueryForm(sqlite ? "" : "custom plan", sql, query.params(), false, query));
        if (!sqlite) {
            forms.add(new QueryForm("generic plan", sql, query.params(), true, query.asGeneric()));
        }
        return forms;
    }

    /** The failure prefixed with this form's label, where the query has two. */
    public String labelled(String problem) {
        return label.isEmpty() ? problem : label + ": " + problem;
    }
}
