package dev.indexkit.verify;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One entry of a verification catalog: a query a real application sends and the index it must use.
 *
 * @param name         short id, unique in its catalog
 * @param seed         the passage of the seed plan it comes from
 * @param sql          the query; {@code $1}-style parameters are explained as a generic plan
 * @param index        the index the planner must choose: {@code name}, found on the search_path, or
 *                     {@code schema.name}, that schema's index whatever the search_path (PostgreSQL)
 * @param scan         optional scan kind: {@code index-only}
 * @param partitions   optional number of partitions left after pruning
 * @param databases    where it applies: {@code postgresql}, {@code sqlite}
 * @param note         why the expectation holds
 * @param fromPostgres a different expectation from a PostgreSQL major on (e.g. 18's skip scan), keyed
 *                     by that major; stated explicitly so a check is never loosened to pass everywhere
 * @param allowSeqScan tables the plan may also read with a sequential scan: by default a sequential
 *                     scan of the expected index's own table fails, wherever in the plan it is
 * @param noSeqScan    other tables the plan must not read with a sequential scan
 * @param params       sample values for the query's parameters ({@code $1} or JDBC's {@code ?}): the
 *                     query is then checked as the custom plan for these values and as the generic
 *                     plan a prepared statement gets; empty when the query has none (or to check
 *                     only its generic plan)
 * @param generic      what the generic plan uses when it differs from the custom one, and why; null
 *                     when both must use {@code index}
 * @param customPlanOnly why a partial index whose predicate a parameter meets is kept although the
 *                     generic plan cannot use it (PostgreSQL keeps the custom plan on the real data,
 *                     which {@code verify} checks); null when the lint must flag it
 */
