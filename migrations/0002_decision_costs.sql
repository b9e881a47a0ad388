ALTER TABLE `decisions` ADD `model` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `input_tokens` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `output_tokens` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `cost_usd` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `cache` text;--> statement-breakpoint
CREATE INDEX `decisions_decided_at` ON `decisions` (`decided_at`);