package dev.indexkit.internal.partition;

import dev.indexkit.internal.sql.Identifiers;
import dev.indexkit.internal.sql.NewTable;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.PartitionException;
import dev.indexkit.partition.RetentionMode;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a config and the catalog's view of a table into the steps that bring it up to date. */
public final class PartitionPlanner {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'_'yyyy'_'MM");
    /** DETACH PARTITION ... CONCURRENTLY arrived in PostgreSQL 14. */
    private static final int DETACH_CONCURRENTLY_SINCE = 140000;

    private final MonthlyPartitionConfig config;
    private final PartitionFacts catalog;

    public PartitionPlanner(MonthlyPartitionConfig config, PartitionFacts catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    public List<PartitionAction> plan(PartitionedTable table) throws SQLException {
        // In the order they run: the creations commit together first, so new months are there even
        // when a detach after them has to wait or fails.
        List<PartitionAction> actions = new ArrayList<>();
        YearMonth current = YearMonth.from(LocalDate.now(config.clock().withZone(config.zone())));
        // Gap fill: a past month after the oldest partition whose rows wait in DEFAULT (maintenance did
        // not run in time) gets its partition and its rows, unless retention would retire it at once.
        Optional<Long> oldest = table.partitions().stream().map(PartitionedTable.Partition::from)
                .filter(java.util.Objects::nonNull).min(Long::compare);
        // An empty DEFAULT the catalog already vouches for is not asked (one query fewer per no-op run).
        List<YearMonth> waiting = table.defaultPartition().isPresent() && table.defaultMayHoldRows()
                ? catalog.defaultMonths(table, config.zone()) : List.of();
        boolean defaultHasRows = !waiting.isEmpty();
        List<YearMonth> missing = new ArrayList<>();
        if (oldest.isPresent()) {
            YearMonth firstKept = config.retentionMonths().map(current::minusMonths).orElse(YearMonth.of(1, 1));
            for (YearMonth month : waiting) {
                if (month.isBefore(current) && !month.isBefore(firstKept)
                        && table.columnType().monthStart(month, config.zone()) > oldest.get() && isMissing(table, month)) {
                    missing.add(month);
                }
            }
        }
        for (int i = 0; i <= config.monthsAhead(); i++) {
            YearMonth month = current.plusMonths(i);
            if (isMissing(table, month)) {
                missing.add(month);
            }
        }
        // One catalog query for every new partition's name, not one per month.
        Set<String> taken = missing.isEmpty() ? Set.of() : catalog.existingRelations(table.schema(),
                missing.stream().map(month -> partitionName(table.name(), month)).toList());
        for (YearMonth month : missing) {
            actions.add(createMonth(table, month, defaultHasRows, taken));
        }
        if (config.useDefaultPartition() && table.defaultPartition().isEmpty()) {
            actions.add(createDefault(table));
        }
        actions.addAll(finishInterruptedDetaches(table));
        config.retentionMonths().ifPresent(keep -> actions.addAll(retire(table, current.minusMonths(keep))));
        return actions;
    }

    /**
     * The plan for a table an earlier changeset of the same update creates ({@code shape}), as the run
     * will make it: the table empty, with the partitions created with it. Refused when that cannot be
     * known from the changeset (not partitioned by RANGE on the configured column of a known type, or
     * created with bounded partitions).
     */
    public static List<PartitionAction> planForNewTable(MonthlyPartitionConfig config, NewTable shape, int serverVersion)
            throws SQLException {
        if (!shape.partitioned() || !config.column().equals(shape.keyColumn()) || shape.keyType() == null) {
            String as = !shape.partitioned() ? "a plain table"
                    : shape.keyColumn() == null ? "a table partitioned other than by RANGE on one column"
                    : "a table partitioned by " + Identifiers.quote(shape.keyColumn())
                    + (shape.keyType() == null ? " of a type not written in it" : "");
            throw new PartitionException(shape.createdBy() + " creates " + config.qualifiedTable() + " as " + as
                    + ", not RANGE-partitioned by " + Identifiers.quote(config.column()));
        }
        if (shape.boundedPartitions()) {
            throw new PartitionException(shape.createdBy() + " creates partitions with bounds for " + config.qualifiedTable());
        }
        PartitionColumnType type = PartitionColumnType.ofPostgres(shape.keyType()).orElseThrow();
        PartitionedTable table = new PartitionedTable(config.schema(), config.table(), config.column(), type, List.of(),
                List.of(), Optional.ofNullable(shape.defaultPartition()), serverVersion);
        return new PartitionPlanner(config, PartitionFacts.NEW_TABLE).plan(table);
    }

    /**
     * The months a table converted just now gets, planned before the conversion runs: the table as it
     * is right after the swap, partitioned with one partition, {@code history} for [{@code first},
     * {@code end}), and no DEFAULT yet. So the conversion's plan holds every statement it runs.
     */
    public static List<PartitionAction> planAfterConversion(MonthlyPartitionConfig config, PartitionFacts catalog,
                                                            PartitionColumnType type, String history, YearMonth first,
                                                            YearMonth end, int serverVersion) throws SQLException {
        PartitionedTable.Partition only = new PartitionedTable.Partition(config.schema(), history,
                type.monthStart(first, config.zone()), type.monthStart(end, config.zone()), false);
        PartitionedTable table = new PartitionedTable(config.schema(), config.table(), config.column(), type, List.of(),
                List.of(only), Optional.empty(), serverVersion);
        return new PartitionPlanner(config, catalog).plan(table);
    }

    /**
     * The UTC offset at which a timestamptz bound (epoch microseconds) is the midnight starting a month,
     * if it is one: how partitions made in another zone are told from hand-made ones.
     */
    static Optional<ZoneOffset> monthStartOffset(Long micros) {
        if (micros == null) {
            return Optional.empty();
        }
        java.time.Instant instant = java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L));
        for (int quarters = -14 * 4; quarters <= 14 * 4; quarters++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarters * 15 * 60);
            java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(instant, offset);
            if (local.getDayOfMonth() == 1 && local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) && micros % 1_000_000L == 0) {
                return Optional.of(offset);
            }
        }
        return Optional.empty();
    }

    public static String partitionName(String table, YearMonth month) {
        return Identifiers.withSuffix(table, month.format(SUFFIX));
    }

    /**
     * Whether the month still needs a partition: no partition holds all of it. A partition that holds
     * only part of it (hand-made, or cut in another zone) is refused here, before anything runs.
     */
    private boolean isMissing(PartitionedTable table, YearMonth month) {
        PartitionColumnType type = table.columnType();
        long lo = type.monthStart(month, config.zone());
        long hi = type.monthStart(month.plusMonths(1), config.zone());
        if (table.partitions().stream().anyMatch(p -> p.covers(lo, hi))) {
            return false;
        }
        List<PartitionedTable.Partition> overlapping = table.partitions().stream().filter(p -> p.overlaps(lo, hi)).toList();
        if (!overlapping.isEmpty()) {
            String names = overlapping.stream().map(p -> Identifiers.qualified(p.schema(), p.name())).collect(Collectors.joining(", "));
            Optional<ZoneOffset> otherZone = type == PartitionColumnType.TIMESTAMPTZ
                    ? overlapping.stream().map(p -> monthStartOffset(p.from())).flatMap(Optional::stream).findFirst() : Optional.empty();
            if (otherZone.isPresent()) {
                String at = "UTC" + (otherZone.get().getTotalSeconds() == 0 ? "" : otherZone.get().getId());
                throw new PartitionException("Partition " + names + " of " + config.qualifiedTable() + " holds a calendar month "
                        + "that starts at midnight " + at + ", not in " + config.zone() + ": the partitions were made with "
                        + "another time zone. Run with the zone they were made in (--zone, timeZone or "
                        + "MonthlyPartitionConfig.zone): one at " + at + " then.");
            }
            throw new PartitionException("Partition " + names + " of " + config.qualifiedTable() + " overlaps " + month
                    + " (in " + config.zone() + ") without holding the whole month; it was probably made by hand. "
                    + "Detach or re-create it with month bounds, or keep managing this table by hand.");
        }
        return true;
    }

    /** The step that creates a missing month; {@code taken}: the names among the new ones that exist already. */
    private PartitionAction createMonth(PartitionedTable table, YearMonth month, boolean defaultHasRows, Set<String> taken)
            throws SQLException {
        PartitionColumnType type = table.columnType();
        String name = partitionName(table.name(), month);
        if (taken.contains(name)) {
            throw new PartitionException("A table named " + Identifiers.qualified(table.schema(), name)
                    + " already exists but is not a partition of " + config.qualifiedTable()
                    + ": rename or drop it, or attach it for " + month + " by hand");
        }
        String from = type.literal(month, config.zone());
        String to = type.literal(month.plusMonths(1), config.zone());
        String parent = config.qualifiedTable();
        String child = Identifiers.qualified(table.schema(), name);
        if (!defaultHasRows) {
            // No DEFAULT partition, or an empty one: nothing to move. PostgreSQL checks an empty DEFAULT
            // at once; a row that reaches it after the plan fails the transaction with 23514, and apply
            // plans once more and moves it.
            return new PartitionAction(PartitionAction.Kind.CREATE_PARTITION, name,
                    "create " + name + " for " + month + " [" + from + ", " + to + ")",
                    List.of("CREATE TABLE " + child + " PARTITION OF " + parent + " FOR VALUES FROM (" + from + ") TO (" + to + ")"));
        }
        // DEFAULT holds rows (for this month or another): PostgreSQL refuses a new partition while
        // DEFAULT holds rows for its range, and checking it would hold ACCESS EXCLUSIVE on the parent
        // while it scans. Lock DEFAULT first so no such row arrives meanwhile, move the month's rows
        // into a new standalone table, then attach it (SHARE UPDATE EXCLUSIVE on the parent): one
        // transaction, every row exactly once. Generated columns
        // stay generated (INCLUDING GENERATED) and are left out of the copy, which computes them.
        String defaultTable = Identifiers.qualified(table.schema(), table.defaultPartition().get());
        String columns = table.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String key = Identifiers.quote(table.column());
        long waiting = catalog.defaultRowsBetween(table, from, to);
        return new PartitionAction(PartitionAction.Kind.CREATE_PARTITION, name,
                "create " + name + " for " + month + " [" + from + ", " + to + "), moving its rows out of "
                        + table.defaultPartition().get() + " (" + waiting + " now)",
                List.of("LOCK TABLE " + defaultTable + " IN ACCESS EXCLUSIVE MODE",
                        "CREATE TABLE " + child + " (LIKE " + parent + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)",
                        "WITH moved AS (DELETE FROM " + defaultTable + " WHERE " + key + " >= " + from + " AND " + key + " < " + to
                                + " RETURNING " + columns + ") INSERT INTO " + child + " (" + columns + ") SELECT " + columns + " FROM moved",
                        "ALTER TABLE " + parent + " ATTACH PARTITION " + child + " FOR VALUES FROM (" + from + ") TO (" + to + ")"));
    }

    private PartitionAction createDefault(PartitionedTable table) {
        String name = Identifiers.withSuffix(table.name(), "_default");
        return new PartitionAction(PartitionAction.Kind.CREATE_DEFAULT_PARTITION, name,
                "create DEFAULT partition " + name + " (rows outside every month land there instead of failing)",
                List.of("CREATE TABLE " + Identifiers.qualified(table.schema(), name) + " PARTITION OF "
                        + config.qualifiedTable() + " DEFAULT"));
    }

    /**
     * A concurrent detach that was interrupted (its session killed) leaves the partition "pending
     * detach": still attached, and every later DETACH of it fails. FINALIZE completes it, rows intact.
     */
    private List<PartitionAction> finishInterruptedDetaches(PartitionedTable table) {
        List<PartitionAction> out = new ArrayList<>();
        for (PartitionedTable.Partition p : table.partitions()) {
            if (p.detachPending()) {
                out.add(new PartitionAction(PartitionAction.Kind.DETACH_PARTITION_CONCURRENTLY, p.name(),
                        "finish the interrupted detach of " + p.name(),
                        List.of("ALTER TABLE " + config.qualifiedTable() + " DETACH PARTITION "
                                + Identifiers.qualified(p.schema(), p.name()) + " FINALIZE")));
                dropWhenRetentionDrops(p).ifPresent(out::add);
            }
        }
        return out;
    }

    /** After its detach, a retired partition is dropped too when the retention mode says so. */
    private Optional<PartitionAction> dropWhenRetentionDrops(PartitionedTable.Partition p) {
        if (config.retentionMode() != RetentionMode.DROP) {
            return Optional.empty();
        }
        return Optional.of(new PartitionAction(PartitionAction.Kind.DROP_PARTITION, p.name(), "drop " + p.name(),
                List.of("DROP TABLE " + Identifiers.qualified(p.schema(), p.name()))));
    }

    /** Partitions that end on or before the first kept month; the current month is never among them. */
    private List<PartitionAction> retire(PartitionedTable table, YearMonth firstKept) {
        long cutoff = table.columnType().monthStart(firstKept, config.zone());
        // PostgreSQL refuses a concurrent detach while a DEFAULT partition exists, including one this
        // same plan creates a few steps earlier.
        boolean defaultAfterPlan = table.defaultPartition().isPresent() || config.useDefaultPartition();
        boolean concurrently = table.serverVersion() >= DETACH_CONCURRENTLY_SINCE && !defaultAfterPlan;
        List<PartitionAction> out = new ArrayList<>();
        for (PartitionedTable.Partition p : table.partitions()) {
            if (p.to() == null || p.to() > cutoff || p.detachPending()) {
                continue;
            }
            String child = Identifiers.qualified(p.schema(), p.name());
            out.add(new PartitionAction(concurrently ? PartitionAction.Kind.DETACH_PARTITION_CONCURRENTLY
                    : PartitionAction.Kind.DETACH_PARTITION, p.name(),
                    "detach " + p.name() + " (older than " + firstKept + ")" + (concurrently ? " concurrently" : ""),
                    List.of("ALTER TABLE " + config.qualifiedTable() + " DETACH PARTITION " + child + (concurrently ? " CONCURRENTLY" : ""))));
            dropWhenRetentionDrops(p).ifPresent(out::add);
        }
        return out;
    }
}
