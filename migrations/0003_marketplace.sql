CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`label` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_customer` ON `api_keys` (`customer_id`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hires` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`slug` text NOT NULL,
	`instance_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`ends_at` integer,
	`task_limit` integer,
	`converted_at` integer,
	`ended_at` integer,
	`end_reason` text
);
--> statement-breakpoint
CREATE INDEX `hires_customer` ON `hires` (`customer_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `hires_trial_end` ON `hires` (`status`,`ends_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`caller` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`body` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`caller`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `listings` (
	`slug` text PRIMARY KEY NOT NULL,
	`coe` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`tagline` text NOT NULL,
	`price_usd_per_month` real NOT NULL,
	`response_target_seconds` integer NOT NULL,
	`industries` text NOT NULL,
	`languages` text NOT NULL,
	`skills` text NOT NULL,
	`rating_avg` real,
	`rating_count` integer DEFAULT 0 NOT NULL,
	`rating_score` real NOT NULL,
	`trust_score` real NOT NULL,
	`tasks_finished` integer DEFAULT 0 NOT NULL,
	`success_rate` real,
	`on_time_rate` real,
	`median_response_ms` integer,
	`listed` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `listings_trust` ON `listings` (`trust_score`,`slug`);--> statement-breakpoint
CREATE INDEX `listings_price` ON `listings` (`price_usd_per_month`,`slug`);--> statement-breakpoint
CREATE INDEX `listings_rating` ON `listings` (`rating_score`,`slug`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`hire_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`slug` text NOT NULL,
	`stars` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_hire` ON `reviews` (`hire_id`);--> statement-breakpoint
CREATE INDEX `reviews_slug` ON `reviews` (`slug`,`created_at`);--> statement-breakpoint
CREATE TABLE `task_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `task_history_task` ON `task_history` (`task_id`,`id`);--> statement-breakpoint
CREATE TABLE `task_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`reply` text,
	`event_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`answered_at` integer
);
--> statement-breakpoint
CREATE INDEX `task_messages_task` ON `task_messages` (`task_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`hire_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`slug` text NOT NULL,
	`instance_id` text NOT NULL,
	`title` text NOT NULL,
	`instructions` text NOT NULL,
	`inputs` text NOT NULL,
	`status` text NOT NULL,
	`output` text,
	`event_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`rating_stars` integer,
	`rating_comment` text
);
--> statement-breakpoint
CREATE INDEX `tasks_hire` ON `tasks` (`hire_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tasks_slug_finished` ON `tasks` (`slug`,`finished_at`);--> statement-breakpoint
CREATE INDEX `tasks_customer` ON `tasks` (`customer_id`,`created_at`);