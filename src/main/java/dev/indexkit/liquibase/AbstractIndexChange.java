package dev.indexkit.liquibase;

import dev.indexkit.index.Timeouts;
import liquibase.change.AbstractChange;
import liquibase.change.DatabaseChangeProperty;

/** What {@code ensureIndex} and {@code dropIndexSafely} share: where the index is and how the DDL runs. */
abstract class AbstractIndexChange extends AbstractChange {

    private String schemaName;
    private String tableName;
    private String indexName;
    private Boolean concurrently;
    private String lockTimeout;
    private String statementTimeout;
    private Integer lockRetries;

    @DatabaseChangeProperty(description = "Schema of the table and index; default: the connection's current schema")
    public String getSchemaName() {
        return schemaName;
    }

    public void setSchemaName(String schemaName) {
        this.schemaName = schemaName;
    }

    @DatabaseChangeProperty(description = "Table of the index", exampleValue = "meetings")
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    @DatabaseChangeProperty(description = "Index name (at most 63 bytes)", exampleValue = "ix_meetings_workspace_status")
    public String getIndexName() {
        return indexName;
    }

    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    @DatabaseChangeProperty(description = "CONCURRENTLY on PostgreSQL; default true. "
            + "Needs runInTransaction: false and no other change in the changeset")
    public Boolean getConcurrently() {
        return concurrently;
    }

    public void setConcurrently(Boolean concurrently) {
        this.concurrently = concurrently;
    }

    @DatabaseChangeProperty(description = "lock_timeout for the DDL; default 10s")
    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    @DatabaseChangeProperty(description = "statement_timeout for the DDL; default 0 (no limit)")
    public String getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(String statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    @DatabaseChangeProperty(description = "How many times to try again after lockTimeout expired, waiting 1 s, 2 s, "
            + "4 s ... (at most 30 s) in between; default 0, at most 20")
    public Integer getLockRetries() {
        return lockRetries;
    }

    public void setLockRetries(Integer lockRetries) {
        this.lockRetries = lockRetries;
    }

    boolean isConcurrently() {
        return concurrently == null || concurrently;
    }

    /** Validated timeouts; throws {@link IllegalArgumentException} naming a bad value. */
    Timeouts timeouts() {
        return new Timeouts(lockTimeout, statementTimeout, lockRetries == null ? 0 : lockRetries);
    }

    /** The schema, or null for the connection's current schema. */
    String schemaOrNull() {
        return schemaName == null || schemaName.isBlank() ? null : schemaName;
    }

    @Override
    public String getSerializedObjectNamespace() {
        return IndexkitNamespace.URI;
    }
}
