ALTER TABLE `hires` ADD `started_as_trial` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Added by hand to the generated migration: mark the trials that exist already.
UPDATE `hires` SET `started_as_trial` = 1 WHERE `kind` = 'trial' OR `converted_at` IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `hires_one_trial` ON `hires` (`customer_id`,`slug`) WHERE started_as_trial = 1;