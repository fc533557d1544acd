package dev.indexkit.internal.cli;

import dev.indexkit.internal.partition.PartitionScript;
import dev.indexkit.partition.MonthlyPartitionConfig;
import dev.indexkit.partition.MonthlyPartitions;
import dev.indexkit.partition.PartitionAction;
import dev.indexkit.partition.PartitionConverter;
import dev.indexkit.partition.RetentionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code indexkit partitions plan|apply|convert}: monthly partitions of one table, and the conversion
 * of a plain table, from the command line. Every plan prints the script the run executes.
 */
@Command(name = "partitions", mixinStandardHelpOptions = true,
        description = "Plan (dry run) or apply monthly range partitions: create ahead, move DEFAULT rows, retire old months; "
                + "or convert a populated plain table into a partitioned one.")
public final class PartitionsCommand implements Callable<Integer> {

    enum Mode { plan, apply, convert }

    @Parameters(index = "0", description = "plan (print the steps and their SQL), apply, or convert (a plain table)")
    Mode mode;

    @Option(names = "--plan", description = "With convert: print the conversion's steps as the script it runs, change nothing")
    boolean convertPlanOnly;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--table", required = true, description = "schema.table of the RANGE-partitioned table")
    String table;

    @Option(names = "--column", required = true, description = "Its partition key (timestamptz, timestamp or date)")
    String column;

    @Option(names = "--months-ahead", defaultValue = "3", description = "Future months to create (default ${DEFAULT-VALUE})")
    int monthsAhead;

    @Option(names = "--retention-months", description = "Months to keep before the current one (default: keep all)")
    Integer retentionMonths;

    @Option(names = "--retention-mode", defaultValue = "detach", description = "detach or drop (default ${DEFAULT-VALUE})")
    String retentionMode;

    @Option(names = "--zone", defaultValue = "UTC", description = "Time zone that defines a month (default ${DEFAULT-VALUE})")
    String zone;

    @Option(names = "--no-default-partition", description = "Do not create a DEFAULT partition")
    boolean noDefaultPartition;

    @Override
    public Integer call() throws Exception {
        if (convertPlanOnly && mode != Mode.convert) {
            throw new BadInputException("--plan goes with convert; for monthly partitions use `partitions plan`", null);
        }
        MonthlyPartitionConfig config = MonthlyPartitionConfig.forTable(table).column(column)
                .monthsAhead(monthsAhead).retentionMonths(retentionMonths).retentionMode(RetentionMode.parse(retentionMode))
                .zone(zone).useDefaultPartition(!noDefaultPartition).build();
        try (Connection c = connection.connect()) {
            if (mode == Mode.convert) {
                return convert(config, c);
            }
            MonthlyPartitions partitions = MonthlyPartitions.of(config);
            List<PartitionAction> actions = mode == Mode.plan ? partitions.plan(c) : partitions.apply(c);
            if (actions.isEmpty()) {
                System.out.println(table + ": partitions are up to date");
                return 0;
            }
            // The script the executor runs (applies with psql -v ON_ERROR_STOP=1), or ran.
            print(mode == Mode.plan ? "what apply would run now" : "what apply ran", actions);
        }
        return 0;
    }

    private int convert(MonthlyPartitionConfig config, Connection c) throws Exception {
        PartitionConverter converter = new PartitionConverter(config);
        if (convertPlanOnly) {
            print("what convert would run now, the new months and DEFAULT committed with the swap", converter.plan(c));
            return 0;
        }
        converter.convert(c);
        System.out.println("-- " + PartitionScript.oneLine(table) + ": converted; its partitions now:");
        MonthlyPartitions.of(config).plan(c).forEach(action -> System.out.println("-- still to do: " + action.description()));
        return 0;
    }

    private void print(String what, List<PartitionAction> actions) {
        System.out.println("-- " + PartitionScript.oneLine(table) + ": " + what);
        PartitionScript.of(actions).forEach(line -> System.out.println(line.render()));
    }
}