public record TargetQuery(String name, String seed, String sql, String index, String scan, Integer partitions,
                          Set<String> databases, String note, Map<Integer, Expectation> fromPostgres,
                          Set<String> allowSeqScan, Set<String> noSeqScan, List<String> params, Expectation generic,
                          String customPlanOnly) {

    /**
     * What changes from a PostgreSQL major on (or for the generic plan), and why.
     *
     * @param index the index the planner must choose there
     * @param scan  optional scan kind: {@code index-only}
     * @param note  why the expectation differs there
     */
    public record Expectation(String index, String scan, String note) {
    }

    /**
     * Copies the collections, which must not be null.
     *
     * @param name         short id, unique in its catalog
     * @param seed         the passage of the seed plan it comes from
     * @param sql          the query
     * @param index        the index the planner must choose
     * @param scan         optional scan kind: {@code index-only}
     * @param partitions   optional number of partitions left after pruning
     * @param databases    where it applies: {@code postgresql}, {@code sqlite}
     * @param note         why the expectation holds
     * @param fromPostgres different expectations from a PostgreSQL major on, keyed by that major
     * @param allowSeqScan tables the plan may also read with a sequential scan
     * @param noSeqScan    other tables the plan must not read with a sequential scan
     * @param params       sample values for the query's parameters, empty for none
     * @param generic      what the generic plan uses instead, or null
     * @param customPlanOnly why the partial index is kept for the custom plan only, or null
     */
    public TargetQuery {
        fromPostgres = Map.copyOf(fromPostgres);
        allowSeqScan = Set.copyOf(allowSeqScan);
        noSeqScan = Set.copyOf(noSeqScan);
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    /**
     * An entry that states no reason to keep a partial index for the custom plan only.
     *
     * @param name         short id, unique in its catalog
     * @param seed         the passage of the seed plan it comes from
     * @param sql          the query
     * @param index        the index the planner must choose
     * @param scan         optional scan kind: {@code index-only}
     * @param partitions   optional number of partitions left after pruning
     * @param databases    where it applies: {@code postgresql}, {@code sqlite}
     * @param note         why the expectation holds
     * @param fromPostgres different expectations from a PostgreSQL major on, keyed by that major
     * @param allowSeqScan tables the plan may also read with a sequential scan
     * @param noSeqScan    other tables the plan must not read with a sequential scan
     * @param params       sample values for the query's parameters, empty for none
     * @param generic      what the generic plan uses instead, or null
     */
    public TargetQuery(String name, String seed, String sql, String index, String scan, Integer partitions,
                       Set<String> databases, String note, Map<Integer, Expectation> fromPostgres,
                       Set<String> allowSeqScan, Set<String> noSeqScan, List<String> params, Expectation generic) {
        this(name, seed, sql, index, scan, partitions, databases, note, fromPostgres, allowSeqScan, noSeqScan, params, generic, null);
    }

    /**
     * An entry without parameter values.
     *
     * @param name         short id, unique in its catalog
     * @param seed         the passage of the seed plan it comes from
     * @param sql          the query
     * @param index        the index the planner must choose
     * @param scan         optional scan kind: {@code index-only}
     * @param partitions   optional number of partitions left after pruning
     * @param databases    where it applies: {@code postgresql}, {@code sqlite}
     * @param note         why the expectation holds
     * @param fromPostgres different expectations from a PostgreSQL major on, keyed by that major
     * @param allowSeqScan tables the plan may also read with a sequential scan
     * @param noSeqScan    other tables the plan must not read with a sequential scan
     */
    public TargetQuery(String name, String seed, String sql, String index, String scan, Integer partitions,
                       Set<String> databases, String note, Map<Integer, Expectation> fromPostgres,
                       Set<String> allowSeqScan, Set<String> noSeqScan) {
        this(name, seed, sql, index, scan, partitions, databases, note, fromPostgres, allowSeqScan, noSeqScan, List.of(), null);
    }

    /**
     * An entry without sequential-scan allowances or extra prohibitions.
     *
     * @param name         short id, unique in its catalog
     * @param seed         the passage of the seed plan it comes from
     * @param sql          the query
     * @param index        the index the planner must choose
     * @param scan         optional scan kind: {@code index-only}
     * @param partitions   optional number of partitions left after pruning
     * @param databases    where it applies: {@code postgresql}, {@code sqlite}
     * @param note         why the expectation holds
     * @param fromPostgres different expectations from a PostgreSQL major on, keyed by that major
     */
    public TargetQuery(String name, String seed, String sql, String index, String scan, Integer partitions,
                       Set<String> databases, String note, Map<Integer, Expectation> fromPostgres) {
        this(name, seed, sql, index, scan, partitions, databases, note, fromPostgres, Set.of(), Set.of());
    }

    /**
     * An entry with one expectation everywhere.
     *
     * @param name       short id, unique in its catalog
     * @param seed       the passage of the seed plan it comes from
     * @param sql        the query
     * @param index        the index the planner must choose
     * @param scan       optional scan kind: {@code index-only}
     * @param partitions   optional number of partitions left after pruning
     * @param databases    where it applies: {@code postgresql}, {@code sqlite}
     * @param note       why the expectation holds
     */
    public TargetQuery(String name, String seed, String sql, String index, String scan, Integer partitions,
                       Set<String> databases, String note) {
        this(name, seed, sql, index, scan, partitions, databases, note, Map.of());
    }

    /**
     * Whether the query is checked on this kind of database.
     *
     * @param sqlite true for SQLite, false for PostgreSQL
     * @return whether {@code databases} names it
     */
    public boolean appliesTo(boolean sqlite) {
        return databases.contains(sqlite ? "sqlite" : "postgresql");
    }

    /**
     * The expectation on a PostgreSQL server of that major version.
     *
     * @param major the server's major version, e.g. 17
     * @return this query, or a copy with the index, scan and note of the latest {@code fromPostgres}
     *         entry at or below {@code major}
     */
    public TargetQuery onPostgres(int major) {
        NavigableMap<Integer, Expectation> sorted = new TreeMap<>(fromPostgres);
        Map.Entry<Integer, Expectation> applies = sorted.floorEntry(major);
        if (applies == null) {
            return this;
        }
        Expectation e = applies.getValue();
        return new TargetQuery(name, seed, sql, e.index(), e.scan(), partitions, databases,
                "PostgreSQL " + applies.getKey() + "+: " + e.note(), Map.of(), allowSeqScan, noSeqScan, params, generic, customPlanOnly);
    }

    /**
     * The expectation for the generic plan.
     *
     * @return a copy with {@link #generic}'s index, scan and note where the entry states one, else this
     */
    public TargetQuery asGeneric() {
        if (generic == null) {
            return this;
        }
        return new TargetQuery(name, seed, sql, generic.index(), generic.scan(), partitions, databases,
                "generic plan: " + generic.note(), Map.of(), allowSeqScan, noSeqScan, params, null, customPlanOnly);
    }
}
