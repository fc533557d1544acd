package dev.indexkit.liquibase;

import dev.indexkit.internal.index.IndexDefinition;
import dev.indexkit.internal.index.IndexKey;
import dev.indexkit.internal.index.IndexMethod;
import dev.indexkit.internal.index.IndexSql;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.index.Timeouts;
import dev.indexkit.internal.liquibase.PrintedPlan;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CommentStatement;
import liquibase.statement.core.RawSqlStatement;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What update-sql prints for a plan, without a database: the statements in order, comments kept to one line. */
class PrintedPlanTest {

    /** A legal quoted identifier with a line break: inside the DDL it is quoted, inside a comment it would end it. */
    private static final IndexDefinition HOSTILE = new IndexDefinition("public", "items",
            "ix\nDROP TABLE victim; --", IndexMethod.BTREE, false, List.of(new IndexKey("code", null, false, null)),
            List.of(), null);

    @Test
    void should_print_each_step_under_the_settings_of_its_lock_class_with_comments_on_one_line() {
        SqlStatement[] printed = PrintedPlan.index(PostgresIndexBuilder.planForNewTable(HOSTILE, true, java.util.Optional.empty()), Timeouts.DEFAULTS,
                16, "ensureIndex " + HOSTILE.name());

        assertThat(Arrays.stream(printed).filter(CommentStatement.class::isInstance).map(s -> ((CommentStatement) s).getText()))
                .as("comments").isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain("\n", "\r"));
        assertThat(Arrays.stream(printed).filter(RawSqlStatement.class::isInstance).map(s -> ((RawSqlStatement) s).getSql()))
                .containsExactly("SET lock_timeout = '30min'", "SET statement_timeout = '0'",
                        "SET client_connection_check_interval = '1s'", IndexSql.createPostgres(HOSTILE, true, false),
                        "RESET lock_timeout", "RESET statement_timeout", "RESET client_connection_check_interval");
    }

    @Test
    void should_leave_out_the_client_check_setting_for_servers_before_14() {
        SqlStatement[] printed = PrintedPlan.index(PostgresIndexBuilder.planForNewTable(HOSTILE, false, java.util.Optional.empty()), Timeouts.DEFAULTS,
                13, "ensureIndex x");
        assertThat(Arrays.stream(printed).filter(RawSqlStatement.class::isInstance).map(s -> ((RawSqlStatement) s).getSql()))
                .containsExactly("SET lock_timeout = '2s'", "SET statement_timeout = '0'",
                        IndexSql.createPostgres(HOSTILE, false, false), "RESET lock_timeout", "RESET statement_timeout");
    }
}
