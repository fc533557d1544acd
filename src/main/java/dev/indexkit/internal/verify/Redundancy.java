package dev.indexkit.internal.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Indexes no catalog query needs: the best marginal speedup over all of an index's timed queries is
 * under {@link #THRESHOLD}, so with it dropped a sibling serves each of them nearly as fast, while
 * every write to the table still pays for it. Each is a candidate its pack owner must justify (another
 * query form, a SQLite path, the seed's own index) or drop in a revision.
 */
public final class Redundancy {

    /** Below this best marginal speedup an index is reported. */
    public static final double THRESHOLD = 2.0;

    /**
     * One index under the threshold.
     *
     * @param pack      the pack (or catalog) label
     * @param index     the index
     * @param best      its best marginal speedup over its timed queries
     * @param bestQuery the query that speedup is from
     * @param queries   how many of its queries were timed
     * @param servedBy  indexes the plans read with it dropped: the siblings that make it redundant
     */
    public record Candidate(String pack, String index, double best, String bestQuery, int queries, Set<String> servedBy) {
    }

    private Redundancy() {
    }

    /** The indexes of {@code results} whose every timed query is less than {@link #THRESHOLD} times faster with them. */
    public static List<Candidate> of(List<QueryResult> results) {
        Map<List<String>, List<QueryResult>> byIndex = new LinkedHashMap<>();
        for (QueryResult r : results) {
            if (!Double.isNaN(r.speedup())) {
                byIndex.computeIfAbsent(List.of(r.pack(), r.query().index()), k -> new ArrayList<>()).add(r);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<QueryResult>> e : byIndex.entrySet()) {
            QueryResult best = e.getValue().stream().max((a, b) -> Double.compare(a.speedup(), b.speedup())).orElseThrow();
            if (best.speedup() < THRESHOLD) {
                Set<String> servedBy = new LinkedHashSet<>();
                e.getValue().forEach(r -> servedBy.addAll(r.timing().servedWithout()));
                out.add(new Candidate(e.getKey().get(0), e.getKey().get(1), best.speedup(), best.query().name(),
                        e.getValue().size(), servedBy));
            }
        }
        return out;
    }
}
