package dev.indexkit.internal.spring;

import dev.indexkit.partition.MonthlyPartitionConfig;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Starts with the application context: one run of every table at startup (when configured), then
 * each table on its cron in its zone, on indexkit's own single daemon thread (no
 * {@code @EnableScheduling} needed, and a long run never delays the service's own scheduled tasks).
 * Started after every singleton is created, so after Spring's Liquibase or Flyway has migrated.
 */
public final class PartitionSchedule implements SmartLifecycle {

    private static final Logger LOG = Logger.getLogger("dev.indexkit.spring.PartitionMaintenance");  // one logger for all of it

    /** One table's schedule: its name as configured, its config, its cron. */
    public record Entry(String table, MonthlyPartitionConfig config, String cron) {
    }

    private final List<Entry> entries;
    private final boolean runOnStartup;
    private final Runnable startupRun;
    private final Consumer<String> scheduledRun;
    private final List<ScheduledFuture<?>> futures = new ArrayList<>();
    private ThreadPoolTaskScheduler scheduler;
    private volatile boolean running;

    /**
     * @param startupRun   runs every table once and throws on failure (stops the startup)
     * @param scheduledRun runs one table and logs a failure (the next cron tries again)
     */
    public PartitionSchedule(List<Entry> entries, boolean runOnStartup, Runnable startupRun, Consumer<String> scheduledRun) {
        this.entries = List.copyOf(entries);
        this.runOnStartup = runOnStartup;
        this.startupRun = startupRun;
        this.scheduledRun = scheduledRun;
    }

    @Override
    public synchronized void start() {
        if (running || entries.isEmpty()) {
            running = true;
            return;
        }
        if (runOnStartup) {
            startupRun.run();
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.setThreadNamePrefix("indexkit-partitions-");
        scheduler.initialize();
        for (Entry e : entries) {
            futures.add(scheduler.schedule(() -> scheduledRun.accept(e.table()), new CronTrigger(e.cron(), e.config().zone())));
            LOG.info(() -> "indexkit: partition maintenance of " + e.table() + " scheduled at \"" + e.cron() + "\" ("
                    + e.config().zone() + ")");
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        futures.forEach(f -> f.cancel(false));
        futures.clear();
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
