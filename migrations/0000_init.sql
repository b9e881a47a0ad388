CREATE TABLE `agent_definitions` (
	`slug` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`coe` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`definition` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `agent_instances` (
	`id` text PRIMARY KEY NOT NULL,
	`definition_slug` text NOT NULL,
	`state` text NOT NULL,
	`customer_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agent_instances_definition` ON `agent_instances` (`definition_slug`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`message` text NOT NULL,
	`error` text NOT NULL,
	`attempts` integer NOT NULL,
	`dead_at` integer NOT NULL,
	`replayed_at` integer,
	`replay_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`instance_id` text NOT NULL,
	`event_id` text NOT NULL,
	`trace_id` text NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`tier` text NOT NULL,
	`rule_id` text,
	`delegate_to` text,
	`latency_ms` integer NOT NULL,
	`decided_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `decisions_instance` ON `decisions` (`instance_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`source` text NOT NULL,
	`subject` text NOT NULL,
	`customer_id` text,
	`trace_id` text NOT NULL,
	`occurred_at` text NOT NULL,
	`received_at` integer NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`matched_count` integer,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `events_received` ON `events` (`received_at`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instance_id` text NOT NULL,
	`event_pattern` text NOT NULL,
	`subject_exact` text,
	`subject_glob` text,
	`customer_id` text
);
--> statement-breakpoint
CREATE INDEX `subscriptions_lookup` ON `subscriptions` (`event_pattern`,`customer_id`,`subject_exact`);--> statement-breakpoint
CREATE INDEX `subscriptions_instance` ON `subscriptions` (`instance_id`);--> statement-breakpoint
CREATE TABLE `wake_log` (
	`event_id` text NOT NULL,
	`instance_id` text NOT NULL,
	`outcome` text NOT NULL,
	`decision_id` text,
	`received_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `instance_id`)
);
--> statement-breakpoint
CREATE INDEX `wake_log_received` ON `wake_log` (`received_at`);