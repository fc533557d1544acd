package dev.indexkit.partition;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import dev.indexkit.internal.partition.PartitionColumnType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Month bounds at the instants where calendars break: the first minutes of a month, its last, a year
 * end, a leap day, and the DST changes of Berlin and New York, for every key type and zone. The
 * expected months come from the server's own calendar ({@code date_trunc} in the zone), never from
 * the java.time code under test. The pinned-clock cases run in every build; the real-clock case is
 * what the calendar leg of CI runs with the JVM and the embedded server on a faked clock.
 */
class CalendarInstantsTest {

    /** Instants that broke calendar code before; each one is pinned in the default build. */
    static final List<String> INSTANTS = List.of(
            "2027-02-01T00:05:00Z", "2027-02-01T06:00:00Z", "2027-04-30T23:55:00Z", "2027-12-31T23:50:00Z",
            "2028-02-29T12:00:00Z", "2027-03-28T00:59:30Z", "2027-10-31T00:55:00Z", "2027-03-14T06:55:00Z",
            "2027-11-07T05:55:00Z", "2027-01-15T12:00:00Z");
    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York");
    static final List<PartitionColumnType> TYPES = List.of(PartitionColumnType.values());
    private static final int MONTHS_AHEAD = 2;

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
    }

    static Stream<Arguments> everyInstantZoneAndType() {
        List<Arguments> out = new ArrayList<>();
        for (String instant : INSTANTS) {
            for (String zone : ZONES) {
                for (PartitionColumnType type : TYPES) {
                    out.add(Arguments.of(instant, zone, type));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in {1}, {2}")
    @MethodSource("everyInstantZoneAndType")
    void should_partition_the_months_of_the_zone_without_gap_or_overlap_and_keep_the_current_one(
            String instant, String zone, PartitionColumnType type) throws Exception {
        Instant now = Instant.parse(instant);
        try (Connection c = db.connect()) {
            String table = tableWithTwoPastMonths(c, type, zone, now);
            MonthlyPartitions.of(config(table, zone, Clock.fixed(now, ZoneOffset.UTC))).apply(c);
            assertThat(attachedBounds(c, table)).as("months kept at %s in %s", instant, zone)
                    .isEqualTo(expectedBounds(c, type, zone, now));
            assertThat(rowAtLandsInDefault(c, table, type, zone, now)).as("a row written at %s has its month", instant).isFalse();
        }
    }

    /**
     * The system clock, as a service runs it. In the calendar leg of CI the JVM and the embedded server
     * both run on libfaketime; {@code indexkit.calendar.instant} names the faked instant, and the probe
     * fails loudly if either clock did not move there.
     */
    @Test
    void should_keep_the_current_month_on_the_system_clock_in_every_zone_and_type() throws Exception {
        try (Connection c = db.connect()) {
            Instant jvm = Instant.now();
            Instant server = serverNow(c);
            System.out.println("calendar: JVM clock " + jvm + " (zone " + java.time.ZoneId.systemDefault() + "), server clock " + server);
            assertThat(Duration.between(jvm, server).abs()).as("JVM clock %s and server clock %s agree", jvm, server)
                    .isLessThan(Duration.ofSeconds(60));
            String faked = System.getProperty("indexkit.calendar.instant", "");
            if (!faked.isEmpty()) {
                Instant expected = Instant.parse(faked);
                assertThat(jvm).as("the faked clock reached the JVM").isBetween(expected, expected.plus(Duration.ofMinutes(15)));
                assertThat(server).as("the faked clock reached the embedded server").isBetween(expected, expected.plus(Duration.ofMinutes(15)));
            }
            for (String zone : ZONES) {
                for (PartitionColumnType type : TYPES) {
                    Instant before = serverNow(c);
                    String table = tableWithTwoPastMonths(c, type, zone, before);
                    MonthlyPartitions.of(config(table, zone, Clock.systemUTC())).apply(c);
                    Instant after = serverNow(c);
                    // A run may straddle a month boundary: the months of either end are right, a mix is not.
                    assertThat(attachedBounds(c, table)).as("months kept at %s in %s, %s", before, zone, type)
                            .isIn(expectedBounds(c, type, zone, before), expectedBounds(c, type, zone, after));
                    assertThat(rowAtLandsInDefault(c, table, type, zone, serverNow(c))).as("a row written now has its month").isFalse();
                }
            }
        }
    }

    private static MonthlyPartitionConfig config(String table, String zone, Clock clock) {
        return MonthlyPartitionConfig.forTable("public." + table).column("at").zone(zone).monthsAhead(MONTHS_AHEAD)
                .retentionMonths(1).clock(clock).build();
    }

    /**
     * A table keyed on {@code type} with the two months before {@code now} (in {@code zone}) already
     * partitioned by hand, as last month's runs left them: retention of one month must detach the
     * older and keep the other.
     */
    private static String tableWithTwoPastMonths(Connection c, PartitionColumnType type, String zone, Instant now) throws SQLException {
        String table = "cal_" + TABLES.incrementAndGet();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (at " + type.postgresName() + " NOT NULL) PARTITION BY RANGE (at)");
            for (int k = -2; k <= -1; k++) {
                st.execute("CREATE TABLE " + table + "_past" + (-k) + " PARTITION OF " + table + " FOR VALUES FROM ("
                        + monthStart(type, zone, now, k) + ") TO (" + monthStart(type, zone, now, k + 1) + ")");
            }
        }
        return table;
    }

    /** The bounds of the attached non-DEFAULT partitions, as the server prints them (in UTC), in order. */
    private static List<String> attachedBounds(Connection c, String table) throws SQLException {
        return inUtc(c, "SELECT pg_get_expr(k.relpartbound, k.oid) FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid "
                + "WHERE i.inhparent = '" + table + "'::regclass AND pg_get_expr(k.relpartbound, k.oid) <> 'DEFAULT' ORDER BY 1");
    }

    /**
     * The bounds the server's calendar gives for the months around {@code now} in {@code zone}: last
     * month (kept by a one-month retention), this one, and the premade ones.
     */
    private static List<String> expectedBounds(Connection c, PartitionColumnType type, String zone, Instant now) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (int k = -1; k <= MONTHS_AHEAD; k++) {
            sql.append(k == -1 ? "SELECT " : " UNION ALL SELECT ").append("format('FOR VALUES FROM (%L) TO (%L)', ")
                    .append(monthStart(type, zone, now, k)).append(", ").append(monthStart(type, zone, now, k + 1)).append(")");
        }
        return inUtc(c, sql.append(" ORDER BY 1").toString());
    }

    /**
     * The start of the k-th month from the month of {@code now} in {@code zone}, typed as the key, by
     * the server's calendar. Instants and zones are this test's own constants.
     */
    private static String monthStart(PartitionColumnType type, String zone, Instant now, int k) {
        String local = "(date_trunc('month', timestamptz '" + now + "' AT TIME ZONE '" + zone + "') + make_interval(months => " + k + "))";
        return switch (type) {
            case TIMESTAMPTZ -> "(" + local + " AT TIME ZONE '" + zone + "')";
            case TIMESTAMP -> local;
            case DATE -> local + "::date";
        };
    }

    /** A row whose key is {@code now} as the column stores it lands in DEFAULT only if its month is missing. */
    private static boolean rowAtLandsInDefault(Connection c, String table, PartitionColumnType type, String zone, Instant now) throws SQLException {
        String local = "(timestamptz '" + now + "' AT TIME ZONE '" + zone + "')";
        String value = switch (type) {
            case TIMESTAMPTZ -> "timestamptz '" + now + "'";
            case TIMESTAMP -> local;
            case DATE -> local + "::date";
        };
        return inUtc(c, "INSERT INTO " + table + " (at) VALUES (" + value + ") RETURNING tableoid::regclass::text").get(0).endsWith("_default");
    }

    private static Instant serverNow(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT extract(epoch FROM clock_timestamp())")) {
            rs.next();
            return Instant.ofEpochMilli((long) (rs.getDouble(1) * 1000));
        }
    }

    /** Runs a query with the session in UTC, so timestamptz values print the same whatever the JVM's zone. */
    private static List<String> inUtc(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            st.execute("RESET TimeZone");
        }
        return out;
    }
}
