CREATE TABLE `agent_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`task_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`correlation_id` text NOT NULL,
	`trace_id` text NOT NULL,
	`from_role` text NOT NULL,
	`from_instance` text,
	`to_role` text NOT NULL,
	`to_instance` text,
	`status` text NOT NULL,
	`attempt` integer DEFAULT 1 NOT NULL,
	`event_id` text,
	`payload` text NOT NULL,
	`reason` text,
	`deadline` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agent_messages_task` ON `agent_messages` (`task_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `agent_messages_status` ON `agent_messages` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `agent_messages_event` ON `agent_messages` (`event_id`);--> statement-breakpoint
CREATE INDEX `agent_messages_receiver` ON `agent_messages` (`to_instance`,`status`);--> statement-breakpoint
CREATE INDEX `agent_messages_type` ON `agent_messages` (`type`,`created_at`);