package dev.indexkit.examples.boot;

import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps activity_logs' monthly partitions ahead every night, besides the pack's runAlways changeset
 * on every deploy. Replicas may all run it: they take turns on an advisory lock.
 */
@Component
public class PartitionMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final DataSource dataSource;
    private final MonthlyPartitions partitions;

    public PartitionMaintenance(DataSource dataSource,
                                @Value("${indexkit.partitions.table}") String table,
                                @Value("${indexkit.partitions.column}") String column,
                                @Value("${indexkit.partitions.months-ahead:3}") int monthsAhead) {
        this.dataSource = dataSource;
        // Validated here: a typo in the configuration stops the service at startup, not at 3 a.m.
        this.partitions = MonthlyPartitions.of(MonthlyPartitionConfig.forTable(table).column(column).monthsAhead(monthsAhead).build());
    }

    @Scheduled(cron = "${indexkit.partitions.cron:0 0 3 * * *}")
    public List<PartitionAction> keepPartitions() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<PartitionAction> done = partitions.apply(c);
            done.forEach(a -> LOG.info("partitions: {}", a.description()));
            return done;
        }
    }
}
