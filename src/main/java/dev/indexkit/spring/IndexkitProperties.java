package dev.indexkit.spring;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.RetentionMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code indexkit.*} properties of a Spring Boot service. Every value is checked as it is bound,
 * so a bad one stops the service at startup with an error that names the property.
 *
 * <pre>
 * indexkit:
 *   liquibase:
 *     session-lock: true          # indexkit's advisory changelog lock (default), false: Liquibase's row lock
 *   partitions:
 *     run-on-startup: true        # once when the context has started (after migrations), then on the cron
 *     tables:
 *       - table: fastnext.activity_logs
 *         column: timestamp
 *         months-ahead: 3
 *         retention-months: 12
 *         retention-mode: detach
 *         zone: UTC
 *         cron: "0 0 3 * * *"
 * </pre>
 */
@ConfigurationProperties(prefix = "indexkit")
public class IndexkitProperties {

    private final Partitions partitions = new Partitions();
    private final Liquibase liquibase = new Liquibase();

    /** Creates the properties with their defaults; Spring binds the configured values. */
    public IndexkitProperties() {
    }

    /**
     * Scheduled monthly partition maintenance.
     *
     * @return the {@code indexkit.partitions.*} properties
     */
    public Partitions getPartitions() {
        return partitions;
    }

    /**
     * indexkit's part in Spring's Liquibase runs.
     *
     * @return the {@code indexkit.liquibase.*} properties
     */
    public Liquibase getLiquibase() {
        return liquibase;
    }

    /** {@code indexkit.partitions.*}: the tables whose monthly partitions are kept, and when. */
    public static class Partitions {

        /**
         * Run each table's maintenance once when the application context has started (after Liquibase
         * or Flyway migrated during startup), besides its cron. A failure of that run stops the startup.
         */
        private boolean runOnStartup = true;

        /** The monthly range-partitioned tables to keep, each with its own schedule. */
        private List<Table> tables = new ArrayList<>();

        /** Creates the defaults: no table, a run at startup. */
        public Partitions() {
        }

        /**
         * Whether each table's maintenance also runs once at startup.
         *
         * @return true (the default) to run at startup
         */
        public boolean isRunOnStartup() {
            return runOnStartup;
        }

        /**
         * Sets whether each table's maintenance also runs once at startup.
         *
         * @param runOnStartup false to wait for the first cron
         */
        public void setRunOnStartup(boolean runOnStartup) {
            this.runOnStartup = runOnStartup;
        }

        /**
         * The tables to keep.
         *
         * @return the tables, in configuration order
         */
        public List<Table> getTables() {
            return tables;
        }

