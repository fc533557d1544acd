package dev.indexkit.internal.verify;

import dev.indexkit.verify.ExplainedPlan;

import java.util.List;
import java.util.Set;

/** One message per kind of failure; each prints the whole plan and its context. */
public final class PlanMessages {

    private PlanMessages() {
    }

    static String wrongIndex(ExplainedPlan plan, String expected, Set<String> used) {
        return "Expected the plan to use index " + expected + " but it used " + (used.isEmpty() ? "no index" : String.join(", ", used))
                + ".\n" + escape(plan.describe());
    }

    static String wrongScanKind(ExplainedPlan plan, IndexName index, String kind) {
        return "Expected a " + kind + " on " + index + " but the plan reads it with " + index.scanTypes(plan) + ".\n"
                + escape(plan.describe());
    }

    public static String seqScan(ExplainedPlan plan, String table) {
        return "Expected no sequential scan on " + table + " but the plan has one.\n" + escape(plan.describe());
    }

    static String partitions(ExplainedPlan plan, int expected, String found) {
        return "Expected the plan to read " + expected + " partition(s) after pruning but found " + found + ".\n"
                + escape(plan.describe());
    }

    static String unsound(ExplainedPlan plan, List<String> problems) {
        return "UNSOUND: this verification would prove nothing:\n  - " + String.join("\n  - ", problems) + "\n"
                + escape(plan.describe());
    }

    /** AssertJ formats messages with String.format. */
    private static String escape(String s) {
        return s.replace("%", "%%");
    }
}
