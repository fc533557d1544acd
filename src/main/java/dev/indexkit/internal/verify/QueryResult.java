package dev.indexkit.internal.verify;

import dev.indexkit.verify.TargetQuery;

import java.util.Set;

/**
 * The verdict on one target query.
 *
 * @param used       indexes the chosen plan reads
 * @param problem    why it failed or is unsound; null when it passed
 * @param msWith     best execution time with the index, or NaN when not measured
 * @param msWithout  best execution time with the index dropped (inside a rolled-back transaction), or NaN
 * @param timingNote why a passing query was not timed (its index backs a constraint, the drop's lock
 *                   timed out); null otherwise
 * @param failedPlan the plan that failed, with its context, as a failure prints it; null otherwise
 */
public record QueryResult(String pack, TargetQuery query, Set<String> used, String problem, double cost, double rows,
                          double msWith, double msWithout, String timingNote, String failedPlan) {

    public QueryResult(String pack, TargetQuery query, Set<String> used, String problem, double cost, double rows,
                       double msWith, double msWithout) {
        this(pack, query, used, problem, cost, rows, msWith, msWithout, null, null);
    }

    public boolean passed() {
        return problem == null;
    }

    /** How many times faster the query is with its index; NaN when not measured. */
    public double speedup() {
        return msWith > 0 ? msWithout / msWith : Double.NaN;
    }
}
