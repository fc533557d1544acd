package dev.indexkit.verify;

import java.util.Set;

/**
 * One entry of a verification catalog: a query a real application sends and the index it must use.
 *
 * @param name       short id, unique in its catalog
 * @param seed       the passage of the seed plan it comes from
 * @param sql        the query; {@code $1}-style parameters are explained as a generic plan
 * @param index      the index the planner must choose
 * @param scan       optional scan kind: {@code index-only}
 * @param partitions optional number of partitions left after pruning
 * @param databases  where it applies: {@code postgresql}, {@code sqlite}
 * @param note       why the expectation holds, e.g. a planner difference between majors
 */
public record TargetQuery(String name, String seed, String sql, String index, String scan, Integer partitions,
                          Set<String> databases, String note) {

    public boolean appliesTo(boolean sqlite) {
        return databases.contains(sqlite ? "sqlite" : "postgresql");
    }
}
