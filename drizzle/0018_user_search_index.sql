-- The admin API's search by email prefix reads ids from the index alone (email, then id,
-- of accounts not withdrawn) and fetches only a page of rows (src/users/search.ts).
-- Building it locks users against writes for as long as it takes (about a second per
-- million accounts; docs/event-storage.md).
DROP INDEX "users_email_folded_prefix_idx";--> statement-breakpoint
CREATE INDEX "users_email_prefix_id_idx" ON "users" USING btree ("email_folded" text_pattern_ops,"id") WHERE "users"."withdrawn_at" is null;
