package dev.indexkit.internal.cli;

import dev.indexkit.partition.PartitionException;
import picocli.CommandLine;

/**
 * Prints a failure as one readable message (what failed and what to do) instead of a stack trace;
 * {@code --verbose}-style debugging uses {@code -Dindexkit.stacktrace=true}. Bad input and no
 * connection exit 2, operations that failed on the server 1, as README "With the indexkit CLI" says.
 */
public final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println(cmd.getColorScheme().errorText("indexkit " + cmd.getCommandName() + ": " + e.getMessage()));
        if (Boolean.getBoolean("indexkit.stacktrace")) {
            e.printStackTrace(cmd.getErr());
        }
        return exitCode(e);
    }

    /**
     * 2 for bad input (the user must change something: an option, a table that is not partitioned, an
     * overlapping partition, a changelog that is missing or malformed, a rollback tag that is not in the
     * database), 1 for an operation that failed on the server (a statement it refused, a lock timeout, a
     * lost connection): a PartitionException or ChangelogException caused by the server's error is the
     * latter.
     */
    public static int exitCode(Exception e) {
        boolean badPartitionInput = e instanceof dev.indexkit.partition.PartitionException && !causedByServer(e);
        return e instanceof BadInputException || e instanceof IllegalArgumentException || badPartitionInput
                || badChangelogInput(e) ? 2 : 1;
    }

    /**
     * Liquibase reports a changelog it cannot find or parse as ChangeLogParseException, and a tag that
     * is not in DATABASECHANGELOG as RollbackFailedException with no server error under it: neither
     * reached the server, and both are fixed by changing the command line.
     */
    private static boolean badChangelogInput(Exception e) {
        if (!(e instanceof dev.indexkit.liquibase.ChangelogException) || causedByServer(e)) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof liquibase.exception.ChangeLogParseException || cause instanceof java.io.FileNotFoundException
                    || cause instanceof liquibase.exception.RollbackFailedException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a server error is anywhere in the cause chain (a conversion wraps the executor's failure). */
    private static boolean causedByServer(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }
}
