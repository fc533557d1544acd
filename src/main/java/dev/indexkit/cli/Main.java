package dev.indexkit.cli;

import dev.indexkit.internal.cli.DemoCommand;
import dev.indexkit.internal.cli.FailureHandler;
import dev.indexkit.internal.cli.HealthCommand;
import dev.indexkit.internal.cli.LintCommand;
import dev.indexkit.internal.cli.PartitionsCommand;
import dev.indexkit.internal.cli.RollbackCommand;
import dev.indexkit.internal.cli.UpdateCommand;
import dev.indexkit.internal.cli.VerifyCommand;
import dev.indexkit.internal.cli.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code indexkit}: thin commands over the Java API.
 *
 * <p>Exit codes, the same for every command: 0 success, 1 the operation failed (or found problems),
 * 2 bad input (unknown option, invalid value, cannot connect).
 */
@Command(name = "indexkit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Liquibase changesets and tools for PostgreSQL indexes and monthly partitions.",
        subcommands = {DemoCommand.class, UpdateCommand.class, RollbackCommand.class, PartitionsCommand.class, VerifyCommand.class, HealthCommand.class, LintCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed or found problems", "2:bad input or cannot connect"})
public final class Main {

    /** java.util.logging keeps loggers weakly: hold them, or their level is lost at the next GC. */
    private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command and its options, e.g. {@code health --url jdbc:postgresql://localhost/app --schema public}
     */
    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * Liquibase and the embedded server log every step at INFO through java.util.logging; the CLI
     * prints its own summary instead. {@code -Dindexkit.verbose=true} keeps their logs.
     */
    static void quietLibraryLogging() {
        if (!Boolean.getBoolean("indexkit.verbose")) {
            // Liquibase applies its own configured level to the loggers it creates.
            System.setProperty("liquibase.logLevel", System.getProperty("liquibase.logLevel", "WARNING"));
            for (String name : new String[]{"liquibase", "io.zonky"}) {
                java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                logger.setLevel(java.util.logging.Level.WARNING);
                QUIETED.add(logger);
            }
        }
    }

    /**
     * The configured command line; tests run it in-process.
     *
     * @return a picocli command line whose {@code execute} returns the exit code instead of exiting
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new FailureHandler());
    }
}
