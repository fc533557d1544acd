-- Production-shaped data for the mina pack (seed 000). :scale is the scale factor (1 in CI).
-- Shapes, per scale unit:
--   2,000 workspaces with Zipf-like sizes (workspace = floor(2000 * random()^3) + 1: a few large
--   ones, a long tail of small ones); 20,000 users; timestamps spread over the last two years.
--   sessions 50k: 95% ended, 4% active, 1% failed.
--   meetings 100k: 85% completed, 10% scheduled, 5% cancelled; half have a transcription session.
--   analytics: one per completed meeting with 80% chance; 90% completed, 8% pending, 2% failed.
--   tasks 200k: 85% completed, 10% todo, 5% in_progress; due within 30 days of creation; 5% depend
--   on another task.
--   participants 300k; segments 400k: 70% final, 30% partial.
-- Query literals in verify/mina.yaml pick a mid-sized workspace (500) and ordinary users, as an
-- application would send, not the largest tenant.
SELECT setseed(0.42);
INSERT INTO sessions (id, external_id, status, started_at, ended_at)
SELECT g, 'ext-' || g,
       CASE WHEN r < 0.04 THEN 'active' WHEN r < 0.05 THEN 'failed' ELSE 'ended' END,
       ts, ts + interval '45 minutes'
FROM (SELECT g, random() AS r, now() - random() * interval '730 days' AS ts
      FROM generate_series(1, 50000 * :scale) g) s;
INSERT INTO meetings (id, workspace_id, organizer_id, session_id, title, status, scheduled_start, scheduled_end, created_at)
SELECT g, floor(2000 * power(random(), 3))::int + 1, floor(random() * 20000 * :scale)::int + 1,
       CASE WHEN g % 2 = 0 THEN g / 2 END, 'meeting ' || g,
       CASE WHEN r < 0.85 THEN 'completed' WHEN r < 0.95 THEN 'scheduled' ELSE 'cancelled' END,
       ts + random() * interval '30 days', ts + random() * interval '30 days' + interval '1 hour', ts
FROM (SELECT g, random() AS r, now() - random() * interval '730 days' AS ts
      FROM generate_series(1, 100000 * :scale) g) s;
INSERT INTO analytics (meeting_id, analysis_status, sentiment_score, created_at)
SELECT m.id, CASE WHEN r < 0.90 THEN 'completed' WHEN r < 0.98 THEN 'pending' ELSE 'failed' END,
       random(), m.created_at + interval '1 hour'
FROM (SELECT id, created_at, random() AS r, random() AS keep FROM meetings WHERE status = 'completed') m
WHERE keep < 0.8;
INSERT INTO tasks (id, meeting_id, assigned_to_id, created_by_id, depends_on_task_id, title, status, due_date, created_at)
SELECT g, floor(random() * 100000 * :scale)::int + 1, floor(random() * 20000 * :scale)::int + 1,
       floor(random() * 20000 * :scale)::int + 1,
       CASE WHEN random() < 0.05 AND g > 1 THEN floor(random() * (g - 1))::int + 1 END,
       'task ' || g,
       CASE WHEN r < 0.85 THEN 'completed' WHEN r < 0.95 THEN 'todo' ELSE 'in_progress' END,
       (ts + random() * interval '30 days')::date, ts
FROM (SELECT g, random() AS r, now() - random() * interval '730 days' AS ts
      FROM generate_series(1, 200000 * :scale) g) s;
INSERT INTO participants (meeting_id, user_id, role, joined_at)
SELECT floor(random() * 100000 * :scale)::int + 1, floor(random() * 20000 * :scale)::int + 1,
       CASE WHEN random() < 0.1 THEN 'host' ELSE 'guest' END, now() - random() * interval '730 days'
FROM generate_series(1, 300000 * :scale) g;
INSERT INTO segments (session_id, kind, text, start_ms, created_at)
SELECT floor(random() * 50000 * :scale)::int + 1, CASE WHEN random() < 0.7 THEN 'final' ELSE 'partial' END,
       'segment text ' || g, g % 3600000, now() - random() * interval '730 days'
FROM generate_series(1, 400000 * :scale) g;
