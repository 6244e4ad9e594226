-- The audit log, partitioned by occurred_at (docs/event-storage.md). The table as it was
-- becomes the partition events_legacy, of the events before the cut drizzle/0027 set
-- (validated by drizzle/0029, so attaching it reads none of its rows); later events go to
-- partitions made ahead of time (event_partitions_ensure), and any event no partition
-- takes to events_default. From here to the commit the old table is locked (ACCESS
-- EXCLUSIVE), but nothing reads its rows except the failed ones, through their index.
ALTER TABLE "events" RENAME TO "events_legacy";--> statement-breakpoint
ALTER INDEX "events_pkey" RENAME TO "events_legacy_pkey";--> statement-breakpoint
ALTER INDEX "events_user_seq_idx" RENAME TO "events_legacy_user_seq_idx";--> statement-breakpoint
ALTER INDEX "events_type_seq_idx" RENAME TO "events_legacy_type_seq_idx";--> statement-breakpoint
-- The senders carry the pending ones to the outbox as they start (carryLegacyPending in
-- src/events/outbox.ts), when a webhook is configured; the failed ones go now, kept for
-- the operator as they were.
ALTER INDEX "events_pending_idx" RENAME TO "events_legacy_pending_idx";--> statement-breakpoint
INSERT INTO "event_outbox" ("seq", "occurred_at", "event_id", "type", "state", "attempts", "next_attempt_at", "last_error")
SELECT "seq", "occurred_at", "id", "type", 'failed', "attempts", "next_attempt_at", "last_error" FROM "events_legacy" WHERE "delivery_state" = 'failed';--> statement-breakpoint
-- What the old table no longer needs: nothing looks events up by id or time any more, and
-- the outbox wakes the senders (event_to_outbox).
DROP INDEX "events_failed_idx";--> statement-breakpoint
DROP INDEX "events_id_key";--> statement-breakpoint
DROP INDEX "events_occurred_at_idx";--> statement-breakpoint
DROP TRIGGER "events_notify" ON "events_legacy";--> statement-breakpoint
-- The sequence outlives the partition that was its table.
ALTER SEQUENCE "events_seq_seq" OWNED BY NONE;--> statement-breakpoint
ALTER TABLE "events_legacy" ALTER COLUMN "delivery_state" DROP NOT NULL, ALTER COLUMN "delivery_state" DROP DEFAULT,
	ALTER COLUMN "attempts" DROP NOT NULL, ALTER COLUMN "attempts" DROP DEFAULT,
	ALTER COLUMN "next_attempt_at" DROP NOT NULL, ALTER COLUMN "next_attempt_at" DROP DEFAULT;--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint DEFAULT nextval('events_seq_seq'::regclass) NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"ip" text,
	"user_id" bigint,
	"data" jsonb NOT NULL,
	"delivery_state" text,
	"attempts" integer,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text
) PARTITION BY RANGE ("occurred_at");--> statement-breakpoint
CREATE INDEX "events_user_seq_idx" ON "events" USING btree ("user_id","seq");--> statement-breakpoint
CREATE INDEX "events_type_seq_idx" ON "events" USING btree ("type","seq");--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"seq" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer NOT NULL
) PARTITION BY RANGE ("occurred_at");--> statement-breakpoint
DO $$
DECLARE
	v_cut timestamptz := (SELECT (regexp_match(pg_get_constraintdef(c.oid), '''([^'']+)'''))[1]::timestamptz
		FROM pg_constraint c WHERE c.conname = 'events_legacy_range' AND c.conrelid = 'events_legacy'::regclass);
BEGIN
	EXECUTE format('ALTER TABLE events ATTACH PARTITION events_legacy FOR VALUES FROM (MINVALUE) TO (%L)', v_cut);
	EXECUTE format('CREATE TABLE event_deliveries_legacy PARTITION OF event_deliveries FOR VALUES FROM (MINVALUE) TO (%L)', v_cut);
	ALTER TABLE event_deliveries_legacy ADD PRIMARY KEY (seq);
	CREATE TABLE events_default PARTITION OF events DEFAULT;
	ALTER TABLE events_default ADD PRIMARY KEY (seq);
	CREATE TABLE event_deliveries_default PARTITION OF event_deliveries DEFAULT;
	ALTER TABLE event_deliveries_default ADD PRIMARY KEY (seq);
	-- Two months ahead, a month wide; the sweep goes on from there at the width AUDIT_RETENTION_DAYS sets.
	PERFORM event_partitions_ensure(v_cut + interval '60 days', interval '30 days');
END
$$;--> statement-breakpoint
CREATE TRIGGER "events_to_outbox" AFTER INSERT ON "events" REFERENCING NEW TABLE AS "recorded"
FOR EACH STATEMENT EXECUTE FUNCTION event_to_outbox();
