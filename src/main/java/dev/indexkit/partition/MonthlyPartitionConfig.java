package dev.indexkit.partition;

import dev.indexkit.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What to keep for one monthly range-partitioned table. Immutable; the builder validates every value
 * up front and names the bad one.
 *
 * @param schema           schema of the partitioned table; null for the connection's current schema
 *                         (as {@code ensureIndex} does), resolved when a plan is made
 * @param table            partitioned table
 * @param column           its partition key column (timestamptz, timestamp or date)
 * @param monthsAhead      months after the current one that must have a partition (premake)
 * @param retentionMonths  months to keep before the current one; empty keeps everything
 * @param retentionMode    what to do with partitions past retention
 * @param zone             the time zone whose calendar defines a month
 * @param useDefaultPartition create a DEFAULT partition when there is none
 * @param clock            "today"; fixed in tests
 */
public record MonthlyPartitionConfig(String schema, String table, String column, int monthsAhead,
                                     Optional<Integer> retentionMonths, RetentionMode retentionMode, ZoneId zone,
                                     boolean useDefaultPartition, Clock clock) {

    /** Upper bound of {@code monthsAhead}: ten years of partitions. */
    public static final int MAX_MONTHS_AHEAD = 120;
    /** Upper bound of {@code retentionMonths}: a hundred years. */
    public static final int MAX_RETENTION_MONTHS = 1200;

    /**
     * Validates every value; a null {@code retentionMode} becomes {@link RetentionMode#DETACH} and a null
     * {@code clock} the system UTC clock.
     *
     * @param schema           schema of the partitioned table; null for the connection's current schema
     * @param table            partitioned table
     * @param column           its partition key column (timestamptz, timestamp or date)
     * @param monthsAhead      0 to {@link #MAX_MONTHS_AHEAD}
     * @param retentionMonths  1 to {@link #MAX_RETENTION_MONTHS}, or empty to keep everything
     * @param retentionMode    what to do with partitions past retention; null means detach
     * @param zone             the time zone whose calendar defines a month; required
     * @param useDefaultPartition create a DEFAULT partition when there is none
     * @param clock            "today"; null means the system UTC clock
     * @throws IllegalArgumentException naming the bad value: a name that is not a valid identifier,
     *         months out of range, or no time zone
     */
    public MonthlyPartitionConfig {
        if (schema != null) {
            Identifiers.requireValid(schema, "schema");
        }
        Identifiers.requireValid(table, "table");
        Identifiers.requireValid(column, "partition column");
        if (monthsAhead < 0 || monthsAhead > MAX_MONTHS_AHEAD) {
            throw new IllegalArgumentException("months ahead " + monthsAhead + " is out of range: use 0 to "
                    + MAX_MONTHS_AHEAD + " (how many future months get a partition before they start)");
        }
        retentionMonths.ifPresent(r -> {
            if (r < 1 || r > MAX_RETENTION_MONTHS) {
                throw new IllegalArgumentException("retention " + r + " months is out of range: use 1 to "
                        + MAX_RETENTION_MONTHS + ", or no retention to keep every partition");
            }
        });
        if (retentionMode == null) {
            retentionMode = RetentionMode.DETACH;
        }
        if (zone == null) {
            throw new IllegalArgumentException("time zone is missing: give one such as UTC or Europe/Berlin");
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    /**
     * The table as SQL names it.
     *
     * @return {@code "schema"."table"}, quoted, or only {@code "table"} when no schema was given
     */
    public String qualifiedTable() {
        return Identifiers.qualified(schema, table);
    }

    /**
     * This configuration with the connection's current schema when none was given.
     *
     * @param connection the connection whose {@code current_schema()} is used
     * @return this configuration when it has a schema, else a copy in the current schema
     * @throws SQLException when the connection fails
     * @throws PartitionException when the connection has no current schema
     */
    public MonthlyPartitionConfig withCurrentSchema(Connection connection) throws SQLException {
        if (schema != null) {
            return this;
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            String current = rs.getString(1);
            if (current == null) {
                throw new PartitionException("Table " + Identifiers.quote(table) + " has no schema and the connection has no "
                        + "current schema (its search_path names none that exists): give schema.table");
            }
            return inSchema(current);
        }
    }

    /**
     * This configuration for the table in {@code schema}.
     *
     * @param schema the schema, or null for the connection's current one
     * @return a copy with every other value unchanged
     */
    public MonthlyPartitionConfig inSchema(String schema) {
        return new MonthlyPartitionConfig(schema, table, column, monthsAhead, retentionMonths, retentionMode, zone,
                useDefaultPartition, clock);
    }

    /**
     * Starts a configuration: 3 months ahead, no retention, detach, UTC, a DEFAULT partition, the system
     * clock; only {@link Builder#column} must be given.
     *
     * @param qualifiedTable {@code schema.table}, or {@code table} for the connection's current schema;
     *                       names are taken as written, not parsed as SQL
     * @return a builder
     * @throws IllegalArgumentException when the name is missing or has more than one dot
     */
    public static Builder forTable(String qualifiedTable) {
        return new Builder(qualifiedTable);
    }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private final String schema;
        private final String table;
        private String column;
        private int monthsAhead = 3;
        private Integer retentionMonths;
        private RetentionMode retentionMode = RetentionMode.DETACH;
        private ZoneId zone = ZoneId.of("UTC");
        private boolean useDefaultPartition = true;
        private Clock clock = Clock.systemUTC();

        private Builder(String qualifiedTable) {
            if (qualifiedTable == null || qualifiedTable.isBlank()) {
                throw new IllegalArgumentException("table is missing: give schema.table, e.g. public.activity_logs");
            }
            int dot = qualifiedTable.indexOf('.');
            if (dot < 0) {
                this.schema = null;
                this.table = qualifiedTable;
            } else if (qualifiedTable.indexOf('.', dot + 1) >= 0) {
                throw new IllegalArgumentException("table '" + qualifiedTable
                        + "' has more than one dot: give schema.table (names are taken as written, not parsed as SQL)");
            } else {
                this.schema = qualifiedTable.substring(0, dot);
                this.table = qualifiedTable.substring(dot + 1);
            }
        }

        /**
         * The partition key column; required.
         *
         * @param column a timestamptz, timestamp or date column
         * @return this builder
         */
        public Builder column(String column) {
            this.column = column;
            return this;
        }

        /**
         * Months after the current one that must have a partition; default 3.
         *
         * @param months 0 to {@link #MAX_MONTHS_AHEAD}
         * @return this builder
         */
        public Builder monthsAhead(int months) {
            this.monthsAhead = months;
            return this;
        }

        /**
         * Months to keep before the current one; older partitions are retired by the retention mode.
         *
         * @param months 1 to {@link #MAX_RETENTION_MONTHS}, or null (the default) to keep every partition
         * @return this builder
         */
        public Builder retentionMonths(Integer months) {
            this.retentionMonths = months;
            return this;
        }

        /**
         * What happens to partitions past retention; default {@link RetentionMode#DETACH}.
         *
         * @param mode detach or drop; null means detach
         * @return this builder
         */
        public Builder retentionMode(RetentionMode mode) {
            this.retentionMode = mode;
            return this;
        }

        /**
         * The time zone whose calendar defines a month; default UTC.
         *
         * @param zoneId an IANA name such as {@code Europe/Berlin}
         * @return this builder
         * @throws IllegalArgumentException when the zone is unknown or null
         */
        public Builder zone(String zoneId) {
            try {
                this.zone = ZoneId.of(zoneId);
            } catch (DateTimeException | NullPointerException e) {
                throw new IllegalArgumentException("time zone '" + zoneId + "' is unknown: use an IANA name such as "
                        + "UTC, Europe/Berlin or America/New_York");
            }
            return this;
        }

        /**
         * Whether a DEFAULT partition is created when there is none, so rows outside every month land
         * there instead of failing; default true.
         *
         * @param use false to leave the table without one
         * @return this builder
         */
        public Builder useDefaultPartition(boolean use) {
            this.useDefaultPartition = use;
            return this;
        }

        /**
         * The clock that says which month is current; default the system UTC clock.
         *
         * @param clock a fixed clock in tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The validated configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first bad or missing value
         */
        public MonthlyPartitionConfig build() {
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("partition column is missing for " + schema + "." + table
                        + ": give the timestamptz, timestamp or date column the table is partitioned by");
            }
            return new MonthlyPartitionConfig(schema, table, column, monthsAhead, Optional.ofNullable(retentionMonths),
                    retentionMode, zone, useDefaultPartition, clock);
        }
    }
}
