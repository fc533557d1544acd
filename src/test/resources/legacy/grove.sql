-- Legacy fixture for pack "grove": the database of the Grove document and conversation service when
-- seed /work/shared/seeds/003_b3116c6ebd82dd8f.txt ("Task 2-42: Database Index Strategy") was written.
--
-- What shipped: nothing of the task. Its CURRENT STATE is "Basic primary key indexes, Some foreign key
-- indexes, No composite indexes", and every acceptance criterion ("Performance indexes added", ...)
-- is unchecked: add_performance_indexes is a plan. The "some foreign key indexes" are not named
-- (the task's analyzer would create exactly the missing ones), so none is invented here.
--
-- Schema: "grove", the pack's shared schema (Pack.GROVE.sharedSchema(), all.yaml), passed to
-- indexes.yaml as indexkit.grove.schema. The application used the default schema (public); every
-- fixture uses its pack's shared schema so the schema parameter is always exercised.
--
-- Assumed (async SQLAlchemy + Alembic; SQLite in development, PostgreSQL in production):
--   * tables are the seven the seed queries; columns are only those its analyzer, its migration and
--     its covering-index example name. Not in the seed, so not here: users.tenant_id,
--     groves.tenant_id, groves.name, branches.name, messages.role/content, titles, chunk content;
--   * id: every model has one; Integer primary key -> SERIAL; user_id, conversation_id,
--     document_id, grove_id: Integer foreign keys to those tables;
--   * tenant_id and client_app_id: Integer -> integer (tenants and client apps are never described,
--     so no foreign key);
--   * email, name, status: String -> varchar without length; email is NOT unique: the seed creates
--     idx_users_email as a plain index and never mentions a unique constraint (the pack's
--     schema.yaml has uq_users_email; this database does not);
--   * chunk_index: Integer -> integer; created_at: DateTime -> timestamp without time zone;
--   * NOT NULL is not modelled: the seed never says which columns are nullable.
CREATE SCHEMA grove;

CREATE TABLE grove.users (
    id         SERIAL PRIMARY KEY,
    email      varchar,
    name       varchar,
    created_at timestamp
);

CREATE TABLE grove.conversations (
    id         SERIAL PRIMARY KEY,
    tenant_id  integer,
    user_id    integer REFERENCES grove.users (id),
    created_at timestamp
);

CREATE TABLE grove.messages (
    id              SERIAL PRIMARY KEY,
    conversation_id integer REFERENCES grove.conversations (id),
    created_at      timestamp
);

CREATE TABLE grove.documents (
    id         SERIAL PRIMARY KEY,
    tenant_id  integer,
    user_id    integer REFERENCES grove.users (id),
    status     varchar,
    created_at timestamp
);

CREATE TABLE grove.document_chunks (
    id          SERIAL PRIMARY KEY,
    document_id integer REFERENCES grove.documents (id),
    chunk_index integer
);

CREATE TABLE grove.groves (
    id            SERIAL PRIMARY KEY,
    client_app_id integer,
    created_at    timestamp
);

CREATE TABLE grove.branches (
    id       SERIAL PRIMARY KEY,
    grove_id integer REFERENCES grove.groves (id),
    status   varchar
);
