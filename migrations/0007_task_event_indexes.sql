CREATE INDEX `task_messages_event` ON `task_messages` (`event_id`);--> statement-breakpoint
CREATE INDEX `tasks_event` ON `tasks` (`event_id`);