CREATE INDEX `dead_letters_event` ON `dead_letters` (`event_id`);--> statement-breakpoint
CREATE INDEX `events_trace` ON `events` (`trace_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `agent_messages_trace` ON `agent_messages` (`trace_id`);