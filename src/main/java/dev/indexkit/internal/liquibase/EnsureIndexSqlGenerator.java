package dev.indexkit.internal.liquibase;

import dev.indexkit.internal.index.IndexSql;
import dev.indexkit.internal.index.LockClass;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * The SQL of {@code ensureIndex}'s statement where Liquibase asks its generators: whether the statement
 * is supported, and a rendering outside {@code update-sql}. It is the plan for an index on a new plain
 * table. {@code update-sql} itself prints the live plan ({@link PrintedPlan}): while Liquibase prints,
 * the change hands it plain statements instead of this one.
 */
public class EnsureIndexSqlGenerator extends AbstractSqlGenerator<EnsureIndexStatement> {

    @Override
    public ValidationErrors validate(EnsureIndexStatement statement, Database database,
                                     SqlGeneratorChain<EnsureIndexStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(EnsureIndexStatement statement, Database database,
                             SqlGeneratorChain<EnsureIndexStatement> chain) {
        if (Dialect.of(database) == Dialect.SQLITE) {
            return ReviewSql.of(IndexSql.createSqlite(statement.definition()));
        }
        return ReviewSql.withTimeouts(statement.timeouts(),
                statement.concurrently() ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS, PrintedPlan.serverMajor(database),
                IndexSql.createPostgres(statement.definition(), statement.concurrently(), false));
    }
}
