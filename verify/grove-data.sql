-- Production-shaped data for the grove pack (seed 003, multi-tenant). :scale is the scale factor.
-- Shapes, per scale unit: 500 tenants with Zipf-like sizes; users 50k (each in one tenant);
-- conversations 200k; messages 400k; documents 100k (95% ready, 3% pending, 2% processing);
-- 5 chunks per document; groves 5k (one client app per grove); branches 20k (80% active).
SELECT setseed(0.42);
INSERT INTO users (id, tenant_id, email, name, created_at)
SELECT g, floor(500 * power(random(), 3))::int + 1, 'user' || g || '@example.com', 'User ' || g,
       now() - random() * interval '730 days'
FROM generate_series(1, 50000 * :scale) g;
INSERT INTO conversations (id, tenant_id, user_id, title, created_at)
SELECT g, u.tenant_id, u.id, 'conversation ' || g, now() - random() * interval '730 days'
FROM (SELECT g, floor(random() * 50000 * :scale)::int + 1 AS uid FROM generate_series(1, 200000 * :scale) g) s
JOIN users u ON u.id = s.uid;
INSERT INTO messages (conversation_id, role, content, created_at)
SELECT floor(random() * 200000 * :scale)::int + 1, CASE WHEN random() < 0.5 THEN 'user' ELSE 'assistant' END,
       'message ' || g, now() - random() * interval '730 days'
FROM generate_series(1, 400000 * :scale) g;
INSERT INTO documents (id, tenant_id, user_id, title, status, created_at)
SELECT g, u.tenant_id, u.id, 'document ' || g,
       CASE WHEN r < 0.95 THEN 'ready' WHEN r < 0.98 THEN 'pending' ELSE 'processing' END, now() - random() * interval '730 days'
FROM (SELECT g, random() AS r, floor(random() * 50000 * :scale)::int + 1 AS uid FROM generate_series(1, 100000 * :scale) g) s
JOIN users u ON u.id = s.uid;
INSERT INTO document_chunks (document_id, chunk_index, content)
SELECT d, c, 'chunk ' || c FROM generate_series(1, 100000 * :scale) d, generate_series(0, 4) c;
INSERT INTO groves (id, tenant_id, client_app_id, name, created_at)
SELECT g, floor(500 * power(random(), 3))::int + 1, g * 7, 'grove ' || g, now() - random() * interval '730 days'
FROM generate_series(1, 5000 * :scale) g;
INSERT INTO branches (grove_id, name, status, created_at)
SELECT floor(random() * 5000 * :scale)::int + 1, 'branch ' || g, CASE WHEN random() < 0.8 THEN 'active' ELSE 'archived' END,
       now() - random() * interval '730 days'
FROM generate_series(1, 20000 * :scale) g;
