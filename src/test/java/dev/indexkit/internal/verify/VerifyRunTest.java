package dev.indexkit.internal.verify;

import dev.indexkit.liquibase.Pack;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The side-by-side loads must not swallow a session that fails: the caller sees its SQLException. */
class VerifyRunTest {

    @Test
    void should_throw_the_failure_of_a_load_session_and_report_no_load_as_done() {
        AtomicInteger reported = new AtomicInteger();
        assertThatThrownBy(() -> VerifyRun.seedAll(() -> {
            throw new SQLException("connection refused: no server on port 1", "08001");
        }, List.of(Pack.MINA, Pack.GROVE), 1, (pack, ms) -> reported.incrementAndGet()))
                .isInstanceOf(SQLException.class).hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        assertThat(reported).as("no pack said loaded").hasValue(0);
    }

    @Test
    void should_load_on_one_session_per_core_and_never_more_than_one_per_pack() {
        assertThat(VerifyRun.loadSessions(1)).isEqualTo(1);
        assertThat(VerifyRun.loadSessions(0)).as("at least one").isEqualTo(1);
        assertThat(VerifyRun.loadSessions(1000)).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
