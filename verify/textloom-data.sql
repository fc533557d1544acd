-- Production-shaped data for the textloom pack (seed 002). :scale is the scale factor (1 in CI).
-- Ids are UUIDs derived from a counter (md5(n || 'task')::uuid), so queries can name a real row.
-- Shapes, per scale unit: tasks 200k over two years (90% completed, 5% failed, 3% processing,
-- 2% pending; task types skewed: IMAGE_TO_VIDEO 60%, SCRIPT_TO_VIDEO 30%, TEXT_TO_VIDEO 7%, AVATAR 3%;
-- 99% have a Celery id); media_items 400k (1% of URLs longer than 3 kB, past a B-tree's limit);
-- material_analyses 300k; sub_video_tasks 300k; 50 personas (10 presets); script_contents 100k of
-- multilingual prose.
SELECT setseed(0.42);
INSERT INTO tasks (id, task_type, status, celery_task_id, title, created_at, updated_at)
SELECT md5(g || 'task')::uuid,
       CASE WHEN t < 0.60 THEN 'IMAGE_TO_VIDEO' WHEN t < 0.90 THEN 'SCRIPT_TO_VIDEO' WHEN t < 0.97 THEN 'TEXT_TO_VIDEO' ELSE 'AVATAR' END,
       CASE WHEN r < 0.90 THEN 'completed' WHEN r < 0.95 THEN 'failed' WHEN r < 0.98 THEN 'processing' ELSE 'pending' END,
       CASE WHEN random() < 0.99 THEN 'celery-' || g END, 'task ' || g, ts, ts + interval '10 minutes'
FROM (SELECT g, random() AS r, random() AS t, now() - random() * interval '730 days' AS ts
      FROM generate_series(1, 200000 * :scale) g) s;
INSERT INTO media_items (id, task_id, media_type, original_url, created_at)
SELECT md5(g || 'media')::uuid, md5((floor(random() * 200000 * :scale)::int + 1) || 'task')::uuid,
       CASE WHEN random() < 0.7 THEN 'image' ELSE 'video' END,
       'https://cdn.example.com/media/' || g || CASE WHEN random() < 0.01 THEN '?sig=' || repeat(md5(g::text), 100) ELSE '.jpg' END,
       now() - random() * interval '730 days'
FROM generate_series(1, 400000 * :scale) g;
INSERT INTO material_analyses (id, task_id, media_item_id, status, result, created_at)
SELECT md5(g || 'analysis')::uuid, md5((floor(random() * 200000 * :scale)::int + 1) || 'task')::uuid,
       md5((floor(random() * 400000 * :scale)::int + 1) || 'media')::uuid,
       CASE WHEN random() < 0.92 THEN 'completed' ELSE 'pending' END, '{}', now() - random() * interval '730 days'
FROM generate_series(1, 300000 * :scale) g;
INSERT INTO sub_video_tasks (id, parent_task_id, video_index, status, created_at)
SELECT md5(g || 'sub')::uuid, md5((floor(random() * 200000 * :scale)::int + 1) || 'task')::uuid, g % 8,
       CASE WHEN random() < 0.9 THEN 'completed' ELSE 'processing' END, now() - random() * interval '730 days'
FROM generate_series(1, 300000 * :scale) g;
INSERT INTO personas (id, name, is_preset, created_at)
SELECT g, 'persona ' || g, g <= 10, now() - g * interval '1 day' FROM generate_series(1, 50) g;
INSERT INTO script_contents (id, task_id, persona_id, content, created_at)
SELECT md5(g || 'script')::uuid, md5((floor(random() * 200000 * :scale)::int + 1) || 'task')::uuid,
       floor(random() * 50)::int + 1,
       (SELECT string_agg((ARRAY['the', 'video', 'shows', 'a', 'city', 'night', 'river', 'market', 'story', 'voice',
                                 'morning', 'product', 'launch', 'welcome', 'journey', 'ocean', 'mountain', 'team'])[floor(random() * 18)::int + 1], ' ')
        FROM generate_series(1, 40) w WHERE g > 0) || CASE WHEN g % 5000 = 0 THEN ' lighthouse' ELSE '' END,
       now() - random() * interval '730 days'
FROM generate_series(1, 100000 * :scale) g;
