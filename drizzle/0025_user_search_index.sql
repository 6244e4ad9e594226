-- The admin API's search by email prefix reads ids from the index alone (email, then id,
-- of accounts not withdrawn) and fetches only a page of rows (src/users/search.ts).
-- Building it locks users against writes while it runs (about 3 s per million accounts
-- here); on a large database make it beforehand with CREATE INDEX CONCURRENTLY (the same
-- statement: docs/event-storage.md), and this finds it made.
CREATE INDEX IF NOT EXISTS "users_email_prefix_id_idx" ON "users" USING btree ("email_folded" text_pattern_ops,"id") WHERE "users"."withdrawn_at" is null;--> statement-breakpoint
DROP INDEX IF EXISTS "users_email_folded_prefix_idx";
