-- Production-shaped data for the whisper pack (seed 001). :scale is the scale factor (1 in CI).
-- Shapes, per scale unit: users 20k (0.5% admin, 4.5% moderator; 90% active); jobs 300k over two
-- years (90% completed, 5% failed, 3% queued, 2% processing; five models; users Zipf-like);
-- metadata for completed jobs (language skewed: en 60%, es 15%, de 8%, fr 7%, rest rare);
-- audit_logs 300k (95% info, 4% warning, 0.8% error, 0.2% critical; 50 endpoints; 5,000 client IPs).
SELECT setseed(0.42);
INSERT INTO users (id, username, email, role, is_active, created_at, last_login)
SELECT g, 'user' || g, 'user' || g || '@example.com',
       CASE WHEN r < 0.005 THEN 'admin' WHEN r < 0.05 THEN 'moderator' ELSE 'user' END,
       random() < 0.9, now() - random() * interval '730 days', now() - random() * interval '60 days'
FROM (SELECT g, random() AS r FROM generate_series(1, 20000 * :scale) g) s;
INSERT INTO jobs (id, user_id, status, model, original_filename, file_size_bytes, duration_seconds, processing_time_seconds, created_at, completed_at)
SELECT g, floor(20000 * :scale * power(random(), 2))::int + 1,
       CASE WHEN r < 0.90 THEN 'completed' WHEN r < 0.95 THEN 'failed' WHEN r < 0.98 THEN 'queued' ELSE 'processing' END,
       (ARRAY['tiny', 'base', 'small', 'medium', 'large'])[floor(random() * 5)::int + 1],
       'audio' || g || '.mp3', (random() * 50000000)::bigint, random() * 3600, random() * 600, ts, ts + interval '5 minutes'
FROM (SELECT g, random() AS r, now() - random() * interval '730 days' AS ts FROM generate_series(1, 300000 * :scale) g) s;
INSERT INTO metadata (job_id, language, duration, tokens, generated_at)
SELECT id, CASE WHEN r < 0.60 THEN 'en' WHEN r < 0.75 THEN 'es' WHEN r < 0.83 THEN 'de' WHEN r < 0.90 THEN 'fr'
                WHEN r < 0.95 THEN 'pt' WHEN r < 0.98 THEN 'it' ELSE 'nl' END,
       random() * 3600, (random() * 20000)::int, completed_at
FROM (SELECT id, completed_at, random() AS r FROM jobs WHERE status = 'completed') j;
INSERT INTO audit_logs (user_id, event_type, severity, endpoint, client_ip, "timestamp", details)
SELECT floor(random() * 20000 * :scale)::int + 1,
       (ARRAY['login', 'logout', 'login_failed', 'job_created', 'job_deleted', 'download', 'settings', 'api_key'])[floor(random() * 8)::int + 1],
       CASE WHEN r < 0.95 THEN 'info' WHEN r < 0.99 THEN 'warning' WHEN r < 0.998 THEN 'error' ELSE 'critical' END,
       '/api/endpoint/' || floor(random() * 50)::int, '10.0.' || floor(random() * 20)::int || '.' || floor(random() * 250)::int,
       now() - random() * interval '730 days', 'details ' || g
FROM (SELECT g, random() AS r FROM generate_series(1, 300000 * :scale) g) s;
