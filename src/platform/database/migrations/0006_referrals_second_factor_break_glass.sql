CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "second_factor_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"to_address" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"personalisation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"sender" text,
	"provider_reference" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referral_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"service_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"accepting_referrals" boolean DEFAULT true NOT NULL,
	"public_link_token" text,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledge_within_working_days" integer DEFAULT 2 NOT NULL,
	"decide_within_working_days" integer DEFAULT 10 NOT NULL,
	CONSTRAINT "referral_settings_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid,
	"note" text,
	"visible_to_referrer" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"service_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status_token_hash" text NOT NULL,
	"status" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"channel" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"aliases" text[] DEFAULT '{}' NOT NULL,
	"date_of_birth" date,
	"area" text,
	"person_phone" text,
	"person_consented" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"needs" text[] DEFAULT '{}' NOT NULL,
	"register_rating" text,
	"safety_information" text,
	"referrer_name" text NOT NULL,
	"referrer_organisation" text,
	"referrer_role" text,
	"referrer_email" text,
	"referrer_phone" text,
	"referred_by" uuid,
	"person_id" uuid,
	"decision_reason" text,
	"suggested_service_ids" uuid[] DEFAULT '{}' NOT NULL,
	"allocated_worker_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"allocated_at" timestamp with time zone,
	"acknowledge_by" date NOT NULL,
	"decide_by" date NOT NULL,
	CONSTRAINT "referrals_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "referrals_status_check" CHECK ("referrals"."status" IN ('awaiting-acknowledgement', 'acknowledged', 'screening', 'accepted', 'declined', 'allocated', 'withdrawn')),
	CONSTRAINT "referrals_priority_check" CHECK ("referrals"."priority" IN ('urgent', 'high', 'normal'))
);
--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_outcome" text,
	"review_note" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "awaiting_second_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "specialisms" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_tenant_id_service_id_services_tenant_id_id_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_tenant_id_team_id_teams_tenant_id_id_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_steps" ADD CONSTRAINT "referral_steps_tenant_id_referral_id_referrals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","referral_id") REFERENCES "public"."referrals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_service_id_services_tenant_id_id_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_referred_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","referred_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_allocated_worker_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","allocated_worker_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recovery_codes_tenant_user_idx" ON "recovery_codes" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "second_factor_attempts_user_at_idx" ON "second_factor_attempts" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_tenant_dedupe_key" ON "outbound_emails" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "outbound_emails_status_created_idx" ON "outbound_emails" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_settings_tenant_service_key" ON "referral_settings" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_settings_public_link_token_key" ON "referral_settings" USING btree ("public_link_token");--> statement-breakpoint
CREATE INDEX "referral_steps_tenant_referral_at_idx" ON "referral_steps" USING btree ("tenant_id","referral_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_reference_key" ON "referrals" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_status_token_hash_key" ON "referrals" USING btree ("status_token_hash");--> statement-breakpoint
CREATE INDEX "referrals_tenant_status_received_idx" ON "referrals" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE INDEX "referrals_tenant_service_status_idx" ON "referrals" USING btree ("tenant_id","service_id","status");--> statement-breakpoint
CREATE INDEX "referrals_tenant_person_idx" ON "referrals" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "referrals_tenant_referred_by_idx" ON "referrals" USING btree ("tenant_id","referred_by");--> statement-breakpoint
CREATE INDEX "break_glass_grants_tenant_user_person_idx" ON "break_glass_grants" USING btree ("tenant_id","user_id","person_id","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_grants_tenant_opened_idx" ON "break_glass_grants" USING btree ("tenant_id","opened_at");--> statement-breakpoint
-- The steps of a referral are its history: added, never changed or removed.
CREATE TRIGGER referral_steps_append_only
  BEFORE UPDATE OR DELETE ON referral_steps
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
