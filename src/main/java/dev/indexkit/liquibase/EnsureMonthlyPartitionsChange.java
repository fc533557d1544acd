package dev.indexkit.liquibase;

import dev.indexkit.internal.liquibase.ChangeChecksum;
import dev.indexkit.internal.liquibase.ChangeSetRules;
import dev.indexkit.internal.liquibase.Dialect;
import dev.indexkit.internal.liquibase.EnsureMonthlyPartitionsStatement;
import dev.indexkit.internal.liquibase.NewTables;
import dev.indexkit.internal.liquibase.PrintedPlan;
import dev.indexkit.internal.sql.NewTable;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.RetentionMode;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code ensureMonthlyPartitions}: keeps a RANGE-partitioned table's monthly partitions, meant for a
 * {@code runAlways: true} changeset so every deploy tops them up. The same code as the Java API and
 * the CLI ({@link MonthlyPartitions}). Its rollback does nothing: partitions hold data.
 */
@DatabaseChange(name = "ensureMonthlyPartitions", priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "table",
        description = "Creates the current and next monthly partitions of a RANGE-partitioned table, moves rows "
                + "waiting in DEFAULT into them, and detaches or drops months past retention")
public class EnsureMonthlyPartitionsChange extends DatabaseDependentChange {

    /**
     * Liquibase {@link Scope} key of the {@link Clock} that says which month is "now" (default: the
     * system clock). A service's tests pin it around an update:
     * {@code Scope.child(CLOCK_SCOPE_KEY, Clock.fixed(...), () -> liquibase.update())}.
     */
    public static final String CLOCK_SCOPE_KEY = "indexkit.clock";

    private String schemaName;
    private String tableName;
    private String columnName;
    private Integer monthsAhead;
    private Integer retentionMonths;
    private String retentionMode;
    private String timeZone;
    private Boolean useDefaultPartition;

    private final transient AtomicReference<List<PartitionAction>> done = new AtomicReference<>();

    /**
     * Schema of the table; default: the connection's current schema.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Schema of the table; default: the connection's current schema")
    public String getSchemaName() {
        return schemaName;
    }

    /**
     * Sets {@code schemaName}; see {@link #getSchemaName()}.
     *
     * @param schemaName the changelog's value
     */
    public void setSchemaName(String schemaName) {
        this.schemaName = schemaName;
    }

    /**
     * The partitioned table.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "The partitioned table", exampleValue = "activity_logs")
    public String getTableName() {
        return tableName;
    }

    /**
     * Sets {@code tableName}; see {@link #getTableName()}.
     *
     * @param tableName the changelog's value
     */
    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /**
     * Its partition key: a timestamptz, timestamp or date column.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Its partition key: a timestamptz, timestamp or date column")
    public String getColumnName() {
        return columnName;
    }

    /**
     * Sets {@code columnName}; see {@link #getColumnName()}.
     *
     * @param columnName the changelog's value
     */
    public void setColumnName(String columnName) {
        this.columnName = columnName;
    }

    /**
     * Months after the current one to create ahead; default 3.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Months after the current one to create ahead; default 3")
    public Integer getMonthsAhead() {
        return monthsAhead;
    }

    /**
     * Sets {@code monthsAhead}; see {@link #getMonthsAhead()}.
     *
     * @param monthsAhead the changelog's value
     */
    public void setMonthsAhead(Integer monthsAhead) {
        this.monthsAhead = monthsAhead;
    }

    /**
     * Months to keep before the current one; default: keep all.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Months to keep before the current one; default: keep all")
    public Integer getRetentionMonths() {
        return retentionMonths;
    }

    /**
     * Sets {@code retentionMonths}; see {@link #getRetentionMonths()}.
     *
     * @param retentionMonths the changelog's value
     */
    public void setRetentionMonths(Integer retentionMonths) {
        this.retentionMonths = retentionMonths;
    }

    /**
     * What happens to partitions past retention: detach (default) or drop.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "detach (default) or drop partitions past retention")
    public String getRetentionMode() {
        return retentionMode;
    }

    /**
     * Sets {@code retentionMode}; see {@link #getRetentionMode()}.
     *
     * @param retentionMode the changelog's value
     */
    public void setRetentionMode(String retentionMode) {
        this.retentionMode = retentionMode;
    }

    /**
     * Time zone whose calendar defines a month; default UTC.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Time zone whose calendar defines a month; default UTC")
    public String getTimeZone() {
        return timeZone;
    }

    /**
     * Sets {@code timeZone}; see {@link #getTimeZone()}.
     *
     * @param timeZone the changelog's value
     */
    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    /**
     * Create a DEFAULT partition when missing; default true.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Create a DEFAULT partition when missing; default true")
    public Boolean getUseDefaultPartition() {
        return useDefaultPartition;
    }

    /**
     * Sets {@code useDefaultPartition}; see {@link #getUseDefaultPartition()}.
     *
     * @param useDefaultPartition the changelog's value
     */
    public void setUseDefaultPartition(Boolean useDefaultPartition) {
        this.useDefaultPartition = useDefaultPartition;
    }

