package dev.indexkit.internal.index;

import java.util.List;

/**
 * What an index operation runs, in order, decided from the catalog as it is now. {@code update-sql}
 * prints it and {@code update} executes it: the same steps.
 *
 * @param steps   the statements, in order (empty when there is nothing to do)
 * @param outcome what running the plan achieves
 * @param table   the table the index is on, for messages
 * @param note    why the plan looks the way it does when that depends on the database (e.g. the table
 *                does not exist yet), or null
 */
public record IndexPlan(List<DdlStep> steps, BuildOutcome outcome, String table, String note) {

    public IndexPlan {
        steps = List.copyOf(steps);
    }
}
