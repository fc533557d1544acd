package dev.indexkit.internal.partition;

import dev.indexkit.partition.PartitionAction;

import java.util.ArrayList;
import java.util.List;

/**
 * Steps of a plan that run as one unit: consecutive transactional steps share one transaction, every
 * other step runs on its own. The executor runs the batches and {@link PartitionScript} prints them, in
 * plan order, from this one grouping.
 */
public record Batch(boolean transactional, List<PartitionAction> actions) {

    public static List<Batch> of(List<PartitionAction> plan) {
        List<Batch> batches = new ArrayList<>();
        List<PartitionAction> transaction = new ArrayList<>();
        for (PartitionAction action : plan) {
            if (action.kind().transactional()) {
                transaction.add(action);
                continue;
            }
            if (!transaction.isEmpty()) {
                batches.add(new Batch(true, List.copyOf(transaction)));
                transaction.clear();
            }
            batches.add(new Batch(false, List.of(action)));
        }
        if (!transaction.isEmpty()) {
            batches.add(new Batch(true, List.copyOf(transaction)));
        }
        return batches;
    }
}
