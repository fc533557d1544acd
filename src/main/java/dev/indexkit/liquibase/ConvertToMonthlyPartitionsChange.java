package dev.indexkit.liquibase;

import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.PartitionConverter;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code convertToMonthlyPartitions}: turns a populated plain table into a monthly RANGE-partitioned
 * one without copying a row ({@link PartitionConverter}: its rows become the {@code <table>_history}
 * partition), then keeps its partitions as {@code ensureMonthlyPartitions} does. On a table that is
 * already partitioned it only tops the partitions up, so a changeset whose conversion committed but
 * was not recorded runs again safely. The same properties as {@link EnsureMonthlyPartitionsChange}.
 *
 * <p>No automatic rollback: undoing the conversion would copy every row back into a plain table. A
 * changeset that accepts keeping the partitioned table says so with {@code rollback: empty}.
 */
@DatabaseChange(name = "convertToMonthlyPartitions", priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "table",
        description = "Converts a plain table into a monthly RANGE-partitioned one (its rows become the history "
                + "partition, no copy), then creates the next months and a DEFAULT partition")
public class ConvertToMonthlyPartitionsChange extends EnsureMonthlyPartitionsChange {

    @Override
    String changeName() {
        return "convertToMonthlyPartitions";
    }

    @Override
    boolean convertsPlainTable() {
        return true;
    }

    /** Null: Liquibase then refuses a rollback the changeset does not spell out. */
    @Override
    protected Change[] createInverses() {
        return null;
    }

    /**
     * Liquibase would only say "No inverse to ...ConvertToMonthlyPartitionsChange created": name the
     * changeset, why there is no automatic rollback, and the two ways on.
     */
    @Override
    public liquibase.statement.SqlStatement[] generateRollbackStatements(liquibase.database.Database database)
            throws liquibase.exception.RollbackImpossibleException {
        String changeSet = getChangeSet() == null ? "its changeset" : "changeset " + getChangeSet().getId();
        throw new liquibase.exception.RollbackImpossibleException("convertToMonthlyPartitions of "
                + (getSchemaName() == null ? "" : getSchemaName() + ".") + getTableName() + " (" + changeSet
                + ") has no automatic rollback: undoing it would copy every row back into a plain table. Nothing was rolled back. "
                + "Give the changeset a rollback block: 'rollback: [empty: {}]' keeps the partitioned table, or your own SQL");
    }

    /** The same properties as ensureMonthlyPartitions, under this change's name. */
    @Override
    public CheckSum generateCheckSum() {
        return CHECKSUM.of(this, "convertToMonthlyPartitions:" + getSchemaName() + ":" + getTableName() + ":"
                + getColumnName() + ":" + getMonthsAhead() + ":" + getRetentionMonths() + ":" + getRetentionMode() + ":"
                + getTimeZone() + ":" + getUseDefaultPartition());
    }

    @Override
    public String getConfirmationMessage() {
        List<PartitionAction> actions = done();
        String table = (getSchemaName() == null ? "" : getSchemaName() + ".") + getTableName();
        if (actions == null || actions.isEmpty()) {
            return table + " is partitioned by month and up to date";
        }
        boolean converted = actions.stream().anyMatch(a -> a.kind() == PartitionAction.Kind.SWAP_IN_PARTITIONED_TABLE);
        return (converted ? "Converted " + table + " to monthly partitions: " : "Monthly partitions of " + table + ": ")
                + actions.stream().map(PartitionAction::description).collect(Collectors.joining("; "));
    }
}
