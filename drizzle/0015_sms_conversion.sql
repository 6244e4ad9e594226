CREATE TABLE "sms_conversion" (
	"country_code" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"confirmed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sms_conversion_country_code_slot_pk" PRIMARY KEY("country_code","slot")
);
--> statement-breakpoint
CREATE TABLE "sms_country_pauses" (
	"country_code" text PRIMARY KEY NOT NULL,
	"paused_at" timestamp with time zone NOT NULL,
	"paused_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phone_verifications" ADD COLUMN "country_code" text;