    /** The change's name in a changelog, for messages. */
    String changeName() {
        return "ensureMonthlyPartitions";
    }

    /** Whether a table that is not partitioned yet is converted (else it is an error). */
    boolean convertsPlainTable() {
        return false;
    }

    /** Steps the last run took, null before it ran. */
    List<PartitionAction> done() {
        return done.get();
    }

    /** The validated configuration; throws {@link IllegalArgumentException} naming the bad value. */
    MonthlyPartitionConfig config() {
        // Without schemaName: the connection's current schema, as ensureIndex does (Liquibase's default
        // schema, e.g. spring.liquibase.default-schema, is on the search_path).
        MonthlyPartitionConfig.Builder b = MonthlyPartitionConfig.forTable(
                        (schemaName == null || schemaName.isBlank() ? "" : schemaName + ".") + tableName)
                .column(columnName)
                .retentionMonths(retentionMonths)
                .retentionMode(retentionMode == null ? RetentionMode.DETACH : RetentionMode.parse(retentionMode))
                .useDefaultPartition(useDefaultPartition == null || useDefaultPartition)
                .clock(Scope.getCurrentScope().get(CLOCK_SCOPE_KEY, Clock.systemUTC()));
        if (monthsAhead != null) {
            b.monthsAhead(monthsAhead);
        }
        if (timeZone != null) {
            b.zone(timeZone);
        }
        return b.build();
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        if (tableName != null && tableName.contains(".")) {
            errors.addError(changeName() + ": tableName '" + tableName + "' contains a dot: give the schema in schemaName");
            return errors;
        }
        try {
            config();
        } catch (IllegalArgumentException e) {
            errors.addError(changeName() + " " + tableName + ": " + e.getMessage());
            return errors;
        }
        if (Dialect.of(database) != Dialect.POSTGRESQL) {
            errors.addError(changeName() + " needs PostgreSQL's partitioning: add `dbms: postgresql` to changeset "
                    + ChangeSetRules.describe(getChangeSet()));
        }
        ChangeSetRules.requireOwnNonTransactionalChangeSet(this, changeName() + " " + tableName
                + " manages its own transaction and detaches concurrently", "cannot run inside Liquibase's transaction",
                "", errors);
        return errors;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        EnsureMonthlyPartitionsStatement statement = new EnsureMonthlyPartitionsStatement(database,
                MonthlyPartitions.of(config()), convertsPlainTable(), done::set);
        if (PrintedPlan.printing(database)) {
            String what = changeName() + " " + getTableName();
            Optional<NewTable> shapeIfNew = NewTables.createdBefore(this, database, schemaName, getTableName());
            try {
                EnsureMonthlyPartitionsStatement.Planned planned = statement.plan(shapeIfNew);
                return PrintedPlan.partitions(planned.actions(), what, planned.newTable());
            } catch (Exception e) {
                return new SqlStatement[]{PrintedPlan.comment(what + ": cannot be planned now (" + e.getMessage()
                        + "); update plans the partitions against the database as it is then")};
            }
        }
        return new SqlStatement[]{statement};
    }

    /** Partitions hold rows: rolling back a deploy never removes them. */
    @Override
    protected Change[] createInverses() {
        return new Change[0];
    }

    /**
     * The configuration, not the date: a runAlways changeset must keep its checksum from day to day.
     * Nothing is excluded: every property, including any added after 1.0, shapes the partitions.
     */
    static final ChangeChecksum CHECKSUM = new ChangeChecksum(
            Set.of("schemaName", "tableName", "columnName", "monthsAhead", "retentionMonths", "retentionMode", "timeZone",
                    "useDefaultPartition"),
            Set.of());

    @Override
    public CheckSum generateCheckSum() {
        return CHECKSUM.of(this, "ensureMonthlyPartitions:" + schemaName + ":" + tableName + ":" + columnName + ":"
                + monthsAhead + ":" + retentionMonths + ":" + retentionMode + ":" + timeZone + ":" + useDefaultPartition);
    }

    @Override
    public String getConfirmationMessage() {
        List<PartitionAction> actions = done.get();
        String table = (schemaName == null ? "" : schemaName + ".") + tableName;
        if (actions == null || actions.isEmpty()) {
            return "Monthly partitions of " + table + " are up to date";
        }
        return "Monthly partitions of " + table + ": " + actions.stream().map(PartitionAction::description)
                .collect(Collectors.joining("; "));
    }

}
