-- The webhooks' outbox, out of the audit log (src/db/schema/events.ts): one small row per
-- event still to send, gone once delivered. Vacuum keeps up with it: it is vacuumed after
-- every thousand rows gone, however few it holds, and without a cost delay.
CREATE TABLE "event_outbox" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_cost_delay = 0);
--> statement-breakpoint
CREATE INDEX "event_outbox_due_idx" ON "event_outbox" USING btree ("next_attempt_at","seq") WHERE "event_outbox"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "event_outbox_failed_idx" ON "event_outbox" USING btree ("event_id") WHERE "event_outbox"."state" = 'failed';--> statement-breakpoint
CREATE TABLE "event_subscriptions" (
	"type" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Until a service starts and says what it sends (subscribe in src/events/outbox.ts), every
-- event is kept to be sent, as every event was before.
INSERT INTO "event_subscriptions" ("type") VALUES ('*');--> statement-breakpoint
-- The first step of partitioning events by time (drizzle/0030_events_partitioned.sql): the
-- table as it is becomes the partition of the events before a cut, T. This constraint says
-- so for the rows to come at once (new events are before T: the first UTC midnight a week
-- away, or tomorrow's for a table still empty), and drizzle/0029 proves it of the rows
-- already there, scanning the table while writes go on. Adding it NOT VALID takes the
-- table's lock only for a moment. Should the conversion stop here, start the service again
-- before T: from T the old table refuses new events.
DO $$
DECLARE
	v_cut timestamptz := date_trunc('day', now(), 'UTC') + CASE WHEN EXISTS (SELECT 1 FROM events) THEN interval '8 days' ELSE interval '1 day' END;
BEGIN
	EXECUTE format('ALTER TABLE events ADD CONSTRAINT events_legacy_range CHECK (occurred_at < %L) NOT VALID', v_cut);
END
$$;
