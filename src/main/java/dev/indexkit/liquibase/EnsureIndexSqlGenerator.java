package dev.indexkit.liquibase;

import dev.indexkit.index.IndexSql;
import dev.indexkit.index.LockClass;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * The SQL of {@code ensureIndex} for {@code update-sql}, the script a DBA reviews or runs by hand:
 * the timeouts, the concurrent build, and resetting the timeouts. (At run time the builder also
 * checks the catalog first, repairs an INVALID leftover and verifies the result.)
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
                statement.concurrently() ? LockClass.CONCURRENT : LockClass.BLOCKS_WRITERS,
                IndexSql.createPostgres(statement.definition(), statement.concurrently(), false));
    }
}
