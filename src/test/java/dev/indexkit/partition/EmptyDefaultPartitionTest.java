package dev.indexkit.partition;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan tells an empty DEFAULT partition from the catalog (no block on disk) and asks DEFAULT
 * itself only when it may hold rows. Whether DEFAULT was read is seen through a role that may read
 * the parent's catalog but not DEFAULT: reading DEFAULT fails for it with permission denied.
 */
class EmptyDefaultPartitionTest {

    private static final String ROLE = "ik_no_default_reader";
    private TestDatabase db;

    @BeforeEach
    void table() {
        db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE logs (id bigint, ts timestamptz NOT NULL, payload text) PARTITION BY RANGE (ts)",
                "CREATE TABLE logs_2024_01 PARTITION OF logs FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00')",
                "DO $$ BEGIN CREATE ROLE " + ROLE + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    private static MonthlyPartitions partitions() {
        return MonthlyPartitions.of(MonthlyPartitionConfig.forTable("public.logs").column("ts").monthsAhead(1)
                .clock(MonthlyPartitionsTest.at("2024-04-10T00:00:00Z")).build());
    }

    private List<PartitionAction> planAsRoleThatCannotReadDefault() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET ROLE " + ROLE);
            return partitions().plan(c);
        }
    }

    private List<PartitionAction> plan() throws Exception {
        try (Connection c = db.connect()) {
            return partitions().plan(c);
        }
    }

    @Test
    void should_plan_plain_creations_without_reading_a_default_that_never_held_a_row() throws Exception {
        db.execute("CREATE TABLE logs_default PARTITION OF logs DEFAULT");

        List<PartitionAction> plan = planAsRoleThatCannotReadDefault();

        assertThat(plan).extracting(PartitionAction::partition).containsExactly("logs_2024_04", "logs_2024_05");
        assertThat(plan).allSatisfy(a -> assertThat(a.sql()).singleElement().asString().startsWith("CREATE TABLE")
                .contains("PARTITION OF"));
    }

    @Test
    void should_read_default_once_it_has_blocks_and_plan_from_its_rows_not_from_its_size() throws Exception {
        db.execute("CREATE TABLE logs_default PARTITION OF logs DEFAULT",
                "INSERT INTO logs VALUES (1, '2024-02-15 00:00:00+00', 'gap')");
        assertThatThrownBy(this::planAsRoleThatCannotReadDefault).hasMessageContaining("permission denied")
                .hasMessageContaining("logs_default");
        assertThat(plan()).extracting(PartitionAction::partition)
                .as("February's row waits in DEFAULT: the gap is filled").containsExactly("logs_2024_02", "logs_2024_04", "logs_2024_05");

        // Deleted, the row leaves its block behind (until a vacuum truncates it): DEFAULT is read, found
        // empty, and the plan is the plain one again.
        db.execute("DELETE FROM logs_default");
        assertThat(db.scalar("SELECT pg_relation_size('logs_default') > 0")).isEqualTo("t");
        List<PartitionAction> plan = plan();
        assertThat(plan).extracting(PartitionAction::partition).containsExactly("logs_2024_04", "logs_2024_05");
        assertThat(plan).allSatisfy(a -> assertThat(a.sql()).singleElement().asString().contains("PARTITION OF"));
    }

    @Test
    void should_find_rows_in_a_default_that_is_itself_partitioned_and_has_no_block_of_its_own() throws Exception {
        db.execute("CREATE TABLE logs_default PARTITION OF logs DEFAULT PARTITION BY LIST (payload)",
                "CREATE TABLE logs_default_any PARTITION OF logs_default DEFAULT",
                "INSERT INTO logs VALUES (1, '2024-02-15 00:00:00+00', 'gap')");
        assertThat(db.scalar("SELECT pg_relation_size('logs_default')")).isEqualTo("0");

        try (Connection c = db.connect()) {
            partitions().apply(c);
        }

        assertThat(db.scalar("SELECT count(*) FROM logs_2024_02")).isEqualTo("1");
        assertThat(db.scalar("SELECT count(*) FROM logs_default")).isEqualTo("0");
    }
}
