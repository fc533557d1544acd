package dev.indexkit.partition;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.partition.PartitionPlanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad input names the object and the fix, and changes nothing. */
class PartitionBadInputTest {

    private static TestDatabase db;

    @BeforeAll
    static void tables() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE plain (id bigint, ts timestamptz)",
                "CREATE TABLE by_list (id bigint, region text) PARTITION BY LIST (region)",
                "CREATE TABLE by_int (id bigint, n integer) PARTITION BY RANGE (n)",
                "CREATE TABLE by_two (a timestamptz, b timestamptz) PARTITION BY RANGE (a, b)",
                "CREATE TABLE events (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE (ts)",
                "CREATE TABLE events_mid PARTITION OF events FOR VALUES FROM ('2024-01-15 00:00+00') TO ('2024-02-15 00:00+00')",
                "CREATE TABLE \"Weird \"\"Name\"\"; x\" (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE (ts)");
    }

    private static Exception applyFails(MonthlyPartitionConfig config) throws Exception {
        try (Connection c = db.connect()) {
            MonthlyPartitions.of(config).apply(c);
        } catch (PartitionException e) {
            return e;
        }
        throw new AssertionError("apply should have failed");
    }

    private static MonthlyPartitionConfig.Builder config(String table, String column) {
        return MonthlyPartitionConfig.forTable(table).column(column).clock(MonthlyPartitionsTest.at("2024-02-10T00:00:00Z"));
    }

    @Test
    void should_refuse_a_new_months_name_taken_by_a_table_that_is_not_its_partition_and_create_nothing() throws Exception {
        db.execute("CREATE TABLE clash (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE (ts)",
                // The second of the three new months' names is taken; the names are looked up together.
                "CREATE TABLE clash_2024_03 (id bigint)");
        Exception e = applyFails(config("public.clash", "ts").monthsAhead(2).build());
        assertThat(e).hasMessageContaining("\"public\".\"clash_2024_03\" already exists but is not a partition of")
                .hasMessageContaining("for 2024-03");
        assertThat(db.scalar("SELECT count(*) FROM pg_inherits WHERE inhparent = 'clash'::regclass")).isEqualTo("0");
    }

    @Test
    void should_name_a_time_zone_mismatch_as_such_not_as_hand_made() {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE berlin (id bigint, ts timestamptz NOT NULL) PARTITION BY RANGE (ts)",
                // Made by indexkit with --zone Europe/Berlin: the month starts at midnight in Berlin.
                "CREATE TABLE berlin_2024_02 PARTITION OF berlin FOR VALUES FROM ('2024-02-01 00:00:00+01') TO ('2024-03-01 00:00:00+01')");
        MonthlyPartitionConfig utc = MonthlyPartitionConfig.forTable("public.berlin").column("ts").monthsAhead(0)
                .clock(MonthlyPartitionsTest.at("2024-02-10T00:00:00Z")).build();
        assertThatThrownBy(() -> {
            try (java.sql.Connection c = db.connect()) {
                MonthlyPartitions.of(utc).plan(c);
            }
        }).hasMessageContaining("starts at midnight UTC+01:00, not in UTC").hasMessageContaining("another time zone")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("by hand"));
    }

    @Test
    void should_fail_when_the_table_does_not_exist() throws Exception {
        assertThat(applyFails(config("public.nope", "ts").build()))
                .hasMessageContaining("Table \"public\".\"nope\" does not exist");
    }

    @Test
    void should_fail_when_the_table_is_not_partitioned() throws Exception {
        assertThat(applyFails(config("public.plain", "ts").build()))
                .hasMessageContaining("\"public\".\"plain\" is not partitioned").hasMessageContaining("PartitionConverter");
    }

    @Test
    void should_fail_when_partitioned_by_list_or_two_columns() throws Exception {
        assertThat(applyFails(config("public.by_list", "region").build())).hasMessageContaining("partitioned by LIST");
        assertThat(applyFails(config("public.by_two", "a").build())).hasMessageContaining("RANGE on 2 columns");
    }

    @Test
    void should_fail_when_the_column_is_not_the_key_or_not_a_time_type() throws Exception {
        assertThat(applyFails(config("public.events", "created_at").build()))
                .hasMessageContaining("partitioned by \"ts\", not by \"created_at\"").hasMessageContaining("--column ts");
        assertThat(applyFails(config("public.by_int", "n").build()))
                .hasMessageContaining("\"n\" of \"public\".\"by_int\" is integer").hasMessageContaining("timestamptz, timestamp or date");
    }

    @Test
    void should_fail_on_a_hand_made_partition_that_overlaps_a_month_and_create_nothing() throws Exception {
        assertThat(applyFails(config("public.events", "ts").monthsAhead(0).build()))
                .hasMessageContaining("\"public\".\"events_mid\"").hasMessageContaining("overlaps 2024-02");
        assertThat(db.column("SELECT relname FROM pg_class WHERE relname LIKE 'events%' ORDER BY 1")).containsExactly("events", "events_mid");
    }

    @Test
    void should_quote_hostile_names_and_create_their_partitions() throws Exception {
        try (Connection c = db.connect()) {
            MonthlyPartitions.of(config("public.Weird \"Name\"; x", "ts").monthsAhead(0).useDefaultPartition(false).build()).apply(c);
        }
        assertThat(db.column("SELECT relname FROM pg_class WHERE relname LIKE 'Weird%' ORDER BY 1"))
                .containsExactly("Weird \"Name\"; x", "Weird \"Name\"; x_2024_02");
        assertThat(db.scalar("SELECT to_regclass('public.plain')")).isEqualTo("plain");
    }

    @Test
    void should_reject_bad_configuration_before_touching_the_database() {
        assertThatThrownBy(() -> config("public.events", "ts").monthsAhead(-1).build())
                .hasMessageContaining("months ahead -1 is out of range: use 0 to 120");
        assertThatThrownBy(() -> config("public.events", "ts").monthsAhead(10_000).build())
                .hasMessageContaining("months ahead 10000");
        assertThatThrownBy(() -> config("public.events", "ts").retentionMonths(0).build())
                .hasMessageContaining("retention 0 months is out of range");
        assertThatThrownBy(() -> config("public.events", "ts").zone("Mars/Olympus"))
                .hasMessageContaining("time zone 'Mars/Olympus' is unknown");
        assertThatThrownBy(() -> config("a.b.c", "ts")).hasMessageContaining("more than one dot");
        assertThatThrownBy(() -> config("public." + "t".repeat(70), "ts").build()).hasMessageContaining("70 bytes");
        assertThatThrownBy(() -> MonthlyPartitionConfig.forTable("public.events").build())
                .hasMessageContaining("partition column is missing");
    }

    @Test
    void should_keep_partition_names_of_long_tables_within_63_bytes_and_distinct() {
        String a = PartitionPlanner.partitionName("a".repeat(60) + "_one", java.time.YearMonth.of(2024, 1));
        String b = PartitionPlanner.partitionName("a".repeat(60) + "_two", java.time.YearMonth.of(2024, 1));
        assertThat(a).hasSizeLessThanOrEqualTo(63).endsWith("_2024_01").isNotEqualTo(b);
        assertThat(b).hasSizeLessThanOrEqualTo(63).endsWith("_2024_01");
    }
}
