-- The sweep deletes by these (src/sweep.ts), a batch at a time, instead of reading whole
-- tables: keys and tokens by when they were made, conversion counts by their minute,
-- sessions by when they ended. Each build locks its table against writes while it runs;
-- sessions, the largest, comes last (about 1.2 s per million sessions here). On a large
-- database make them beforehand with CREATE INDEX CONCURRENTLY (the same statements:
-- docs/event-storage.md), and this finds them made.
CREATE INDEX IF NOT EXISTS "phone_verifications_created_idx" ON "phone_verifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sms_conversion_slot_idx" ON "sms_conversion" USING btree ("slot");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sessions_ended_idx" ON "sessions" USING btree (coalesce("revoked_at", "expires_at"));
