-- The email under the one case rule was called email_key, beside SMS keys, signing keys and
-- API keys; it is the folded email (foldEmail in src/email/address.ts). A rename: no data moves.
ALTER TABLE "users" RENAME COLUMN "email_key" TO "email_folded";--> statement-breakpoint
ALTER INDEX "users_email_key_key" RENAME TO "users_email_folded_key";--> statement-breakpoint
ALTER INDEX "users_email_key_prefix_idx" RENAME TO "users_email_folded_prefix_idx";
