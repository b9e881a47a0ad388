CREATE TABLE `email_verifications` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`link_base` text NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_verifications_token` ON `email_verifications` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_verifications_unsent` ON `email_verifications` (`sent_at`,`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `customers` ADD `email_verified_at` integer;--> statement-breakpoint
ALTER TABLE `hires` ADD `trial_identity` text;--> statement-breakpoint
CREATE UNIQUE INDEX `hires_one_trial_per_identity` ON `hires` (`slug`,`trial_identity`) WHERE started_as_trial = 1;