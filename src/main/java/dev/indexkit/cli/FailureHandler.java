package dev.indexkit.cli;

import picocli.CommandLine;

/**
 * Prints a failure as one readable message (what failed and what to do) instead of a stack trace;
 * {@code --verbose}-style debugging uses {@code -Dindexkit.stacktrace=true}. Bad input exits 2,
 * failed operations 1.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println(cmd.getColorScheme().errorText("indexkit " + cmd.getCommandName() + ": " + e.getMessage()));
        if (Boolean.getBoolean("indexkit.stacktrace")) {
            e.printStackTrace(cmd.getErr());
        }
        return e instanceof BadInputException || e instanceof IllegalArgumentException
                || e instanceof dev.indexkit.partition.PartitionException ? 2 : 1;
    }
}
