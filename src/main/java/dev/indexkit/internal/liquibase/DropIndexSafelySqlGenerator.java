package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.IndexSql;
import dev.indexkit.internal.index.LockClass;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * The SQL of {@code dropIndexSafely}'s statement where Liquibase asks its generators (support checks);
 * {@code update-sql} and {@code rollback-sql} print the live plan ({@link PrintedPlan}).
 */
public class DropIndexSafelySqlGenerator extends AbstractSqlGenerator<DropIndexSafelyStatement> {

    @Override
    public ValidationErrors validate(DropIndexSafelyStatement statement, Database database,
                                     SqlGeneratorChain<DropIndexSafelyStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(DropIndexSafelyStatement statement, Database database,
                             SqlGeneratorChain<DropIndexSafelyStatement> chain) {
        if (Dialect.of(database) == Dialect.SQLITE) {
            return ReviewSql.of(IndexSql.dropSqlite(statement.indexName()));
        }
        return ReviewSql.withTimeouts(statement.timeouts(),
                statement.concurrently() ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS, PrintedPlan.serverMajor(database),
                IndexSql.dropPostgres(statement.schema(), statement.indexName(), statement.concurrently()));
    }
}
