CREATE TABLE `connected_repositories` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`repository` text NOT NULL,
	`full_name` text NOT NULL,
	`webhook_secret` text NOT NULL,
	`token` text,
	`vision_rules` text NOT NULL,
	`daily_report` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connected_repositories_full_name` ON `connected_repositories` (`full_name`);--> statement-breakpoint
CREATE INDEX `connected_repositories_customer` ON `connected_repositories` (`customer_id`);--> statement-breakpoint
CREATE TABLE `github_deliveries` (
	`id` text NOT NULL,
	`repository_id` text NOT NULL,
	`github_event` text NOT NULL,
	`action` text,
	`outcome` text NOT NULL,
	`reason` text,
	`event_id` text,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`repository_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `github_deliveries_repository` ON `github_deliveries` (`repository_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `output_threads` (
	`customer_id` text NOT NULL,
	`target` text NOT NULL,
	`key` text NOT NULL,
	`subject` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`state` text NOT NULL,
	`external_id` text,
	`external_url` text,
	`lease` integer,
	`create_attempted_at` integer,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `target`, `key`)
);
--> statement-breakpoint
CREATE INDEX `output_threads_subject` ON `output_threads` (`customer_id`,`target`,`subject`);--> statement-breakpoint
CREATE TABLE `outputs` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`instance_id` text,
	`hire_id` text,
	`task_id` text,
	`decision_id` text,
	`origin` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`target` text,
	`key` text NOT NULL,
	`subject` text,
	`state` text DEFAULT 'open' NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`external_url` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`posted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outputs_origin_key` ON `outputs` (`origin`,`key`);--> statement-breakpoint
CREATE INDEX `outputs_customer` ON `outputs` (`customer_id`,`id`);--> statement-breakpoint
CREATE INDEX `outputs_task` ON `outputs` (`task_id`);--> statement-breakpoint
CREATE INDEX `outputs_hire` ON `outputs` (`hire_id`,`id`);--> statement-breakpoint
CREATE INDEX `outputs_due` ON `outputs` (`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outputs_thread` ON `outputs` (`customer_id`,`key`);