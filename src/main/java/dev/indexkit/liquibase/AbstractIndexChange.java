package dev.indexkit.liquibase;

import dev.indexkit.internal.index.IndexPlan;
import dev.indexkit.internal.index.PostgresIndexBuilder;
import dev.indexkit.internal.index.Timeouts;
import dev.indexkit.internal.liquibase.Connections;
import dev.indexkit.internal.liquibase.Dialect;
import dev.indexkit.internal.liquibase.PrintedPlan;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

import java.sql.Connection;
import java.sql.SQLException;

/** What {@code ensureIndex} and {@code dropIndexSafely} share: where the index is and how the DDL runs. */
abstract class AbstractIndexChange extends DatabaseDependentChange {

    private String schemaName;
    private String tableName;
    private String indexName;
    private Boolean concurrently;
    private String lockTimeout;
    private String statementTimeout;
    private Integer lockRetries;
    private String concurrentLockTimeout;

    /**
     * Schema of the table and index; default: the connection's current schema.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Schema of the table and index; default: the connection's current schema")
    public String getSchemaName() {
        return schemaName;
    }

    /**
     * Sets {@code schemaName}; see {@link #getSchemaName()}.
     *
     * @param schemaName the changelog's value
     */
    public void setSchemaName(String schemaName) {
        this.schemaName = schemaName;
    }

    /**
     * Table of the index.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Table of the index", exampleValue = "meetings")
    public String getTableName() {
        return tableName;
    }

    /**
     * Sets {@code tableName}; see {@link #getTableName()}.
     *
     * @param tableName the changelog's value
     */
    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /**
     * Index name (at most 63 bytes).
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Index name (at most 63 bytes)", exampleValue = "ix_meetings_workspace_status")
    public String getIndexName() {
        return indexName;
    }

    /**
     * Sets {@code indexName}; see {@link #getIndexName()}.
     *
     * @param indexName the changelog's value
     */
    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    /**
     * CONCURRENTLY on PostgreSQL; default true. Needs runInTransaction: false and no other change in the
     * changeset.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "CONCURRENTLY on PostgreSQL; default true. "
            + "Needs runInTransaction: false and no other change in the changeset")
    public Boolean getConcurrently() {
        return concurrently;
    }

    /**
     * Sets {@code concurrently}; see {@link #getConcurrently()}.
     *
     * @param concurrently the changelog's value
     */
    public void setConcurrently(Boolean concurrently) {
        this.concurrently = concurrently;
    }

    /**
     * lock_timeout for steps that block writers while they wait (a build without CONCURRENTLY, the
     * parent-only index of a partitioned table, an attach, a plain drop); default 2s.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "lock_timeout for steps that block writers while they wait (a build "
            + "without CONCURRENTLY, the parent-only index of a partitioned table, an attach, a plain drop); default 2s")
    public String getLockTimeout() {
        return lockTimeout;
    }

    /**
     * Sets {@code lockTimeout}; see {@link #getLockTimeout()}.
     *
     * @param lockTimeout the changelog's value
     */
    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    /**
     * statement_timeout for the DDL; default 0 (no limit).
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "statement_timeout for the DDL; default 0 (no limit)")
    public String getStatementTimeout() {
        return statementTimeout;
    }

    /**
     * Sets {@code statementTimeout}; see {@link #getStatementTimeout()}.
     *
     * @param statementTimeout the changelog's value
     */
    public void setStatementTimeout(String statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    /**
     * How many times a writer-blocking step tries again after lockTimeout expired, waiting about 1 s, 2 s,
     * 4 s ... (at most 30 s, jittered) in between; default 5, at most 20.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "How many times a writer-blocking step tries again after lockTimeout "
            + "expired, waiting about 1 s, 2 s, 4 s ... (at most 30 s, jittered) in between; default 5, at most 20")
    public Integer getLockRetries() {
        return lockRetries;
    }

    /**
     * Sets {@code lockRetries}; see {@link #getLockRetries()}.
     *
     * @param lockRetries the changelog's value
     */
    public void setLockRetries(Integer lockRetries) {
        this.lockRetries = lockRetries;
    }

    /**
     * lock_timeout for CONCURRENTLY builds and drops, which wait for every older transaction in the
     * database without blocking writers; default 30min.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "lock_timeout for CONCURRENTLY builds and drops, which wait for every "
            + "older transaction in the database without blocking writers; default 30min")
    public String getConcurrentLockTimeout() {
        return concurrentLockTimeout;
    }

    /**
     * Sets {@code concurrentLockTimeout}; see {@link #getConcurrentLockTimeout()}.
     *
     * @param concurrentLockTimeout the changelog's value
     */
    public void setConcurrentLockTimeout(String concurrentLockTimeout) {
        this.concurrentLockTimeout = concurrentLockTimeout;
    }

    boolean isConcurrently() {
        return concurrently == null || concurrently;
    }

    /** Validated timeouts; throws {@link IllegalArgumentException} naming a bad value. */
    Timeouts timeouts() {
        return new Timeouts(lockTimeout, statementTimeout,
                lockRetries == null ? Timeouts.DEFAULT_LOCK_RETRIES : lockRetries, concurrentLockTimeout);
    }

    /** The schema, or null for the connection's current schema. */
    String schemaOrNull() {
        return schemaName == null || schemaName.isBlank() ? null : schemaName;
    }

    /** Asks a live builder for the plan of this change. */
    @FunctionalInterface
    interface LivePlan {
        IndexPlan of(PostgresIndexBuilder builder) throws SQLException;
    }

    /**
     * update-sql / rollback-sql: the plan the run would execute on the database as it is now, as plain
     * statements; without a live connection, {@code offline} (what the change does to an unseen index).
     */
    SqlStatement[] printedPlan(Database database, String what, String sqliteSql, IndexPlan offline, LivePlan live) {
        if (Dialect.of(database) == Dialect.SQLITE) {
            return new SqlStatement[]{new RawSqlStatement(sqliteSql)};
        }
        if (!(database.getConnection() instanceof JdbcConnection)) {
            return PrintedPlan.index(offline, timeouts(), PrintedPlan.serverMajor(database), what);
        }
        try {
            Connection connection = Connections.jdbc(database);
            return PrintedPlan.index(live.of(new PostgresIndexBuilder(connection, timeouts())), timeouts(),
                    connection.getMetaData().getDatabaseMajorVersion(), what);
        } catch (SQLException | DatabaseException e) {
            throw new UnexpectedLiquibaseException("Could not plan " + what + ": " + e.getMessage(), e);
        }
    }

}
