package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.partition.PartitionScript;
import dev.indexkit.partition.PartitionAction;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

import java.util.List;

/**
 * The plan of {@code ensureMonthlyPartitions} as SQL where Liquibase asks its generators (support
 * checks). {@code update-sql} prints the plan through {@link PrintedPlan}, creation steps between
 * {@code BEGIN} and {@code COMMIT}, as the executor runs them.
 */
public class EnsureMonthlyPartitionsSqlGenerator extends AbstractSqlGenerator<EnsureMonthlyPartitionsStatement> {

    @Override
    public ValidationErrors validate(EnsureMonthlyPartitionsStatement statement, Database database,
                                     SqlGeneratorChain<EnsureMonthlyPartitionsStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(EnsureMonthlyPartitionsStatement statement, Database database,
                             SqlGeneratorChain<EnsureMonthlyPartitionsStatement> chain) {
        String table = statement.partitions().config().qualifiedTable().replace("*/", "* /");
        List<PartitionAction> plan;
        try {
            plan = statement.plan(java.util.Optional.empty()).actions();
        } catch (Exception e) {
            String reason = String.valueOf(e.getMessage()).replace("*/", "* /");
            return new Sql[]{new UnparsedSql("SELECT 1 /* monthly partitions of " + table + " cannot be planned now ("
                    + reason + "); update plans them against the database as it is then */")};
        }
        if (plan.isEmpty()) {
            return new Sql[]{new UnparsedSql("SELECT 1 /* monthly partitions of " + table + " are up to date */")};
        }
        // The statements of the one partition script (comments left out: Liquibase ends each Sql with ';').
        return PartitionScript.of(plan).stream().filter(line -> !line.comment())
                .map(line -> new UnparsedSql(line.text())).toArray(Sql[]::new);
    }
}
