-- Legacy fixture for pack "whisper": the database of the Whisper Transcriber application after the
-- optimisation described in seed /work/shared/seeds/001_96f1b2f012da6cc6.txt ("Database Performance
-- Optimization Documentation").
--
-- What shipped: everything. The seed "describes the comprehensive database performance
-- optimizations implemented" ("alembic upgrade head ... Comprehensive index creation"), so all 28
-- of its CREATE INDEX statements are applied below exactly as written (plain, ascending B-trees,
-- none of them unique).
--
-- Schema: "whisper", the pack's shared schema (Pack.WHISPER.sharedSchema(), all.yaml), passed to
-- indexes.yaml as indexkit.whisper.schema. The application used the default schema (public); every
-- fixture uses its pack's shared schema so the schema parameter is always exercised.
--
-- Assumed (SQLAlchemy / Alembic on PostgreSQL in production, SQLite in development):
--   * only the columns the seed names (in its index definitions and code) exist; users.email,
--     metadata.job_id and the other columns of the pack's schema.yaml are not in the seed;
--   * id: every model has one (the seed joins User.id == job.user_id); Integer primary key -> SERIAL;
--   * user_id columns: Integer foreign keys to users.id;
--   * String columns -> varchar without length; Boolean is_active -> boolean;
--   * created_at, last_login, generated_at, timestamp: DateTime -> timestamp without time zone;
--   * processing_time_seconds, duration_seconds, metadata.duration: Float -> double precision;
--     file_size_bytes, tokens: Integer -> integer;
--   * username is NOT unique: the seed indexes it with a plain CREATE INDEX and never mentions a unique
--     constraint (the pack's schema.yaml has uq_users_username; this database does not);
--   * NOT NULL is not modelled: the seed never says which columns are nullable.
CREATE SCHEMA whisper;

CREATE TABLE whisper.users (
    id         SERIAL PRIMARY KEY,
    username   varchar,
    role       varchar,
    is_active  boolean,
    created_at timestamp,
    last_login timestamp
);

CREATE TABLE whisper.jobs (
    id                      SERIAL PRIMARY KEY,
    user_id                 integer REFERENCES whisper.users (id),
    status                  varchar,
    model                   varchar,
    file_size_bytes         integer,
    duration_seconds        double precision,
    processing_time_seconds double precision,
    created_at              timestamp
);

CREATE TABLE whisper.metadata (
    id           SERIAL PRIMARY KEY,
    language     varchar,
    duration     double precision,
    tokens       integer,
    generated_at timestamp
);

CREATE TABLE whisper.audit_logs (
    id         SERIAL PRIMARY KEY,
    user_id    integer REFERENCES whisper.users (id),
    event_type varchar,
    severity   varchar,
    endpoint   varchar,
    client_ip  varchar,
    "timestamp" timestamp
);

-- User Table Indexes (seed, verbatim but schema-qualified)
CREATE INDEX idx_users_username ON whisper.users(username);
CREATE INDEX idx_users_role ON whisper.users(role);
CREATE INDEX idx_users_active ON whisper.users(is_active);
CREATE INDEX idx_users_created_at ON whisper.users(created_at);
CREATE INDEX idx_users_last_login ON whisper.users(last_login);
CREATE INDEX idx_users_role_active ON whisper.users(role, is_active);
CREATE INDEX idx_users_active_created ON whisper.users(is_active, created_at);

-- Job Table Indexes
CREATE INDEX idx_jobs_status ON whisper.jobs(status);
CREATE INDEX idx_jobs_created_at ON whisper.jobs(created_at);
CREATE INDEX idx_jobs_user_id ON whisper.jobs(user_id);
CREATE INDEX idx_jobs_model ON whisper.jobs(model);
CREATE INDEX idx_jobs_processing_time ON whisper.jobs(processing_time_seconds);
CREATE INDEX idx_jobs_file_size ON whisper.jobs(file_size_bytes);
CREATE INDEX idx_jobs_duration ON whisper.jobs(duration_seconds);
CREATE INDEX idx_jobs_user_status_created ON whisper.jobs(user_id, status, created_at);
CREATE INDEX idx_jobs_status_model_created ON whisper.jobs(status, model, created_at);
CREATE INDEX idx_jobs_created_status_model ON whisper.jobs(created_at, status, model);

-- Metadata Table Indexes
CREATE INDEX idx_metadata_language ON whisper.metadata(language);
CREATE INDEX idx_metadata_generated_at ON whisper.metadata(generated_at);
CREATE INDEX idx_metadata_duration ON whisper.metadata(duration);
CREATE INDEX idx_metadata_tokens ON whisper.metadata(tokens);
CREATE INDEX idx_metadata_lang_duration ON whisper.metadata(language, duration);
CREATE INDEX idx_metadata_lang_tokens ON whisper.metadata(language, tokens);
CREATE INDEX idx_metadata_generated_lang ON whisper.metadata(generated_at, language);

-- Audit Log Indexes
CREATE INDEX idx_audit_endpoint_time ON whisper.audit_logs(endpoint, timestamp);
CREATE INDEX idx_audit_ip_event_time ON whisper.audit_logs(client_ip, event_type, timestamp);
CREATE INDEX idx_audit_user_event_time ON whisper.audit_logs(user_id, event_type, timestamp);
CREATE INDEX idx_audit_severity_event_time ON whisper.audit_logs(severity, event_type, timestamp);
