package dev.indexkit.partition;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.EnsureMonthlyPartitionsChange;
import dev.indexkit.liquibase.Pack;
import liquibase.Scope;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fastnext pack's runAlways changeset: the Liquibase entry point of the partition helper. */
class EnsureMonthlyPartitionsChangeTest {

    /** Five minutes before a year ends: "now" is pinned through the Liquibase scope, not read after the fact. */
    private static final Instant TODAY = Instant.parse("2027-12-31T23:55:00Z");

    private static void update(Connection c, String... parameter) throws Exception {
        ChangelogRunner runner = new ChangelogRunner(c);
        if (parameter.length == 2) {
            runner.parameter(parameter[0], parameter[1]);
        }
        Scope.child(Map.of(EnsureMonthlyPartitionsChange.CLOCK_SCOPE_KEY, Clock.fixed(TODAY, ZoneOffset.UTC)),
                () -> runner.update(Pack.FASTNEXT.changelog()));
    }

    @Test
    void should_create_the_months_on_every_update_keep_its_checksum_and_move_default_rows() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            update(c);
        }
        YearMonth now = YearMonth.from(TODAY.atZone(ZoneOffset.UTC));
        String current = "activity_logs_" + now.toString().replace('-', '_');
        String last = "activity_logs_" + now.plusMonths(3).toString().replace('-', '_');
        assertThat(db.column("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'public.activity_logs'::regclass ORDER BY 1"))
                .contains(current, last, "activity_logs_default").hasSize(5);
        // The partitioned index reached the new partitions.
        assertThat(db.scalar("SELECT count(*) FROM pg_inherits h JOIN pg_index i ON i.indexrelid = h.inhrelid "
                + "WHERE h.inhparent = 'public.idx_activity_logs_user_timestamp'::regclass AND i.indrelid = 'public." + last + "'::regclass"))
                .isEqualTo("1");

        // A row for a month that has no partition yet waits in DEFAULT; a deploy with a longer horizon moves it.
        String far = now.plusMonths(5) + "-15 12:00:00+00";
        db.execute("INSERT INTO activity_logs (user_id, action, \"timestamp\") VALUES (7, 'login', '" + far + "')");
        assertThat(db.scalar("SELECT count(*) FROM activity_logs_default")).isEqualTo("1");
        try (Connection c = db.connect()) {
            update(c, "indexkit.fastnext.monthsAhead", "6");
        }
        assertThat(db.scalar("SELECT count(*) FROM activity_logs_default")).isEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM activity_logs WHERE user_id = 7")).isEqualTo("1");
        assertThat(db.column("SELECT count(*) FROM databasechangelog WHERE id = 'fastnext-partitions-activity_logs'"))
                .containsExactly("1");
    }
}
