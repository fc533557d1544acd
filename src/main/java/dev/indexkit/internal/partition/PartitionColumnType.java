package dev.indexkit.internal.partition;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * The column types a monthly range partition can be keyed on, and how a month start is written for
 * each. Bounds are compared in one domain: epoch microseconds of the instant for timestamptz, of the
 * wall-clock time read as UTC for timestamp and date (which have no zone).
 */
public enum PartitionColumnType {
    TIMESTAMPTZ("timestamp with time zone"),
    TIMESTAMP("timestamp without time zone"),
    DATE("date");

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String postgresName;

    PartitionColumnType(String postgresName) {
        this.postgresName = postgresName;
    }

    public String postgresName() {
        return postgresName;
    }

    public static Optional<PartitionColumnType> ofPostgres(String formatType) {
        return Arrays.stream(values()).filter(t -> t.postgresName.equals(formatType)).findFirst();
    }

    /** The month start in the comparison domain. */
    long monthStart(YearMonth month, ZoneId zone) {
        LocalDateTime start = month.atDay(1).atStartOfDay();
        return this == TIMESTAMPTZ ? micros(start.atZone(zone).toInstant().getEpochSecond())
                : micros(start.toEpochSecond(ZoneOffset.UTC));
    }

    /**
     * The SQL literal of a month start. For timestamptz it carries its UTC offset, so it means the
     * same instant whatever the session's TimeZone; these literals are made from java.time values,
     * never from user text.
     */
    public String literal(YearMonth month, ZoneId zone) {
        LocalDateTime start = month.atDay(1).atStartOfDay();
        return switch (this) {
            case TIMESTAMPTZ -> "'" + start.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC)
                    .format(LOCAL) + "+00'";
            case TIMESTAMP -> "'" + start.format(LOCAL) + "'";
            case DATE -> "'" + month.atDay(1) + "'";
        };
    }

    /** SQL that turns a bound's text (from pg_get_expr) into the comparison domain, in microseconds. */
    String boundToMicrosSql(String textExpression) {
        return switch (this) {
            case TIMESTAMPTZ -> "(extract(epoch from (" + textExpression + ")::timestamptz) * 1000000)::bigint";
            case TIMESTAMP -> "(extract(epoch from (" + textExpression + ")::timestamp) * 1000000)::bigint";
            case DATE -> "(extract(epoch from (" + textExpression + ")::date::timestamp) * 1000000)::bigint";
        };
    }

    private static long micros(long epochSecond) {
        return epochSecond * 1_000_000L;
    }
}
