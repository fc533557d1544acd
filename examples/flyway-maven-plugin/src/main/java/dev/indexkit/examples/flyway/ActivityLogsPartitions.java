package dev.indexkit.examples.flyway;

import dev.indexkit.flyway.IndexkitFlyway;
import dev.indexkit.partition.MonthlyPartitionConfig;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * The service's monthly partitions of fastnext.activity_logs, kept after every {@code flyway:migrate}
 * as the fastnext pack's runAlways changeset keeps them for Liquibase. The Maven plugin's
 * {@code <callbacks>} names classes it creates with no arguments, so the policy lives here and the
 * work is indexkit's callback.
 */
public final class ActivityLogsPartitions implements Callback {

    private final Callback maintenance = IndexkitFlyway.partitionMaintenance(MonthlyPartitionConfig
            .forTable("fastnext.activity_logs").column("timestamp").monthsAhead(3).build());

    @Override
    public boolean supports(Event event, Context context) {
        return maintenance.supports(event, context);
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return maintenance.canHandleInTransaction(event, context);
    }

    @Override
    public void handle(Event event, Context context) {
        maintenance.handle(event, context);
    }

    @Override
    public String getCallbackName() {
        return maintenance.getCallbackName();
    }
}
