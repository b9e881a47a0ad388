-- Hires spawned before learning from feedback did not subscribe to `feedback.received`: give
-- every hire's agent the subscription new hires get (the same subject as its customer
-- messages), so task ratings reach it. Idempotent: agents that have one are left alone.
INSERT INTO `subscriptions` (`instance_id`, `event_pattern`, `subject_exact`, `subject_glob`, `customer_id`)
SELECT s.`instance_id`, 'feedback.received', s.`subject_exact`, s.`subject_glob`, s.`customer_id`
FROM `subscriptions` s
WHERE s.`event_pattern` = 'customer.message'
  AND s.`instance_id` IN (SELECT `instance_id` FROM `hires`)
  AND NOT EXISTS (
    SELECT 1 FROM `subscriptions` f WHERE f.`instance_id` = s.`instance_id` AND f.`event_pattern` = 'feedback.received'
  );
