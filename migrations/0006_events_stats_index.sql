DROP INDEX `events_received`;--> statement-breakpoint
CREATE INDEX `events_received_status` ON `events` (`received_at`,`status`);