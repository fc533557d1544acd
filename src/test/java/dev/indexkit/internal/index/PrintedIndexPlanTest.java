package dev.indexkit.internal.index;

import dev.indexkit.fixtures.UpdateSqlText;
import dev.indexkit.internal.liquibase.PrintedPlan;
import dev.indexkit.internal.sql.NewTable;
import liquibase.statement.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code update-sql} prints for every kind of index plan, without a database: the plan is built
 * as the planner builds it (the SQL from {@link IndexSql} and {@link IndexPlanner#drop}), handed to
 * {@link PrintedPlan#index}, written out by Liquibase's own {@link LoggingExecutor} (the blank lines it
 * puts between statements left out), and compared line by line with the expected script.
 */
class PrintedIndexPlanTest {

    private static final IndexDefinition ORDERS = new IndexDefinition("app", "orders", "orders_customer_ix",
            IndexMethod.BTREE, false, List.of(IndexKey.column("customer_id"), new IndexKey("created_at", null, true, null)),
            List.of(), null);
    private static final String ORDERS_BUILD = "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"orders_customer_ix\" "
            + "ON \"app\".\"orders\" USING btree (\"customer_id\", \"created_at\" DESC);";
    private static final IndexDefinition EVENTS = new IndexDefinition("app", "events", "events_created_ix",
            IndexMethod.BTREE, false, List.of(IndexKey.column("created_at")), List.of(), null);

    @Test
    void should_print_a_plain_concurrent_build_on_pg17_under_the_concurrent_timeout_and_the_client_check() {
        assertThat(render(PrintedPlan.index(plan(BuildOutcome.BUILT, null, build(ORDERS, "build the index")),
                Timeouts.DEFAULTS, 17, "ensureIndex orders_customer_ix"))).containsExactly(
                "-- ensureIndex orders_customer_ix: build the index (writers pass while it waits);",
                "SET lock_timeout = '30min';",
                "SET statement_timeout = '0';",
                "SET client_connection_check_interval = '1s';",
                ORDERS_BUILD,
                "RESET lock_timeout;",
                "RESET statement_timeout;",
                "RESET client_connection_check_interval;");
    }

    @Test
    void should_leave_out_client_connection_check_interval_on_pg13() {
        assertThat(render(PrintedPlan.index(plan(BuildOutcome.BUILT, null, build(ORDERS, "build the index")),
                Timeouts.DEFAULTS, 13, "ensureIndex orders_customer_ix"))).containsExactly(
                "-- ensureIndex orders_customer_ix: build the index (writers pass while it waits);",
                "SET lock_timeout = '30min';",
                "SET statement_timeout = '0';",
                ORDERS_BUILD,
                "RESET lock_timeout;",
                "RESET statement_timeout;");
    }

    @Test
    void should_print_a_partitioned_build_as_only_parent_then_build_and_attach_per_partition() {
        IndexPlan plan = plan(BuildOutcome.BUILT, null, onlyParent(EVENTS),
                build(child(EVENTS, "events_2025_01"), "partition events_2025_01's index"), attach(EVENTS, "events_2025_01"),
                build(child(EVENTS, "events_2025_02"), "partition events_2025_02's index"), attach(EVENTS, "events_2025_02"));
        List<String> expected = new ArrayList<>(step("ensureIndex events_created_ix: the parent's index, catalog only "
                        + "(SHARE on \"app\".\"events\")" + RETRIES_5, "2s",
                "CREATE INDEX IF NOT EXISTS \"events_created_ix\" ON ONLY \"app\".\"events\" USING btree (\"created_at\");"));
        for (String partition : List.of("events_2025_01", "events_2025_02")) {
            expected.addAll(step("ensureIndex events_created_ix: partition " + partition + "'s index" + WRITERS_PASS, "30min",
                    "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"events_created_ix_" + partition + "\" ON \"app\".\""
                            + partition + "\" USING btree (\"created_at\");"));
            expected.addAll(step("ensureIndex events_created_ix: " + ATTACH_REASON + RETRIES_5, "2s",
                    "ALTER INDEX \"app\".\"events_created_ix\" ATTACH PARTITION \"app\".\"events_created_ix_" + partition + "\";"));
        }
        assertThat(render(PrintedPlan.index(plan, Timeouts.DEFAULTS, 17, "ensureIndex events_created_ix")))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void should_print_only_the_missing_partition_when_resuming_a_partitioned_build() {
        IndexPlan plan = plan(BuildOutcome.REPAIRED, RESUME_NOTE,
                build(child(EVENTS, "events_2025_02"), "partition events_2025_02's index"), attach(EVENTS, "events_2025_02"));
        List<String> expected = new ArrayList<>(List.of("-- ensureIndex events_created_ix: " + RESUME_NOTE + ";"));
        expected.addAll(step("ensureIndex events_created_ix: partition events_2025_02's index" + WRITERS_PASS, "30min",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"events_created_ix_events_2025_02\" ON \"app\".\"events_2025_02\" "
                        + "USING btree (\"created_at\");"));
        expected.addAll(step("ensureIndex events_created_ix: " + ATTACH_REASON + RETRIES_5, "2s",
                "ALTER INDEX \"app\".\"events_created_ix\" ATTACH PARTITION \"app\".\"events_created_ix_events_2025_02\";"));
        assertThat(render(PrintedPlan.index(plan, Timeouts.DEFAULTS, 17, "ensureIndex events_created_ix")))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void should_print_the_repair_of_an_invalid_leftover_as_a_concurrent_drop_then_the_rebuild() {
        String reason = "INVALID, left by an earlier failed build (CREATE INDEX orders_customer_ix ON app.orders "
                + "USING btree (customer_id, created_at DESC)): drop it and rebuild";
        IndexPlan plan = plan(BuildOutcome.REPAIRED, null, IndexPlanner.drop("app", "orders_customer_ix", true, false, reason),
                build(ORDERS, "build the index"));
        List<String> expected = new ArrayList<>(step("ensureIndex orders_customer_ix: " + reason + WRITERS_PASS, "30min",
                "DROP INDEX CONCURRENTLY IF EXISTS \"app\".\"orders_customer_ix\";"));
        expected.addAll(step("ensureIndex orders_customer_ix: build the index" + WRITERS_PASS, "30min", ORDERS_BUILD));
        assertThat(render(PrintedPlan.index(plan, Timeouts.DEFAULTS, 17, "ensureIndex orders_customer_ix")))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void should_drop_a_plain_index_concurrently_and_a_partitioned_one_without_concurrently() {
        IndexPlan plain = plan(BuildOutcome.DROPPED, null, IndexPlanner.drop("app", "orders_customer_ix", true, false, "drop the index"));
        assertThat(render(PrintedPlan.index(plain, Timeouts.DEFAULTS, 17, "dropIndexSafely orders_customer_ix")))
                .containsExactlyElementsOf(step("dropIndexSafely orders_customer_ix: drop the index" + WRITERS_PASS, "30min",
                        "DROP INDEX CONCURRENTLY IF EXISTS \"app\".\"orders_customer_ix\";"));

        IndexPlan partitioned = plan(BuildOutcome.DROPPED, null, IndexPlanner.drop("app", "events_created_ix", true, true, "drop the index"));
        assertThat(render(PrintedPlan.index(partitioned, Timeouts.DEFAULTS, 17, "dropIndexSafely events_created_ix")))
                .containsExactlyElementsOf(step("dropIndexSafely events_created_ix: drop the index" + RETRIES_5, "2s",
                        "DROP INDEX IF EXISTS \"app\".\"events_created_ix\";"));
    }

    @Test
    void should_say_nothing_to_run_for_a_plan_without_steps() {
        assertThat(render(PrintedPlan.index(plan(BuildOutcome.ALREADY_PRESENT, null), Timeouts.DEFAULTS, 17,
                "ensureIndex orders_customer_ix"))).containsExactly(
                "-- ensureIndex orders_customer_ix: already present and valid, left as is, nothing to run;");
        assertThat(render(PrintedPlan.index(plan(BuildOutcome.ABSENT, null), Timeouts.DEFAULTS, 17,
                "dropIndexSafely orders_customer_ix"))).containsExactly(
                "-- dropIndexSafely orders_customer_ix: not present, nothing to drop, nothing to run;");
    }

    @Test
    void should_print_the_note_of_a_plan_before_its_steps() {
        List<String> expected = new ArrayList<>(List.of("-- ensureIndex orders_customer_ix: table \"app\".\"orders\" does "
                + "not exist now and no earlier changeset of this update creates it: this is the plan for a new plain table; "
                + "update plans against the table as it is when the change runs;"));
        expected.addAll(step("ensureIndex orders_customer_ix: build the index" + WRITERS_PASS, "30min", ORDERS_BUILD));
        assertThat(render(PrintedPlan.index(PostgresIndexBuilder.planForNewTable(ORDERS, true, java.util.Optional.empty()), Timeouts.DEFAULTS, 17,
                "ensureIndex orders_customer_ix"))).containsExactlyElementsOf(expected);
    }

    @Test
    void should_print_the_partitioned_plan_for_a_table_an_earlier_changeset_creates_partitioned() {
        NewTable shape = dev.indexkit.internal.sql.NewTable.read("changeset schema-1",
                "CREATE TABLE app.events (created_at date) PARTITION BY RANGE (created_at);"
                        + "CREATE TABLE app.events_default PARTITION OF app.events DEFAULT", "app", "events", Optional.empty()).orElseThrow();
        IndexPlan plan = PostgresIndexBuilder.planForNewTable(EVENTS, true, Optional.of(shape));
        assertThat(plan.steps()).extracting(DdlStep::sql).containsExactly(
                IndexSql.createPostgres(EVENTS, false, true),
                IndexSql.createPostgres(child(EVENTS, "events_default"), true, false),
                "ALTER INDEX \"app\".\"events_created_ix\" ATTACH PARTITION \"app\".\"events_created_ix_events_default\"");
        assertThat(plan.note()).contains("changeset schema-1 earlier in this update creates it as a new partitioned table "
                + "with partition events_default");
        assertThat(PostgresIndexBuilder.planForNewTable(EVENTS, false, Optional.of(shape)).steps()).extracting(DdlStep::sql)
                .as("without CONCURRENTLY, one CREATE INDEX on the parent reaches every partition")
                .containsExactly(IndexSql.createPostgres(EVENTS, false, false));
    }

    @Test
    void should_print_a_step_of_several_statements_between_begin_and_commit_under_its_settings() {
        DdlStep swap = DdlStep.oneTransaction(List.of("ALTER INDEX \"app\".\"ix\" RENAME TO \"ix_indexkit_old\"",
                "ALTER INDEX \"app\".\"ix_indexkit_new\" RENAME TO \"ix\""), LockClass.BLOCKS_WRITERS, "swap the names");
        assertThat(swap.statements()).hasSize(2);
        assertThat(render(PrintedPlan.index(plan(BuildOutcome.REPLACED, null, swap), Timeouts.DEFAULTS, 13, "ensureIndex ix")))
                .containsExactly(
                        "-- ensureIndex ix: swap the names" + RETRIES_5 + ";",
                        "SET lock_timeout = '2s';",
                        "SET statement_timeout = '0';",
                        "BEGIN;",
                        "ALTER INDEX \"app\".\"ix\" RENAME TO \"ix_indexkit_old\";",
                        "ALTER INDEX \"app\".\"ix_indexkit_new\" RENAME TO \"ix\";",
                        "COMMIT;",
                        "RESET lock_timeout;",
                        "RESET statement_timeout;");
    }

    @Test
    void should_print_custom_timeouts_and_retries_in_the_set_lines_of_each_lock_class() {
        IndexPlan plan = plan(BuildOutcome.BUILT, null, onlyParent(EVENTS),
                build(child(EVENTS, "events_2025_01"), "partition events_2025_01's index"));
        assertThat(render(PrintedPlan.index(plan, new Timeouts("5s", "10min", 3, "1h"), 17, "ensureIndex events_created_ix")))
                .containsExactly(
                        "-- ensureIndex events_created_ix: the parent's index, catalog only (SHARE on \"app\".\"events\") "
                                + "(blocks writers while it waits and while it runs: indexkit retries it up to 3 times after a lock timeout);",
                        "SET lock_timeout = '5s';",
                        "SET statement_timeout = '10min';",
                        "SET client_connection_check_interval = '1s';",
                        "CREATE INDEX IF NOT EXISTS \"events_created_ix\" ON ONLY \"app\".\"events\" USING btree (\"created_at\");",
                        "RESET lock_timeout;",
                        "RESET statement_timeout;",
                        "RESET client_connection_check_interval;",
                        "-- ensureIndex events_created_ix: partition events_2025_01's index (writers pass while it waits);",
                        "SET lock_timeout = '1h';",
                        "SET statement_timeout = '10min';",
                        "SET client_connection_check_interval = '1s';",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"events_created_ix_events_2025_01\" ON \"app\".\"events_2025_01\" "
                                + "USING btree (\"created_at\");",
                        "RESET lock_timeout;",
                        "RESET statement_timeout;",
                        "RESET client_connection_check_interval;");
    }

    @Test
    void should_keep_a_comment_with_line_breaks_on_one_line_so_no_sql_line_can_be_smuggled_in() {
        String reason = "INVALID, left by an earlier failed build (CREATE INDEX x ON t (c)\nDROP TABLE app.victim; --\r\n): "
                + "drop it and rebuild";
        IndexPlan plan = new IndexPlan(List.of(IndexPlanner.drop("app", "x", true, false, reason)), BuildOutcome.REPAIRED,
                "t", "a note\rDROP TABLE app.victim");
        assertThat(render(PrintedPlan.index(plan, Timeouts.DEFAULTS, 13, "ensureIndex x\u2028y"))).containsExactly(
                "-- ensureIndex x y: a note DROP TABLE app.victim;",
                "-- ensureIndex x y: INVALID, left by an earlier failed build (CREATE INDEX x ON t (c) DROP TABLE app.victim; -- ): "
                        + "drop it and rebuild (writers pass while it waits);",
                "SET lock_timeout = '30min';",
                "SET statement_timeout = '0';",
                "DROP INDEX CONCURRENTLY IF EXISTS \"app\".\"x\";",
                "RESET lock_timeout;",
                "RESET statement_timeout;");
    }

    private static final String RETRIES_5 = " (blocks writers while it waits and while it runs: indexkit retries it up to 5 times after a lock timeout)";
    private static final String WRITERS_PASS = " (writers pass while it waits)";
    private static final String ATTACH_REASON = "attach it (ACCESS EXCLUSIVE on the new partition index only)";
    private static final String RESUME_NOTE = "resumes a build on a partitioned table that stopped half-way: only the missing partitions";

    /** The printed lines of one step on PostgreSQL 14+ with the default statement timeout. */
    private static List<String> step(String comment, String lockTimeout, String sql) {
        return List.of("-- " + comment + ";", "SET lock_timeout = '" + lockTimeout + "';", "SET statement_timeout = '0';",
                "SET client_connection_check_interval = '1s';", sql, "RESET lock_timeout;", "RESET statement_timeout;",
                "RESET client_connection_check_interval;");
    }

    private static IndexPlan plan(BuildOutcome outcome, String note, DdlStep... steps) {
        return new IndexPlan(List.of(steps), outcome, "orders", note);
    }

    /** A concurrent build, as {@code IndexPlanner} makes it: it leaves its index INVALID when it fails. */
    private static DdlStep build(IndexDefinition index, String reason) {
        return new DdlStep(IndexSql.createPostgres(index, true, false), LockClass.CONCURRENT, reason, index.schema(), index.name());
    }

    private static DdlStep onlyParent(IndexDefinition index) {
        return DdlStep.leavingNothing(IndexSql.createPostgres(index, false, true), LockClass.BLOCKS_WRITERS,
                "the parent's index, catalog only (SHARE on " + index.qualifiedTable() + ")");
    }

    /** The index of one partition, named as the planner names it. */
    private static IndexDefinition child(IndexDefinition parent, String partition) {
        return new IndexDefinition(parent.schema(), partition, IndexPlanner.childIndexName(parent.name(), partition),
                parent.method(), parent.unique(), parent.keys(), parent.include(), parent.where());
    }

    private static DdlStep attach(IndexDefinition parent, String partition) {
        return DdlStep.leavingNothing("ALTER INDEX " + parent.qualifiedName() + " ATTACH PARTITION "
                + child(parent, partition).qualifiedName(), LockClass.BLOCKS_WRITERS, ATTACH_REASON);
    }

    /** The statements as Liquibase's update-sql writes them; every line is SQL or an SQL comment. */
    private static List<String> render(SqlStatement[] statements) {
        List<String> lines = UpdateSqlText.of(statements);
        assertThat(lines).allSatisfy(line -> assertThat(line.startsWith("-- ") || line.endsWith(";")).as(line).isTrue());
        return lines;
    }
}
