CREATE TABLE `learned_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`situation_key` text NOT NULL,
	`customer_id` text NOT NULL,
	`canonical` text NOT NULL,
	`event_type` text NOT NULL,
	`definition_slug` text NOT NULL,
	`action` text NOT NULL,
	`delegate_to` text,
	`reason` text NOT NULL,
	`note` text,
	`provenance` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	`revoke_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learned_rules_active_situation` ON `learned_rules` (`scope`,`situation_key`,`customer_id`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `learned_rules_customer` ON `learned_rules` (`customer_id`,`definition_slug`,`id`);--> statement-breakpoint
CREATE INDEX `learned_rules_definition` ON `learned_rules` (`definition_slug`,`id`);--> statement-breakpoint
CREATE TABLE `learning_evidence` (
	`decision_id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`situation_key` text NOT NULL,
	`customer_id` text NOT NULL,
	`definition_slug` text NOT NULL,
	`instance_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`canonical` text NOT NULL,
	`tier` text NOT NULL,
	`rule_id` text,
	`action` text NOT NULL,
	`delegate_to` text,
	`reason` text NOT NULL,
	`note` text,
	`has_output` integer NOT NULL,
	`sentiment` text NOT NULL,
	`decided_at` integer NOT NULL,
	`rated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `learning_evidence_situation` ON `learning_evidence` (`scope`,`situation_key`,`customer_id`);