package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.DdlStep;
import dev.indexkit.internal.index.IndexPlan;
import dev.indexkit.internal.index.LockClass;
import dev.indexkit.internal.index.Timeouts;
import dev.indexkit.internal.partition.PartitionScript;
import dev.indexkit.internal.sql.NewTable;
import dev.indexkit.internal.sql.SessionSettings;
import dev.indexkit.partition.PartitionAction;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.exception.DatabaseException;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CommentStatement;
import liquibase.statement.core.RawSqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plans of indexkit's changes as the plain statements {@code update-sql} and {@code rollback-sql}
 * print, in the order and with the session settings the run uses, so the output applies with
 * {@code psql -v ON_ERROR_STOP=1 -f}.
 *
 * <p>Why plain statements: a change that runs itself through JDBC is an
 * {@code ExecutablePreparedStatement}, and Liquibase prints "WARNING: This statement uses a prepared
 * statement ..." (not SQL) before each one. While Liquibase is printing, the changes hand it
 * {@link RawSqlStatement}s and {@link CommentStatement}s of the same plan instead, which it renders
 * like its own.
 */
public final class PrintedPlan {

    private PrintedPlan() {
    }

    /** Whether Liquibase is printing SQL (update-sql, rollback-sql) rather than running it. */
    public static boolean printing(Database database) {
        return Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database) instanceof LoggingExecutor;
    }

    /**
     * The server version Liquibase knows: the connected server's, or the one an offline
     * {@code update-sql} was given (the offline URL's {@code version=}), else 14.
     */
    public static int serverMajor(Database database) {
        try {
            return database.getDatabaseMajorVersion();
        } catch (DatabaseException | RuntimeException unknown) {
            return 14;
        }
    }

    /**
     * Each step under the session settings the builder gives it: {@code lock_timeout} for its lock
     * class, {@code statement_timeout}, and on PostgreSQL 14+ {@code client_connection_check_interval}.
     */
    public static SqlStatement[] index(IndexPlan plan, Timeouts timeouts, int serverMajor, String what) {
        List<SqlStatement> out = new ArrayList<>();
        if (plan.note() != null) {
            out.add(comment(what + ": " + plan.note()));
        }
        if (plan.steps().isEmpty()) {
            out.add(comment(what + ": " + plan.outcome().description() + ", nothing to run"));
        }
        for (DdlStep step : plan.steps()) {
            out.add(comment(what + ": " + step.reason() + (step.lockClass() == LockClass.BLOCKS_WRITERS
                    ? " (blocks writers while it waits and while it runs: indexkit retries it up to " + timeouts.retriesFor(step.lockClass())
                    + " times after a lock timeout)" : " (writers pass while it waits)")));
            Map<String, String> settings = timeouts.settingsFor(step.lockClass(), serverMajor);
            settings.forEach((name, value) -> out.add(new RawSqlStatement(SessionSettings.setStatement(name, value))));
            if (step.inTransaction()) {
                out.add(new RawSqlStatement("BEGIN"));
                step.statements().forEach(sql -> out.add(new RawSqlStatement(sql)));
                out.add(new RawSqlStatement("COMMIT"));
            } else {
                out.add(new RawSqlStatement(step.sql()));
            }
            settings.keySet().forEach(name -> out.add(new RawSqlStatement(SessionSettings.resetStatement(name))));
        }
        return out.toArray(SqlStatement[]::new);
    }

    /** A partition plan as the executor runs it ({@link PartitionScript}). */
    public static SqlStatement[] partitions(List<PartitionAction> plan, String what) {
        if (plan.isEmpty()) {
            return new SqlStatement[]{comment(what + ": up to date, nothing to run")};
        }
        return PartitionScript.of(plan).stream()
                .map(line -> line.comment() ? comment(what + ": " + line.text()) : new RawSqlStatement(line.text()))
                .toArray(SqlStatement[]::new);
    }

    /**
     * The same; when the plan was made for a table an earlier changeset of the update creates
     * ({@code newTable}), a comment first says it is the plan for that table as created there, empty.
     */
    public static SqlStatement[] partitions(List<PartitionAction> plan, String what, Optional<NewTable> newTable) {
        SqlStatement[] printed = partitions(plan, what);
        if (newTable.isEmpty()) {
            return printed;
        }
        List<SqlStatement> out = new ArrayList<>();
        out.add(comment(what + ": the table does not exist yet: " + newTable.get().createdBy() + " earlier in this update "
                + "creates it as " + newTable.get().describe() + "; this is the plan for it as created there, empty; "
                + "update plans against the table as it is when the change runs"));
        out.addAll(List.of(printed));
        return out.toArray(SqlStatement[]::new);
    }

    /**
     * A comment line. Names and definitions in it may hold line breaks (a quoted identifier can): they
     * become spaces, or the text after one would be a line of SQL that psql runs.
     */
    public static CommentStatement comment(String text) {
        return new CommentStatement(PartitionScript.oneLine(text));
    }
}
