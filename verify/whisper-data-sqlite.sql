-- The SQLite twin of whisper-data.sql (seed 001's application develops on SQLite): the same shapes
-- per scale unit, made with recursive CTEs since SQLite has no generate_series. :scale is the scale
-- factor. Then ANALYZE (sqlite_stat1 and, where compiled in, sqlite_stat4) so the planner sees them.
-- users 20k (0.5% admin, 4.5% moderator; 90% active); jobs 300k over two years (90% completed, 5%
-- failed, 3% queued, 2% processing; five models; users Zipf-like); metadata for completed jobs
-- (language skewed: en 60%, es 15%, de 8%, fr 7%, rest rare); audit_logs 300k (95% info, 4% warning,
-- 0.8% error, 0.2% critical; 50 endpoints; 5,000 client IPs).
-- The random numbers are the MINSTD sequence (x * 48271 mod 2^31-1) from a fixed seed, as
-- setseed(0.42) fixes them on PostgreSQL: the same rows, so the same plans, on every run. A row using
-- k numbers reads x * 48271^j mod p for j < k and hands x * 48271^k mod p to the next row
-- (48271^j mod p: 48271, 182605794, 1291394886, 1914720637, 2078669041, 407355683, 1105902161).
-- Timestamps are TEXT as datetime() writes them ('YYYY-MM-DD HH:MM:SS', UTC), the form SQLAlchemy
-- stores and the catalog's datetime('now', ...) bounds compare with.
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 42
    UNION ALL
    SELECT n + 1, x * 1291394886 % 2147483647 FROM g WHERE n < 20000 * :scale)
INSERT INTO users (id, username, email, role, is_active, created_at, last_login)
SELECT n, 'user' || n, 'user' || n || '@example.com',
       CASE WHEN r1 < 0.005 THEN 'admin' WHEN r1 < 0.05 THEN 'moderator' ELSE 'user' END,
       r2 < 0.9, datetime('now', '-' || CAST(r3 * 730 * 86400 AS INTEGER) || ' seconds'),
       datetime('now', '-' || CAST(r1 * 60 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2,
             x * 182605794 % 2147483647 / 2147483647.0 AS r3 FROM g);
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 4242
    UNION ALL
    SELECT n + 1, x * 1105902161 % 2147483647 FROM g WHERE n < 300000 * :scale)
INSERT INTO jobs (id, user_id, status, model, original_filename, file_size_bytes, duration_seconds, processing_time_seconds, created_at, completed_at)
SELECT n, CAST(20000 * :scale * r1 * r1 AS INTEGER) + 1,
       CASE WHEN r2 < 0.90 THEN 'completed' WHEN r2 < 0.95 THEN 'failed' WHEN r2 < 0.98 THEN 'queued' ELSE 'processing' END,
       CASE CAST(r3 * 5 AS INTEGER) WHEN 0 THEN 'tiny' WHEN 1 THEN 'base' WHEN 2 THEN 'small' WHEN 3 THEN 'medium' ELSE 'large' END,
       'audio' || n || '.mp3', CAST(r4 * 50000000 AS INTEGER), r5 * 3600, r6 * 600, ts, datetime(ts, '+5 minutes')
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2,
             x * 182605794 % 2147483647 / 2147483647.0 AS r3, x * 1291394886 % 2147483647 / 2147483647.0 AS r4,
             x * 1914720637 % 2147483647 / 2147483647.0 AS r5, x * 2078669041 % 2147483647 / 2147483647.0 AS r6,
             datetime('now', '-' || CAST(x * 407355683 % 2147483647 / 2147483647.0 * 730 * 86400 AS INTEGER) || ' seconds') AS ts
      FROM g);
-- Three numbers per completed job from its id (id * 48271^j mod p: distinct ids, distinct numbers).
INSERT INTO metadata (job_id, language, duration, tokens, generated_at)
SELECT id, CASE WHEN r < 0.60 THEN 'en' WHEN r < 0.75 THEN 'es' WHEN r < 0.83 THEN 'de' WHEN r < 0.90 THEN 'fr'
                WHEN r < 0.95 THEN 'pt' WHEN r < 0.98 THEN 'it' ELSE 'nl' END,
       d * 3600, CAST(t * 20000 AS INTEGER), completed_at
FROM (SELECT id, completed_at, id * 1914720637 % 2147483647 / 2147483647.0 AS r, id * 2078669041 % 2147483647 / 2147483647.0 AS d,
             id * 407355683 % 2147483647 / 2147483647.0 AS t FROM jobs WHERE status = 'completed');
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 424242
    UNION ALL
    SELECT n + 1, x * 1105902161 % 2147483647 FROM g WHERE n < 300000 * :scale)
INSERT INTO audit_logs (user_id, event_type, severity, endpoint, client_ip, "timestamp", details)
SELECT CAST(r1 * 20000 * :scale AS INTEGER) + 1,
       CASE CAST(r2 * 8 AS INTEGER) WHEN 0 THEN 'login' WHEN 1 THEN 'logout' WHEN 2 THEN 'login_failed' WHEN 3 THEN 'job_created'
            WHEN 4 THEN 'job_deleted' WHEN 5 THEN 'download' WHEN 6 THEN 'settings' ELSE 'api_key' END,
       CASE WHEN r3 < 0.95 THEN 'info' WHEN r3 < 0.99 THEN 'warning' WHEN r3 < 0.998 THEN 'error' ELSE 'critical' END,
       '/api/endpoint/' || CAST(r4 * 50 AS INTEGER), '10.0.' || CAST(r5 * 20 AS INTEGER) || '.' || CAST(r6 * 250 AS INTEGER),
       datetime('now', '-' || CAST(r7 * 730 * 86400 AS INTEGER) || ' seconds'), 'details ' || n
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2,
             x * 182605794 % 2147483647 / 2147483647.0 AS r3, x * 1291394886 % 2147483647 / 2147483647.0 AS r4,
             x * 1914720637 % 2147483647 / 2147483647.0 AS r5, x * 2078669041 % 2147483647 / 2147483647.0 AS r6,
             x * 407355683 % 2147483647 / 2147483647.0 AS r7 FROM g);
ANALYZE;
