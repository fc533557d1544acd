package dev.indexkit.internal.verify;

import java.util.List;
import java.util.Set;

/**
 * A query timed against two baselines. The marginal one drops only the query's index and keeps its
 * siblings, so it measures what that one index adds; the pack one drops every index the pack (or the
 * catalog) put on the query's tables, which is the seed's "before".
 *
 * @param msWith        best execution time with every index in place, or NaN when not measured
 * @param msWithout     best time with the query's index dropped, siblings kept (marginal), or NaN
 * @param servedWithout indexes the plan read with the query's index dropped: the siblings that serve it instead
 * @param msWithoutPack best time with all of {@code packDropped} dropped, or NaN; equal to
 *                      {@code msWithout} (the same measurement) when the query's index was the only one
 * @param packDropped   the pack's indexes on the query's tables, the query's own included; one entry
 *                      when the pack baseline is the marginal one
 */
public record Timing(double msWith, double msWithout, Set<String> servedWithout, double msWithoutPack,
                     List<String> packDropped) {

    /** Not measured (a read-only run, a failing plan, SQLite, an index backing a constraint). */
    public static final Timing NONE = new Timing(Double.NaN, Double.NaN, Set.of(), Double.NaN, List.of());

    public Timing {
        // In plan order: the report names the sibling that served the query first.
        servedWithout = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(servedWithout));
        packDropped = List.copyOf(packDropped);
    }

    /** Only the marginal baseline was measured; the pack baseline is taken to be the same. */
    public static Timing marginal(double msWith, double msWithout) {
        return new Timing(msWith, msWithout, Set.of(), msWithout, List.of());
    }
}