        /**
         * Sets the tables to keep, checking each: it must name its table and partition column, every
         * value must be in range, and no table may be given twice.
         *
         * @param tables the tables
         * @throws IllegalArgumentException naming the property, {@code indexkit.partitions.tables[i].*}, of a bad value
         */
        public void setTables(List<Table> tables) {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                Table t = tables.get(i);
                String at = "indexkit.partitions.tables[" + i + "]";
                t.validate(at);
                if (seen.contains(t.getTable())) {
                    throw new IllegalArgumentException(at + ".table " + t.getTable() + " is given twice (also at index "
                            + seen.indexOf(t.getTable()) + "): one schedule per table");
                }
                seen.add(t.getTable());
            }
            this.tables = tables;
        }
    }

    /** One table under {@code indexkit.partitions.tables[i]}; see {@link MonthlyPartitionConfig}. */
    public static class Table {

        /** The partitioned table, schema.table (or table for the connection's current schema). */
        private String table;

        /** Its partition key column (timestamptz, timestamp or date). */
        private String column;

        /** Months after the current one that must have a partition (0 to 120). */
        private int monthsAhead = 3;

        /** Months to keep before the current one (1 to 1200); not set keeps every partition. */
        private Integer retentionMonths;

        /** What happens to partitions past retention: detach (keep them as plain tables) or drop. */
        private RetentionMode retentionMode = RetentionMode.DETACH;

        /** The IANA time zone whose calendar defines a month, and in which the cron is read. */
        private String zone = "UTC";

        /** When maintenance runs: a Spring cron expression (second minute hour day month weekday). */
        private String cron = "0 0 3 * * *";

        /** Creates a table entry with the defaults: 3 months ahead, no retention, detach, UTC, 03:00 daily. */
        public Table() {
        }

        /**
         * The partitioned table.
         *
         * @return schema.table as configured
         */
        public String getTable() {
            return table;
        }

        /**
         * Sets the partitioned table.
         *
         * @param table schema.table, or table for the connection's current schema
         */
        public void setTable(String table) {
            this.table = table;
        }

        /**
         * The partition key column.
         *
         * @return the column
         */
        public String getColumn() {
            return column;
        }

        /**
         * Sets the partition key column.
         *
         * @param column a timestamptz, timestamp or date column
         */
        public void setColumn(String column) {
            this.column = column;
        }

        /**
         * Months after the current one that must have a partition.
         *
         * @return the months ahead, 3 by default
         */
        public int getMonthsAhead() {
            return monthsAhead;
        }

        /**
         * Sets the months after the current one that must have a partition.
         *
         * @param monthsAhead 0 to {@link MonthlyPartitionConfig#MAX_MONTHS_AHEAD}
         */
        public void setMonthsAhead(int monthsAhead) {
            this.monthsAhead = monthsAhead;
        }

        /**
         * Months kept before the current one.
         *
         * @return the retention, or null to keep every partition
         */
        public Integer getRetentionMonths() {
            return retentionMonths;
        }

        /**
         * Sets the months kept before the current one.
         *
         * @param retentionMonths 1 to {@link MonthlyPartitionConfig#MAX_RETENTION_MONTHS}, or null to keep everything
         */
        public void setRetentionMonths(Integer retentionMonths) {
            this.retentionMonths = retentionMonths;
        }

        /**
         * What happens to partitions past retention.
         *
         * @return detach (the default) or drop
         */
        public RetentionMode getRetentionMode() {
            return retentionMode;
        }

        /**
         * Sets what happens to partitions past retention.
         *
         * @param retentionMode detach or drop
         */
        public void setRetentionMode(RetentionMode retentionMode) {
            this.retentionMode = retentionMode == null ? RetentionMode.DETACH : retentionMode;
        }

        /**
         * The time zone of the month calendar and of the cron.
         *
         * @return an IANA zone id, UTC by default
         */
        public String getZone() {
            return zone;
        }

        /**
         * Sets the time zone of the month calendar and of the cron.
         *
         * @param zone an IANA name such as {@code Europe/Berlin}
         */
        public void setZone(String zone) {
            this.zone = zone;
        }

        /**
         * When maintenance runs.
         *
         * @return a Spring cron expression, {@code 0 0 3 * * *} (03:00 daily) by default
         */
        public String getCron() {
            return cron;
        }

        /**
         * Sets when maintenance runs.
         *
         * @param cron a Spring cron expression with six fields (second minute hour day month weekday)
         */
        public void setCron(String cron) {
            this.cron = cron;
        }

        /**
         * Checks every value, naming the property ({@code at} is {@code indexkit.partitions.tables[i]}).
         * The binder has already refused values of the wrong type, naming them.
         */
        void validate(String at) {
            if (table == null || table.isBlank()) {
                throw new IllegalArgumentException(at + ".table is missing: give schema.table, e.g. public.activity_logs");
            }
            check(at + ".table", () -> {
                MonthlyPartitionConfig.forTable(table);
                int dot = table.indexOf('.');
                if (dot >= 0) {
                    Identifiers.requireValid(table.substring(0, dot), "schema");
                }
                Identifiers.requireValid(table.substring(dot + 1), "table");
            });
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException(at + ".column is missing for " + table
                        + ": give the timestamptz, timestamp or date column the table is partitioned by");
            }
            check(at + ".column", () -> Identifiers.requireValid(column, "partition column"));
            if (monthsAhead < 0 || monthsAhead > MonthlyPartitionConfig.MAX_MONTHS_AHEAD) {
                throw new IllegalArgumentException(at + ".months-ahead " + monthsAhead + " is out of range: use 0 to "
                        + MonthlyPartitionConfig.MAX_MONTHS_AHEAD);
            }
            if (retentionMonths != null && (retentionMonths < 1 || retentionMonths > MonthlyPartitionConfig.MAX_RETENTION_MONTHS)) {
                throw new IllegalArgumentException(at + ".retention-months " + retentionMonths + " is out of range: use 1 to "
                        + MonthlyPartitionConfig.MAX_RETENTION_MONTHS + ", or leave it out to keep every partition");
            }
            try {
                ZoneId.of(zone);
            } catch (DateTimeException | NullPointerException e) {
                throw new IllegalArgumentException(at + ".zone '" + zone + "' is unknown: use an IANA name such as "
                        + "UTC, Europe/Berlin or America/New_York");
            }
            try {
                CronExpression.parse(cron);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(at + ".cron '" + cron + "' is not a Spring cron expression of six fields "
                        + "(second minute hour day month weekday), e.g. \"0 0 3 * * *\" for 03:00 daily: " + e.getMessage());
            }
            check(at, this::toConfig);
        }

        private static void check(String property, Runnable check) {
            try {
                check.run();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
        }

        /** The partition configuration of this entry, validated by {@link MonthlyPartitionConfig}. */
        MonthlyPartitionConfig toConfig() {
            return MonthlyPartitionConfig.forTable(table).column(column).monthsAhead(monthsAhead)
                    .retentionMonths(retentionMonths).retentionMode(retentionMode).zone(zone).build();
        }
    }

    /** {@code indexkit.liquibase.*}. */
    public static class Liquibase {

        /**
         * Take Liquibase's changelog lock on PostgreSQL as a session-level advisory lock that ends with its
         * session, so a killed migration never leaves the next deploy waiting (indexkit's default), or
         * false for Liquibase's DATABASECHANGELOGLOCK row, e.g. while services without indexkit migrate the
         * same changelog tables. Not set: the Liquibase setting indexkit.sessionLock (a system property or
         * INDEXKIT_SESSION_LOCK), which defaults to true.
         */
        private Boolean sessionLock;

        /** Creates the defaults: the session lock as the Liquibase setting says. */
        public Liquibase() {
        }

        /**
         * Whether Spring's Liquibase runs take indexkit's session advisory lock.
         *
         * @return true or false when configured, null to leave it to the Liquibase setting
         */
        public Boolean getSessionLock() {
            return sessionLock;
        }

        /**
         * Sets whether Spring's Liquibase runs take indexkit's session advisory lock.
         *
         * @param sessionLock true for the advisory lock, false for Liquibase's row lock, null for the Liquibase setting
         */
        public void setSessionLock(Boolean sessionLock) {
            this.sessionLock = sessionLock;
        }
    }
}
