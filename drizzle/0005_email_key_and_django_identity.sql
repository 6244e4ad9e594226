DROP INDEX "users_email_lower_key";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_key" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "django_key" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "django_synced_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key_key" ON "users" USING btree ("email_key");--> statement-breakpoint
CREATE UNIQUE INDEX "users_django_key_key" ON "users" USING btree ("django_key") WHERE "users"."django_key" is not null;