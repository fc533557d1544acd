package dev.indexkit.internal.partition;

import dev.indexkit.fixtures.UpdateSqlText;
import dev.indexkit.internal.liquibase.PrintedPlan;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.PartitionAction.Kind;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.RetentionMode;
import liquibase.statement.SqlStatement;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script a partition plan prints as ({@code partitions plan}, and through Liquibase {@code update-sql}),
 * without a database: creation steps in one transaction under {@code SET LOCAL lock_timeout}, each detach
 * or drop after it under the {@code lock_timeout} of its kind. Detach, drop, FINALIZE and DEFAULT steps come
 * from {@link PartitionPlanner} itself on a catalog snapshot built here (its catalog has no connection: those
 * paths never read it); monthly creates, which need the catalog, are built as the planner writes them.
 */
class PartitionScriptTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    /** "Today" for every plan here: June 2025, so three months ahead is up to September. */
    private static final Clock JUNE_15 = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void should_run_creation_steps_between_begin_and_commit_under_set_local_lock_timeout() {
        assertThat(script(List.of(create(YearMonth.of(2025, 10)), create(YearMonth.of(2025, 11))))).containsExactly(
                "BEGIN;",
                "SET LOCAL lock_timeout = '2s';",
                "-- create events_2025_10 for 2025-10 ['2025-10-01 00:00:00+00', '2025-11-01 00:00:00+00')",
                "CREATE TABLE \"app\".\"events_2025_10\" PARTITION OF \"app\".\"events\" FOR VALUES FROM "
                        + "('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00');",
                "-- create events_2025_11 for 2025-11 ['2025-11-01 00:00:00+00', '2025-12-01 00:00:00+00')",
                "CREATE TABLE \"app\".\"events_2025_11\" PARTITION OF \"app\".\"events\" FOR VALUES FROM "
                        + "('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00');",
                "COMMIT;");
    }

    @Test
    void should_lock_the_default_partition_inside_the_transaction_when_a_create_moves_its_rows() {
        String cols = "\"id\", \"created_at\", \"payload\"";
        PartitionAction moving = new PartitionAction(Kind.CREATE_PARTITION, "events_2025_10",
                "create events_2025_10 for 2025-10 ['2025-10-01 00:00:00+00', '2025-11-01 00:00:00+00'), moving its rows "
                        + "out of events_default (12 now)",
                List.of("LOCK TABLE \"app\".\"events_default\" IN ACCESS EXCLUSIVE MODE",
                        "CREATE TABLE \"app\".\"events_2025_10\" (LIKE \"app\".\"events\" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
                        "WITH moved AS (DELETE FROM \"app\".\"events_default\" WHERE \"created_at\" >= '2025-10-01 00:00:00+00' "
                                + "AND \"created_at\" < '2025-11-01 00:00:00+00' RETURNING " + cols + ") INSERT INTO "
                                + "\"app\".\"events_2025_10\" (" + cols + ") SELECT " + cols + " FROM moved",
                        "ALTER TABLE \"app\".\"events\" ATTACH PARTITION \"app\".\"events_2025_10\" FOR VALUES FROM "
                                + "('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00')"));
        assertThat(script(List.of(moving))).containsExactly(
                "BEGIN;",
                "SET LOCAL lock_timeout = '2s';",
                "-- create events_2025_10 for 2025-10 ['2025-10-01 00:00:00+00', '2025-11-01 00:00:00+00'), moving its rows "
                        + "out of events_default (12 now)",
                "LOCK TABLE \"app\".\"events_default\" IN ACCESS EXCLUSIVE MODE;",
                "CREATE TABLE \"app\".\"events_2025_10\" (LIKE \"app\".\"events\" INCLUDING DEFAULTS INCLUDING CONSTRAINTS);",
                "WITH moved AS (DELETE FROM \"app\".\"events_default\" WHERE \"created_at\" >= '2025-10-01 00:00:00+00' AND "
                        + "\"created_at\" < '2025-11-01 00:00:00+00' RETURNING \"id\", \"created_at\", \"payload\") INSERT INTO "
                        + "\"app\".\"events_2025_10\" (\"id\", \"created_at\", \"payload\") SELECT \"id\", \"created_at\", "
                        + "\"payload\" FROM moved;",
                "ALTER TABLE \"app\".\"events\" ATTACH PARTITION \"app\".\"events_2025_10\" FOR VALUES FROM "
                        + "('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00');",
                "COMMIT;");
    }

    @Test
    void should_create_a_missing_default_partition_in_the_transaction() throws SQLException {
        List<PartitionAction> plan = plan(config(true, null, RetentionMode.DETACH), table("events", months(1, 9), null));
        assertThat(plan).extracting(PartitionAction::kind).containsExactly(Kind.CREATE_DEFAULT_PARTITION);
        assertThat(script(plan)).containsExactly(
                "BEGIN;",
                "SET LOCAL lock_timeout = '2s';",
                "-- create DEFAULT partition events_default (rows outside every month land there instead of failing)",
                "CREATE TABLE \"app\".\"events_default\" PARTITION OF \"app\".\"events\" DEFAULT;",
                "COMMIT;");
    }

    @Test
    void should_run_a_plain_detach_and_a_drop_each_outside_the_transaction_under_the_short_lock_timeout() throws SQLException {
        List<PartitionAction> plan = plan(config(true, 4, RetentionMode.DROP), table("events", months(1, 9), "events_default"));
        assertThat(plan).extracting(PartitionAction::kind).containsExactly(Kind.DETACH_PARTITION, Kind.DROP_PARTITION);
        assertThat(script(plan)).containsExactly(
                "-- detach events_2025_01 (older than 2025-02)",
                "SET lock_timeout = '2s';",
                "ALTER TABLE \"app\".\"events\" DETACH PARTITION \"app\".\"events_2025_01\";",
                "RESET lock_timeout;",
                "-- drop events_2025_01",
                "SET lock_timeout = '2s';",
                "DROP TABLE \"app\".\"events_2025_01\";",
                "RESET lock_timeout;");
    }

    @Test
    void should_give_a_concurrent_detach_and_a_finalize_the_concurrent_lock_timeout() throws SQLException {
        List<PartitionedTable.Partition> partitions = Stream.concat(Stream.of(
                partition(YearMonth.of(2024, 12), false), partition(YearMonth.of(2025, 1), true)), months(2, 9).stream()).toList();
        List<PartitionAction> plan = plan(config(false, 4, RetentionMode.DETACH), table("events", partitions, null));
        assertThat(plan).extracting(PartitionAction::kind)
                .containsExactly(Kind.DETACH_PARTITION_CONCURRENTLY, Kind.DETACH_PARTITION_CONCURRENTLY);
        assertThat(script(plan)).containsExactly(
                "-- finish the interrupted detach of events_2025_01",
                "SET lock_timeout = '30min';",
                "ALTER TABLE \"app\".\"events\" DETACH PARTITION \"app\".\"events_2025_01\" FINALIZE;",
                "RESET lock_timeout;",
                "-- detach events_2024_12 (older than 2025-02) concurrently",
                "SET lock_timeout = '30min';",
                "ALTER TABLE \"app\".\"events\" DETACH PARTITION \"app\".\"events_2024_12\" CONCURRENTLY;",
                "RESET lock_timeout;");
    }

    @Test
    void should_list_and_commit_the_creation_steps_before_finishing_a_pending_detach() throws SQLException {
        List<PartitionedTable.Partition> partitions = Stream.concat(Stream.of(partition(YearMonth.of(2025, 1), true)),
                months(2, 9).stream()).toList();
        List<PartitionAction> plan = plan(config(true, null, RetentionMode.DETACH), table("events", partitions, null));
        assertThat(plan).extracting(PartitionAction::kind)
                .containsExactly(Kind.CREATE_DEFAULT_PARTITION, Kind.DETACH_PARTITION_CONCURRENTLY);
        List<String> expected = List.of(
                "BEGIN;",
                "SET LOCAL lock_timeout = '2s';",
                "-- create DEFAULT partition events_default (rows outside every month land there instead of failing)",
                "CREATE TABLE \"app\".\"events_default\" PARTITION OF \"app\".\"events\" DEFAULT;",
                "COMMIT;",
                "-- finish the interrupted detach of events_2025_01",
                "SET lock_timeout = '30min';",
                "ALTER TABLE \"app\".\"events\" DETACH PARTITION \"app\".\"events_2025_01\" FINALIZE;",
                "RESET lock_timeout;");
        assertThat(script(plan)).containsExactlyElementsOf(expected);
        // update-sql prints the same script, each comment prefixed with the change.
        assertThat(liquibase(PrintedPlan.partitions(plan, "ensureMonthlyPartitions app.events"))).containsExactlyElementsOf(
                expected.stream().map(line -> line.startsWith("-- ")
                        ? "-- ensureMonthlyPartitions app.events: " + line.substring(3) + ";" : line).toList());
    }

    @Test
    void should_print_up_to_date_nothing_to_run_for_an_empty_plan() throws SQLException {
        List<PartitionAction> plan = plan(config(true, null, RetentionMode.DETACH), table("events", months(1, 9), "events_default"));
        assertThat(plan).isEmpty();
        assertThat(script(plan)).isEmpty();
        assertThat(liquibase(PrintedPlan.partitions(plan, "ensureMonthlyPartitions app.events")))
                .containsExactly("-- ensureMonthlyPartitions app.events: up to date, nothing to run;");
    }

    @Test
    void should_keep_a_description_with_a_line_break_on_one_comment_line() throws SQLException {
        String hostile = "ev\nDROP TABLE victim; --";
        MonthlyPartitionConfig config = MonthlyPartitionConfig.forTable("app." + hostile).column("created_at").monthsAhead(0)
                .zone("UTC").clock(JUNE_15).build();
        List<PartitionAction> plan = plan(config, table(hostile, List.of(partition(hostile, YearMonth.of(2025, 6), false)), null));
        assertThat(script(plan)).containsExactly(
                "BEGIN;",
                "SET LOCAL lock_timeout = '2s';",
                "-- create DEFAULT partition ev DROP TABLE victim; --_default (rows outside every month land there instead of failing)",
                "CREATE TABLE \"app\".\"ev\nDROP TABLE victim; --_default\" PARTITION OF \"app\".\"ev\nDROP TABLE victim; --\" DEFAULT;",
                "COMMIT;");
    }

    /** Each line of the script as {@link PartitionScript.Line#render()} writes it. */
    private static List<String> script(List<PartitionAction> plan) {
        List<PartitionScript.Line> lines = PartitionScript.of(plan);
        assertThat(lines).allSatisfy(line -> assertThat(line.comment() ? line.render().startsWith("-- ") && !line.render()
                .contains("\n") : line.render().endsWith(";")).as(line.render()).isTrue());
        return lines.stream().map(PartitionScript.Line::render).toList();
    }

    private static List<String> liquibase(SqlStatement[] statements) {
        return UpdateSqlText.of(statements);
    }

    private static List<PartitionAction> plan(MonthlyPartitionConfig config, PartitionedTable table) throws SQLException {
        return new PartitionPlanner(config, PartitionFacts.NEW_TABLE).plan(table);
    }

    private static MonthlyPartitionConfig config(boolean useDefault, Integer retentionMonths, RetentionMode mode) {
        return MonthlyPartitionConfig.forTable("app.events").column("created_at").monthsAhead(3).retentionMonths(retentionMonths)
                .retentionMode(mode).zone("UTC").useDefaultPartition(useDefault).clock(JUNE_15).build();
    }

    /** A PostgreSQL 17 table partitioned by {@code created_at timestamptz}. */
    private static PartitionedTable table(String name, List<PartitionedTable.Partition> partitions, String defaultPartition) {
        return new PartitionedTable("app", name, "created_at", PartitionColumnType.TIMESTAMPTZ, List.of("id", "created_at", "payload"),
                partitions, Optional.ofNullable(defaultPartition), 170000);
    }

    /** Monthly partitions of "events" for 2025, months {@code first} to {@code last}. */
    private static List<PartitionedTable.Partition> months(int first, int last) {
        return Stream.iterate(YearMonth.of(2025, first), m -> !m.isAfter(YearMonth.of(2025, last)), m -> m.plusMonths(1))
                .map(m -> partition(m, false)).toList();
    }

    private static PartitionedTable.Partition partition(YearMonth month, boolean detachPending) {
        return partition("events", month, detachPending);
    }

    private static PartitionedTable.Partition partition(String table, YearMonth month, boolean detachPending) {
        return new PartitionedTable.Partition("app", PartitionPlanner.partitionName(table, month),
                PartitionColumnType.TIMESTAMPTZ.monthStart(month, UTC),
                PartitionColumnType.TIMESTAMPTZ.monthStart(month.plusMonths(1), UTC), detachPending);
    }

    /** A month's partition on a table without DEFAULT, as {@code PartitionPlanner} writes it. */
    private static PartitionAction create(YearMonth month) {
        String name = PartitionPlanner.partitionName("events", month);
        String from = PartitionColumnType.TIMESTAMPTZ.literal(month, UTC);
        String to = PartitionColumnType.TIMESTAMPTZ.literal(month.plusMonths(1), UTC);
        return new PartitionAction(Kind.CREATE_PARTITION, name, "create " + name + " for " + month + " [" + from + ", " + to + ")",
                List.of("CREATE TABLE \"app\".\"" + name + "\" PARTITION OF \"app\".\"events\" FOR VALUES FROM (" + from
                        + ") TO (" + to + ")"));
    }
}
