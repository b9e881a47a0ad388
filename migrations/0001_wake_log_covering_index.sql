DROP INDEX `wake_log_received`;--> statement-breakpoint
CREATE INDEX `wake_log_received` ON `wake_log` (`received_at`,`outcome`);