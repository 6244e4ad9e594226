ALTER TABLE "events" ADD COLUMN "delivery_state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "events_pending_idx" ON "events" USING btree ("next_attempt_at","seq") WHERE "events"."delivery_state" = 'pending';--> statement-breakpoint
CREATE INDEX "events_failed_idx" ON "events" USING btree ("seq") WHERE "events"."delivery_state" = 'failed';--> statement-breakpoint
CREATE INDEX "events_occurred_at_idx" ON "events" USING brin ("occurred_at");--> statement-breakpoint
CREATE INDEX "users_email_key_prefix_idx" ON "users" USING btree ("email_key" text_pattern_ops);