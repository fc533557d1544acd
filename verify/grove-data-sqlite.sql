-- The SQLite twin of grove-data.sql (seed 003's application develops on SQLite): the same shapes per
-- scale unit, made with recursive CTEs since SQLite has no generate_series. :scale is the scale
-- factor. Then ANALYZE (sqlite_stat1 and, where compiled in, sqlite_stat4) so the planner sees them.
-- 500 tenants with Zipf-like sizes; users 50k (each in one tenant); conversations 200k; messages 400k;
-- documents 100k (95% ready, 3% pending, 2% processing); 5 chunks per document; groves 5k (one client
-- app per grove); branches 20k (80% active).
-- The random numbers are the MINSTD sequence (x * 48271 mod 2^31-1) from a fixed seed, as
-- setseed(0.42) fixes them on PostgreSQL: the same rows, so the same plans, on every run. A row using
-- k numbers reads x * 48271^j mod p for j < k and hands x * 48271^k mod p to the next row
-- (48271^j mod p: 48271, 182605794, 1291394886, 1914720637).
-- Timestamps are TEXT as datetime() writes them ('YYYY-MM-DD HH:MM:SS', UTC), the form SQLAlchemy stores.
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 42
    UNION ALL
    SELECT n + 1, x * 182605794 % 2147483647 FROM g WHERE n < 50000 * :scale)
INSERT INTO users (id, tenant_id, email, name, created_at)
SELECT n, CAST(500 * r1 * r1 * r1 AS INTEGER) + 1, 'user' || n || '@example.com', 'User ' || n,
       datetime('now', '-' || CAST(r2 * 730 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2 FROM g);
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 4242
    UNION ALL
    SELECT n + 1, x * 182605794 % 2147483647 FROM g WHERE n < 200000 * :scale)
INSERT INTO conversations (id, tenant_id, user_id, title, created_at)
SELECT n, u.tenant_id, u.id, 'conversation ' || n, datetime('now', '-' || CAST(r2 * 730 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, CAST(x / 2147483647.0 * 50000 * :scale AS INTEGER) + 1 AS uid, x * 48271 % 2147483647 / 2147483647.0 AS r2 FROM g) s
JOIN users u ON u.id = s.uid;
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 424242
    UNION ALL
    SELECT n + 1, x * 1291394886 % 2147483647 FROM g WHERE n < 400000 * :scale)
INSERT INTO messages (conversation_id, role, content, created_at)
SELECT CAST(r1 * 200000 * :scale AS INTEGER) + 1, CASE WHEN r2 < 0.5 THEN 'user' ELSE 'assistant' END,
       'message ' || n, datetime('now', '-' || CAST(r3 * 730 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2,
             x * 182605794 % 2147483647 / 2147483647.0 AS r3 FROM g);
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 42424242
    UNION ALL
    SELECT n + 1, x * 1291394886 % 2147483647 FROM g WHERE n < 100000 * :scale)
INSERT INTO documents (id, tenant_id, user_id, title, status, created_at)
SELECT n, u.tenant_id, u.id, 'document ' || n,
       CASE WHEN r < 0.95 THEN 'ready' WHEN r < 0.98 THEN 'pending' ELSE 'processing' END,
       datetime('now', '-' || CAST(r3 * 730 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, x / 2147483647.0 AS r, CAST(x * 48271 % 2147483647 / 2147483647.0 * 50000 * :scale AS INTEGER) + 1 AS uid,
             x * 182605794 % 2147483647 / 2147483647.0 AS r3 FROM g) s
JOIN users u ON u.id = s.uid;
WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < 100000 * :scale),
               c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 4)
INSERT INTO document_chunks (document_id, chunk_index, content)
SELECT n, i, 'chunk ' || i FROM d, c ORDER BY n, i;
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 4242424242 % 2147483647
    UNION ALL
    SELECT n + 1, x * 182605794 % 2147483647 FROM g WHERE n < 5000 * :scale)
INSERT INTO groves (id, tenant_id, client_app_id, name, created_at)
SELECT n, CAST(500 * r1 * r1 * r1 AS INTEGER) + 1, n * 7, 'grove ' || n,
       datetime('now', '-' || CAST(r2 * 730 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2 FROM g);
WITH RECURSIVE g(n, x) AS (
    SELECT 1, 7
    UNION ALL
    SELECT n + 1, x * 1291394886 % 2147483647 FROM g WHERE n < 20000 * :scale)
INSERT INTO branches (grove_id, name, status, created_at)
SELECT CAST(r1 * 5000 * :scale AS INTEGER) + 1, 'branch ' || n, CASE WHEN r2 < 0.8 THEN 'active' ELSE 'archived' END,
       datetime('now', '-' || CAST(r3 * 730 * 86400 AS INTEGER) || ' seconds')
FROM (SELECT n, x / 2147483647.0 AS r1, x * 48271 % 2147483647 / 2147483647.0 AS r2,
             x * 182605794 % 2147483647 / 2147483647.0 AS r3 FROM g);
ANALYZE;
