package dev.indexkit.liquibase;

import dev.indexkit.partition.PartitionAction;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan of {@code ensureMonthlyPartitions} as SQL for update-sql, made against the database as it
 * is now (a later run may find less to do). Statements run in the plan's own transaction.
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
        List<Sql> out = new ArrayList<>();
        for (PartitionAction action : statement.plan()) {
            action.sql().forEach(sql -> out.add(new UnparsedSql(sql)));
        }
        if (out.isEmpty()) {
            out.add(new UnparsedSql("SELECT 1 /* monthly partitions of " + statement.partitions().config().qualifiedTable()
                    .replace("*/", "* /") + " are up to date */"));
        }
        return out.toArray(Sql[]::new);
    }
}
