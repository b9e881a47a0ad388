-- Hires made before the organisation existed subscribe to their tasks and messages only: give
-- each active hire's agent the handoff subscription new hires get (src/marketplace/hires.ts),
-- so colleagues' handoffs and results reach it.
INSERT INTO subscriptions (instance_id, event_pattern, subject_exact, subject_glob, customer_id)
SELECT s.instance_id, 'handoff.*', s.subject_exact, s.subject_glob, s.customer_id
FROM subscriptions s
JOIN hires h ON h.instance_id = s.instance_id AND h.status = 'active'
WHERE s.event_pattern = 'task.assigned' AND s.subject_glob LIKE 'hire:%'
  AND NOT EXISTS (SELECT 1 FROM subscriptions x WHERE x.instance_id = s.instance_id AND x.event_pattern = 'handoff.*');
