package dev.indexkit.reliability;

import dev.indexkit.cli.Main;
import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.liquibase.ChangelogRunner;
import dev.indexkit.liquibase.EnsureMonthlyPartitionsChange;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.PartitionConverter;
import liquibase.Scope;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversion while the application writes, across the end of a month: from the moment the bounds
 * check is added until the swap commits, PostgreSQL checks every new row against it, so rows stamped
 * just after midnight on the 1st must be inside it. A writer stamps its rows on the 30th until it sees
 * the check, then after midnight, as when the month ends during the validation; none may fail, and
 * some must have been written while the check was there (else the test proved nothing). Through the
 * Java API, the Liquibase change and the CLI.
 */
class ConversionWritersTest {

    /** Two seconds before a month ends: the conversion starts in June and its writers are in July. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2024-06-30T23:59:58Z");
    private static final String BEFORE = "timestamptz '2024-06-30 23:59:59+00'";
    private static final String[] AFTER = {"timestamptz '2024-07-01 00:00:01+00'", "timestamptz '2024-07-01 00:05:00+00'"};

    @Test
    void should_not_refuse_a_writer_when_the_month_ends_during_a_java_api_conversion() throws Exception {
        TestDatabase db = visits("timestamptz '2024-01-01 00:00:00+00'");
        Writes writes = whileWriting(db, BEFORE, AFTER, () -> {
            try (Connection c = db.connect()) {
                new PartitionConverter(MonthlyPartitionConfig.forTable("visits").column("created_at").monthsAhead(2)
                        .clock(Clock.fixed(BEFORE_MIDNIGHT, ZoneOffset.UTC)).build()).convert(c);
            }
        });
        assertConvertedKeepingEveryWrite(db, writes);
        assertThat(db.scalar("SELECT count(*) FROM visits_history WHERE created_at >= '2024-07-01 00:00:00+00'"))
                .as("July rows written during the conversion stay in the history, which reaches August")
                .isNotEqualTo("0");
        assertThat(db.column("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'visits'::regclass ORDER BY 1"))
                .containsExactly("visits_2024_08", "visits_default", "visits_history");
    }

    @Test
    void should_not_refuse_a_writer_when_the_month_ends_during_a_liquibase_conversion() throws Exception {
        TestDatabase db = visits("timestamptz '2024-01-01 00:00:00+00'");
        Writes writes = whileWriting(db, BEFORE, AFTER, () -> {
            try (Connection c = db.connect()) {
                Scope.child(Map.of(EnsureMonthlyPartitionsChange.CLOCK_SCOPE_KEY, Clock.fixed(BEFORE_MIDNIGHT, ZoneOffset.UTC)),
                        () -> new ChangelogRunner(c).update("changelogs/visits-convert.yaml"));
            }
        });
        assertConvertedKeepingEveryWrite(db, writes);
        // Run again (as after a deploy whose record was lost): the table is partitioned, nothing to convert.
        try (Connection c = db.connect()) {
            Scope.child(Map.of(EnsureMonthlyPartitionsChange.CLOCK_SCOPE_KEY, Clock.fixed(BEFORE_MIDNIGHT, ZoneOffset.UTC)),
                    () -> new ChangelogRunner(c).update("changelogs/visits-convert.yaml"));
        }
        assertThat(db.scalar("SELECT count(*) FROM databasechangelog WHERE id = 'visits-convert'")).isEqualTo("1");
    }

    /** The CLI reads the real clock: its writer stamps rows now, then one month on, the rows a rollover brings. */
    @Test
    void should_not_refuse_a_writer_stamping_next_month_during_a_cli_conversion() throws Exception {
        TestDatabase db = visits("now() - interval '150 days'");
        Writes writes = whileWriting(db, "now()", new String[]{"now() + interval '1 month'"}, () -> {
            int exit = Main.commandLine().execute("partitions", "convert", "--url", db.url(), "--user", db.user(),
                    "--password", db.password(), "--table", "public.visits", "--column", "created_at", "--months-ahead", "2");
            assertThat(exit).isZero();
        });
        assertConvertedKeepingEveryWrite(db, writes);
    }

    private static void assertConvertedKeepingEveryWrite(TestDatabase db, Writes writes) {
        assertThat(writes.failures).as("writes refused during the conversion").isEmpty();
        assertThat(writes.whileChecked).as("writes made while the bounds check was in place").isPositive();
        assertThat(db.scalar("SELECT relkind FROM pg_class WHERE relname = 'visits'")).isEqualTo("p");
        assertThat(db.scalar("SELECT count(*) FROM visits WHERE note = 'writer'")).isEqualTo(String.valueOf(writes.committed));
        assertThat(db.scalar("SELECT count(*) FROM pg_constraint WHERE conname = 'visits_indexkit_bounds'")).isEqualTo("0");
    }

    /** A plain table with enough rows (about 180 days from {@code start}) that validating the check takes a while. */
    private static TestDatabase visits(String start) {
        TestDatabase db = TestPostgres.freshDatabase();
        db.execute("CREATE TABLE visits (id bigint GENERATED BY DEFAULT AS IDENTITY, created_at timestamptz NOT NULL, note text)",
                "INSERT INTO visits (created_at, note) SELECT " + start + " + g * interval '10 seconds', 'seed' "
                        + "FROM generate_series(1, 1500000) g",
                "ANALYZE visits");
        return db;
    }

    private record Writes(int committed, int whileChecked, List<String> failures) {
    }

    @FunctionalInterface
    private interface Conversion {
        void run() throws Exception;
    }

    /**
     * Runs {@code conversion} while one writer inserts rows stamped {@code before} until it has seen the
     * bounds check, then {@code after} in turn; counts what happened.
     */
    private static Writes whileWriting(TestDatabase db, String before, String[] after, Conversion conversion) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        int[] committed = {0};
        int[] whileChecked = {0};
        List<String> failures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try (Connection c = db.connect()) {
                for (int i = 0; running.get(); i++) {
                    // The check's presence as this insert saw it: visible between its ADD and the swap.
                    String stamp = whileChecked[0] == 0 ? before : after[i % after.length];
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO visits (created_at, note) VALUES ("
                            + stamp + ", 'writer') RETURNING (SELECT count(*) FROM pg_constraint "
                            + "WHERE conname = 'visits_indexkit_bounds')"); ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        committed[0]++;
                        whileChecked[0] += rs.getInt(1) > 0 ? 1 : 0;
                    } catch (SQLException e) {
                        failures.add(e.getMessage());
                    }
                }
            } catch (SQLException e) {
                failures.add(e.getMessage());
            }
        }, "writer");
        writer.start();
        try {
            Thread.sleep(200);
            conversion.run();
            Thread.sleep(200);
        } finally {
            running.set(false);
            writer.join(30_000);
        }
        return new Writes(committed[0], whileChecked[0], List.copyOf(failures));
    }
}
