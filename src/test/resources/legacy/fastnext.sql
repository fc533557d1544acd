-- Legacy fixture for pack "fastnext": the database of the FastNext application after
-- seed /work/shared/seeds/004_585629d846206c33.txt ("Sprint 3.1: Database Optimization Guide").
--
-- What shipped: everything ("Sprint 3.1 Complete!"): xxx_add_strategic_indexes and
-- xxx_add_table_partitioning. Applied below: activity_logs exactly as the partitioning migration
-- creates it (RANGE on "timestamp", primary key (id, timestamp), monthly partitions for the current
-- year, a DEFAULT partition), and every strategic index PostgreSQL accepts, as written.
-- One seed index cannot exist: idx_activity_logs_recent (WHERE timestamp > NOW() - INTERVAL
-- '30 days') is refused by PostgreSQL ("functions in index predicate must be marked IMMUTABLE"),
-- so the migration as written can never have created it; it is kept below as a comment.
--
-- The two migrations cannot both have run as written, in either order; this fixture takes the end
-- state the seed reports (all its indexes, on the partitioned table):
--   * strategic indexes first: the partitioning migration renames activity_logs to activity_logs_old
--     and then creates CONSTRAINT activity_logs_pkey, which fails ("relation activity_logs_pkey already
--     exists": the renamed table keeps its primary key's name); had it passed, DROP TABLE
--     activity_logs_old would have dropped idx_activity_logs_user_id and idx_activity_logs_timestamp;
--   * partitioning first: the strategic migration's second create of idx_activity_logs_user_timestamp
--     fails (the partitioning migration already made it).
-- So activity_logs is created directly as partitioned, and idx_activity_logs_user_timestamp once.
--
-- Schema: "fastnext", the pack's shared schema (Pack.FASTNEXT.sharedSchema(), all.yaml), passed to
-- indexes.yaml as indexkit.fastnext.schema. The application used public (its queries filter
-- schemaname = 'public'); every fixture uses its pack's shared schema.
--
-- Assumed (FastAPI + SQLAlchemy + Alembic on PostgreSQL):
--   * activity_logs: the seed's DDL, verbatim (SERIAL id, INTEGER user_id, TIMESTAMP without time
--     zone); user_id has no foreign key there, so none here; partitions: the seed shows 2024_01 and
--     2024_02 and "... (create partitions for each month)" of the current year: 2024_01 to 2024_12.
--     create_future_partitions() ran at an unknown date, so no partition past 2024 is assumed;
--   * users: only id, email, username, is_active are named (users.created_at is not); Integer
--     primary key -> SERIAL; String -> varchar without length; Boolean -> boolean. email and
--     username are unique only through the seed's unique indexes (no unique constraint is named);
--   * workflow_templates.config and audit_trails.metadata: JSONB. The seed says "JSON field", but
--     its GIN indexes without an operator class exist only on jsonb (json has no default GIN
--     operator class). Their other columns (name, description, ...) are not in the seed;
--   * NOT NULL only where the seed's DDL says so.
CREATE SCHEMA fastnext;

CREATE TABLE fastnext.users (
    id        SERIAL PRIMARY KEY,
    email     varchar,
    username  varchar,
    is_active boolean
);

CREATE TABLE fastnext.activity_logs (
    id SERIAL,
    user_id INTEGER NOT NULL,
    action VARCHAR(100) NOT NULL,
    details JSONB,
    ip_address VARCHAR(45),
    user_agent TEXT,
    timestamp TIMESTAMP NOT NULL DEFAULT NOW(),
    CONSTRAINT activity_logs_pkey PRIMARY KEY (id, timestamp)
) PARTITION BY RANGE (timestamp);

CREATE TABLE fastnext.activity_logs_2024_01 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE fastnext.activity_logs_2024_02 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE fastnext.activity_logs_2024_03 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
CREATE TABLE fastnext.activity_logs_2024_04 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
CREATE TABLE fastnext.activity_logs_2024_05 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
CREATE TABLE fastnext.activity_logs_2024_06 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-06-01') TO ('2024-07-01');
CREATE TABLE fastnext.activity_logs_2024_07 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-07-01') TO ('2024-08-01');
CREATE TABLE fastnext.activity_logs_2024_08 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-08-01') TO ('2024-09-01');
CREATE TABLE fastnext.activity_logs_2024_09 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-09-01') TO ('2024-10-01');
CREATE TABLE fastnext.activity_logs_2024_10 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-10-01') TO ('2024-11-01');
CREATE TABLE fastnext.activity_logs_2024_11 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-11-01') TO ('2024-12-01');
CREATE TABLE fastnext.activity_logs_2024_12 PARTITION OF fastnext.activity_logs FOR VALUES FROM ('2024-12-01') TO ('2025-01-01');
CREATE TABLE fastnext.activity_logs_default PARTITION OF fastnext.activity_logs DEFAULT;

CREATE TABLE fastnext.workflow_templates (
    id     SERIAL PRIMARY KEY,
    config jsonb
);

CREATE TABLE fastnext.audit_trails (
    id       SERIAL PRIMARY KEY,
    metadata jsonb
);

-- B-tree indexes (op.create_index as the seed writes them)
CREATE UNIQUE INDEX idx_users_email ON fastnext.users (email);
CREATE UNIQUE INDEX idx_users_username ON fastnext.users (username);
CREATE INDEX idx_activity_logs_user_id ON fastnext.activity_logs (user_id);
CREATE INDEX idx_activity_logs_timestamp ON fastnext.activity_logs (timestamp);
CREATE INDEX idx_activity_logs_user_timestamp ON fastnext.activity_logs (user_id, timestamp);

-- GIN indexes
CREATE INDEX idx_workflow_templates_config_gin ON fastnext.workflow_templates USING gin (config);
CREATE INDEX idx_audit_trails_metadata_gin ON fastnext.audit_trails USING gin (metadata);

-- Partial indexes
CREATE INDEX idx_users_active ON fastnext.users (id) WHERE is_active = true;
-- Refused by PostgreSQL (now() is not IMMUTABLE), so absent from the legacy database:
--   CREATE INDEX idx_activity_logs_recent ON fastnext.activity_logs (timestamp)
--       WHERE timestamp > NOW() - INTERVAL '30 days'
