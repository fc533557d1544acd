package dev.indexkit.internal.cli;

import dev.indexkit.partition.PartitionException;
import picocli.CommandLine;

/**
 * Prints a failure as one readable message (what failed and what to do) instead of a stack trace;
 * {@code --verbose}-style debugging uses {@code -Dindexkit.stacktrace=true}. Bad input exits 2,
 * failed operations 1.
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
     * overlapping partition), 1 for an operation that failed on the server (a lock timeout, a lost
     * connection): a PartitionException caused by the server's error is the latter.
     */
    public static int exitCode(Exception e) {
        boolean badPartitionInput = e instanceof dev.indexkit.partition.PartitionException && !causedByServer(e);
        return e instanceof BadInputException || e instanceof IllegalArgumentException || badPartitionInput ? 2 : 1;
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
