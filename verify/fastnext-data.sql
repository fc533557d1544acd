-- Production-shaped data for the fastnext pack (seed 004). :scale is the scale factor (1 in CI).
-- The log's history is anchored to a fixed instant, 2026-06-15 12:00 UTC (mid-month), not to now():
-- the catalog's window queries bind that instant as the application binds its own clock, so the
-- data and the plans are the same on whatever day, hour or session time zone they are run (a history
-- that ended at now() left the current partition a few hours of rows on the 1st of every month).
-- activity_logs gets January to June 2026 as partitions (month bounds in UTC, as
-- ensureMonthlyPartitions makes them), then about 100k rows a month per scale unit up to the
-- anchor, in time order as a log receives them (in epoch seconds: day and month arithmetic on
-- timestamptz follows the session's zone across DST); the other tables' dates end at the anchor too. users 100k; workflow_templates
-- 20k whose config names a trigger (webhook is 2%); audit_trails 300k, 1% of them carrying an
-- impersonated_by key.
SELECT setseed(0.42);
DO $$ DECLARE m timestamp; BEGIN FOR i IN 0..5 LOOP m := timestamp '2026-06-01 00:00:00' - make_interval(months => i); EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF activity_logs FOR VALUES FROM (%L) TO (%L)', 'activity_logs_' || to_char(m, 'YYYY_MM'), m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC'); END LOOP; END $$;
INSERT INTO users (id, email, username, is_active, created_at)
SELECT g, 'user' || g || '@example.com', 'user' || g, random() < 0.9, timestamptz '2026-06-15 12:00:00+00' - random() * interval '730 days'
FROM generate_series(1, 100000 * :scale) g;
INSERT INTO activity_logs (user_id, action, details, ip_address, user_agent, "timestamp")
SELECT floor(100000 * :scale * power(random(), 2))::int + 1,
       (ARRAY['login', 'view', 'edit', 'export', 'logout'])[floor(random() * 5)::int + 1],
       '{}'::jsonb, '10.0.0.' || (g % 250), 'agent',
       to_timestamp(extract(epoch FROM timestamptz '2026-01-01 00:00:00+00')
         + (g::double precision / (550000 * :scale))
           * (extract(epoch FROM timestamptz '2026-06-15 12:00:00+00') - extract(epoch FROM timestamptz '2026-01-01 00:00:00+00')))
FROM generate_series(1, 550000 * :scale) g;
INSERT INTO workflow_templates (id, name, description, config, is_active, created_at)
SELECT g, 'template ' || g,
       CASE WHEN g % 500 = 0 THEN 'Sends the monthly invoice reminder' ELSE 'Routes a ticket to the right team' END,
       jsonb_build_object('trigger', CASE WHEN random() < 0.02 THEN 'webhook' ELSE 'schedule' END,
                          'steps', floor(random() * 10)::int, 'team', 't' || (g % 100)),
       random() < 0.8, timestamptz '2026-06-15 12:00:00+00' - random() * interval '730 days'
FROM generate_series(1, 20000 * :scale) g;
INSERT INTO audit_trails (entity_type, entity_id, action, user_id, metadata, created_at)
SELECT (ARRAY['user', 'template', 'invoice'])[floor(random() * 3)::int + 1], g, 'update', floor(random() * 100000)::int + 1,
       CASE WHEN random() < 0.01 THEN jsonb_build_object('ip', '10.1.1.1', 'impersonated_by', g % 50)
            ELSE jsonb_build_object('ip', '10.0.0.' || (g % 250), 'source', 'web') END,
       timestamptz '2026-06-15 12:00:00+00' - random() * interval '730 days'
FROM generate_series(1, 300000 * :scale) g;
