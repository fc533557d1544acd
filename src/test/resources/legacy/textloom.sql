-- Legacy fixture for pack "textloom": the database of the TextLoom video-generation service when
-- seed /work/shared/seeds/002_a9cd6831253e16ba.txt ("TextLoom Database Performance Optimization
-- Analysis", migration b15222e11ab9_add_performance_indexes_for_core_tables) was written.
--
-- What shipped: nothing of the plan. The migration's status is "Ready for deployment" (rollback
-- target 3737e96ea445 is the revision the database is at); its "Pre-Migration Baseline Queries"
-- describe this database: primary keys only, "Full table scans on tasks table", no index on
-- media_items(task_id) or material_analyses(task_id). So no secondary index below.
--
-- Schema: textloom_core, as the seed's queries name it; it is also the pack's shared schema
-- (Pack.TEXTLOOM.sharedSchema()) and indexes.yaml's default, passed as indexkit.textloom.schema.
--
-- Assumed (async SQLAlchemy + Alembic on PostgreSQL, `uv run alembic`):
--   * tables are the six the seed lists; columns are only those the seed names, in its queries and
--     in its index names (idx_<table>_<columns>: e.g. idx_material_analyses_task_status ->
--     material_analyses.task_id, status). Not in the seed, so not here: material_analyses.media_item_id,
--     script_contents.task_id, script_contents.content, sub_video_tasks.status (the seed says the
--     parent_task_id index serves "Multi-video status" but never names a status column),
--     titles, media_type, result and the other columns of the pack's schema.yaml;
--   * ids: tasks.id is a UUID (the seed queries WHERE t.id = 'example-uuid' and media_items.task_id
--     = 'example-uuid'); the other tables' ids are not shown and are taken to be UUIDs too
--     (personas.id included, so script_contents.persona_id is uuid);
--   * foreign keys: task_id and parent_task_id -> tasks.id ("foreign key lookups"),
--     persona_id -> personas.id ("Persona-based scripts");
--   * status and task_type: String -> varchar (the seed compares them with string literals,
--     'processing', 'TEXT_TO_VIDEO'; a native ENUM would change nothing for the pack's indexes);
--   * celery_task_id: String -> varchar; original_url: Text -> text (a URL of any length);
--   * is_preset: Boolean -> boolean; created_at: DateTime -> timestamp without time zone;
--   * NOT NULL is not modelled: the seed never says which columns are nullable.
CREATE SCHEMA textloom_core;

CREATE TABLE textloom_core.tasks (
    id             uuid PRIMARY KEY,
    task_type      varchar,
    status         varchar,
    celery_task_id varchar,
    created_at     timestamp
);

CREATE TABLE textloom_core.media_items (
    id           uuid PRIMARY KEY,
    task_id      uuid REFERENCES textloom_core.tasks (id),
    original_url text
);

CREATE TABLE textloom_core.material_analyses (
    id      uuid PRIMARY KEY,
    task_id uuid REFERENCES textloom_core.tasks (id),
    status  varchar
);

CREATE TABLE textloom_core.sub_video_tasks (
    id             uuid PRIMARY KEY,
    parent_task_id uuid REFERENCES textloom_core.tasks (id)
);

CREATE TABLE textloom_core.personas (
    id        uuid PRIMARY KEY,
    is_preset boolean
);

CREATE TABLE textloom_core.script_contents (
    id         uuid PRIMARY KEY,
    persona_id uuid REFERENCES textloom_core.personas (id)
);
