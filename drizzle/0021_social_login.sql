CREATE TABLE "provider_revocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"client_id" text NOT NULL,
	"tokens_sealed" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "social_identities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"client_id" text NOT NULL,
	"email" text,
	"tokens_sealed" text,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "oauth_flows" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"redirect_to" text NOT NULL,
	"caller_challenge" text NOT NULL,
	"secrets_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"result_hash" text,
	"identity_sealed" text,
	"result_expires_at" timestamp with time zone,
	"result_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "social_signups" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"identity_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "mfa_challenges" ADD COLUMN "pending_link_sealed" text;--> statement-breakpoint
ALTER TABLE "social_identities" ADD CONSTRAINT "social_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_revocations_due_idx" ON "provider_revocations" USING btree ("next_attempt_at") WHERE "provider_revocations"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "provider_revocations_failed_idx" ON "provider_revocations" USING btree ("created_at") WHERE "provider_revocations"."state" = 'failed';--> statement-breakpoint
CREATE UNIQUE INDEX "social_identities_key" ON "social_identities" USING btree ("provider","issuer","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "social_identities_user_provider_key" ON "social_identities" USING btree ("user_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_flows_result_hash_key" ON "oauth_flows" USING btree ("result_hash");--> statement-breakpoint
CREATE INDEX "oauth_flows_expires_idx" ON "oauth_flows" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "social_signups_expires_idx" ON "social_signups" USING btree ("expires_at");