-- Legacy fixture for pack "mina": the database as the Mina meetings application had it when
-- seed /work/shared/seeds/000_0dfa9cd3df21ad80.txt ("Database Optimization Plan, Mina") was written.
--
-- What shipped: nothing of the plan. The seed's status is "Optimization plan ready for
-- implementation"; its Phases 1-4 (perf_indexes_001 and the Phase 3 indexes) are proposals. The
-- only secondary indexes the seed says exist are the ones its audit tables mark "Has index":
--   analytics.meeting_id  "FK (unique), Has index (unique constraint)"  -> analytics_meeting_id_key
--   sessions.external_id  "String (unique), Has index"                  -> sessions_external_id_key
--   segments.session_id   "FK, Has index"                               -> ix_segments_session_id
--
-- Schema: "mina", the pack's shared schema (Pack.MINA.sharedSchema(), all.yaml), passed to
-- indexes.yaml as indexkit.mina.schema. The application itself used public (its monitoring
-- queries filter schemaname = 'public'); every fixture uses its pack's shared schema so the
-- schema parameter is always exercised and all five fixtures could share one database.
--
-- Assumed (the seed is a SQLAlchemy 2.0 / Flask-SQLAlchemy / Alembic application on PostgreSQL):
--   * tables and columns are only those the seed names (its audit tables, Alembic code and queries);
--     columns the seed never mentions are left out, even where the pack's own schema.yaml has them;
--   * id: every model has one (the seed filters Meeting by id); Integer primary key -> SERIAL;
--   * "FK" columns: Integer -> integer. Foreign keys are declared only where both tables are in the
--     seed (workspaces and users are referenced but never described, so workspace_id, organizer_id,
--     assigned_to_id, created_by_id and participants.user_id are plain integers);
--   * "String" -> varchar without length (SQLAlchemy String; the seed gives no lengths);
--   * "DateTime" -> timestamp without time zone (SQLAlchemy DateTime default); "Date" -> date;
--   * meetings.title: read by the dashboard code (analytics.meeting.title), type not given -> varchar;
--   * unique=True columns -> UNIQUE constraints with PostgreSQL's default names (<table>_<column>_key);
--     index=True on segments.session_id -> SQLAlchemy's default name ix_<table>_<column>;
--   * NOT NULL is not modelled: the seed never says which columns are nullable.
CREATE SCHEMA mina;

CREATE TABLE mina.sessions (
    id          SERIAL PRIMARY KEY,
    external_id varchar UNIQUE,
    status      varchar,
    started_at  timestamp
);

CREATE TABLE mina.meetings (
    id              SERIAL PRIMARY KEY,
    workspace_id    integer,
    organizer_id    integer,
    session_id      integer REFERENCES mina.sessions (id),
    title           varchar,
    status          varchar,
    scheduled_start timestamp,
    created_at      timestamp
);

CREATE TABLE mina.analytics (
    id              SERIAL PRIMARY KEY,
    meeting_id      integer UNIQUE REFERENCES mina.meetings (id),
    analysis_status varchar,
    created_at      timestamp
);

CREATE TABLE mina.tasks (
    id                 SERIAL PRIMARY KEY,
    meeting_id         integer REFERENCES mina.meetings (id),
    assigned_to_id     integer,
    created_by_id      integer,
    depends_on_task_id integer REFERENCES mina.tasks (id),
    status             varchar,
    due_date           date,
    created_at         timestamp
);

CREATE TABLE mina.participants (
    id         SERIAL PRIMARY KEY,
    meeting_id integer REFERENCES mina.meetings (id),
    user_id    integer
);

CREATE TABLE mina.segments (
    id         SERIAL PRIMARY KEY,
    session_id integer REFERENCES mina.sessions (id),
    kind       varchar,
    created_at timestamp
);

-- Seed: segments.session_id "Has index" (Column(..., index=True)).
CREATE INDEX ix_segments_session_id ON mina.segments (session_id);
