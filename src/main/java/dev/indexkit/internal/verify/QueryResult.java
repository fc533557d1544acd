package dev.indexkit.internal.verify;

import dev.indexkit.verify.TargetQuery;

import java.util.Set;

/**
 * The verdict on one target query.
 *
 * @param used       indexes the chosen plan reads
 * @param problem    why it failed or is unsound; null when it passed
 * @param timing     times with the index, without it (siblings kept) and without the pack's indexes on
 *                   its tables (inside rolled-back savepoints); {@link Timing#NONE} when not measured
 * @param timingNote why a passing query was not timed (its index backs a constraint, the drop's lock
 *                   timed out); null otherwise
 * @param failedPlan the plan that failed, with its context, as a failure prints it; null otherwise
 */
public record QueryResult(String pack, TargetQuery query, Set<String> used, String problem, double cost, double rows,
                          Timing timing, String timingNote, String failedPlan) {

    public QueryResult(String pack, TargetQuery query, Set<String> used, String problem, double cost, double rows,
                       double msWith, double msWithout) {
        this(pack, query, used, problem, cost, rows, Timing.marginal(msWith, msWithout), null, null);
    }

    public boolean passed() {
        return problem == null;
    }

    /** Best execution time with the index, or NaN when not measured. */
    public double msWith() {
        return timing.msWith();
    }

    /** Best execution time with the index dropped and its siblings kept, or NaN. */
    public double msWithout() {
        return timing.msWithout();
    }

    /** Best execution time with none of the pack's indexes on the query's tables, or NaN. */
    public double msWithoutPack() {
        return timing.msWithoutPack();
    }

    /** Marginal speedup: how many times faster the query is with its index than with only its siblings; NaN when not measured. */
    public double speedup() {
        return msWith() > 0 ? msWithout() / msWith() : Double.NaN;
    }

    /** Speedup over the pack baseline (none of the pack's indexes on its tables, as the seed had it); NaN when not measured. */
    public double packSpeedup() {
        return msWith() > 0 ? msWithoutPack() / msWith() : Double.NaN;
    }
}
