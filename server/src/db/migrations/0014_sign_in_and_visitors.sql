CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_resets_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "webauthn_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}'::text[] NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	CONSTRAINT "webauthn_credentials_credential_id_unique" UNIQUE("credential_id")
);
--> statement-breakpoint
CREATE TABLE "visitor_concern_matches" (
	"school_id" uuid NOT NULL,
	"concern_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"matched_by" uuid NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visitor_concern_matches_school_id_concern_id_pk" PRIMARY KEY("school_id","concern_id")
);
--> statement-breakpoint
CREATE TABLE "visitor_concerns" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"visitor_name" text NOT NULL,
	"visitor_role" text NOT NULL,
	"visitor_contact" text NOT NULL,
	"child_name" text NOT NULL,
	"account" text NOT NULL,
	"happened_when" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"address_hash" text NOT NULL,
	CONSTRAINT "visitor_concerns_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "visitor_links" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"name" text NOT NULL,
	"single_use" boolean NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "visitor_links_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "visitor_links_school_id_token_hash_unique" UNIQUE("school_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "webauthn_challenge" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "webauthn_challenge_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webauthn_credentials" ADD CONSTRAINT "webauthn_credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_concern_matches" ADD CONSTRAINT "visitor_concern_matches_school_id_concern_id_visitor_concerns_school_id_id_fk" FOREIGN KEY ("school_id","concern_id") REFERENCES "public"."visitor_concerns"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_concern_matches" ADD CONSTRAINT "visitor_concern_matches_school_id_incident_id_incidents_school_id_id_fk" FOREIGN KEY ("school_id","incident_id") REFERENCES "public"."incidents"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_concerns" ADD CONSTRAINT "visitor_concerns_school_id_link_id_visitor_links_school_id_id_fk" FOREIGN KEY ("school_id","link_id") REFERENCES "public"."visitor_links"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_links" ADD CONSTRAINT "visitor_links_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_resets_account" ON "password_resets" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "webauthn_credentials_account" ON "webauthn_credentials" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "visitor_concerns_link" ON "visitor_concerns" USING btree ("school_id","link_id","submitted_at");--> statement-breakpoint
CREATE INDEX "visitor_concerns_address" ON "visitor_concerns" USING btree ("school_id","address_hash","submitted_at");
--> statement-breakpoint
SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'visitor_links', 'visitor_concerns', 'visitor_concern_matches'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY[
  'visitor_concerns', 'visitor_concern_matches'
]::regclass[]) AS t;
--> statement-breakpoint
-- A link is only ever marked used; it is never removed (its concerns point at it).
REVOKE DELETE ON visitor_links FROM tessera_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON password_resets, webauthn_credentials TO tessera_app;
