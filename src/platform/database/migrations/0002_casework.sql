CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"place" text,
	"purpose" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "contact_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_revisions_contact_version_key" UNIQUE("tenant_id","contact_id","version")
);
--> statement-breakpoint
CREATE TABLE "external_professionals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid,
	"organisation_name" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"phone" text,
	"email" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "family_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"is_carer" boolean DEFAULT false NOT NULL,
	"phone" text,
	"email" text,
	"contact_preferences" text,
	"own_needs" text,
	"ended_on" date,
	"created_by" uuid,
	CONSTRAINT "family_members_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"phone" text,
	"email" text,
	"website" text,
	"area" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "services_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "services_involved" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid,
	"organisation_name" text NOT NULL,
	"service_name" text,
	"started_on" date,
	"ended_on" date,
	"note" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "chronology_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"section" text NOT NULL,
	"detail" jsonb,
	"actor_user_id" uuid,
	"source_type" text,
	"source_id" uuid
);
--> statement-breakpoint
CREATE TABLE "significant_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"description" text NOT NULL,
	"safety_plan" text,
	"review_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"type" text NOT NULL,
	"party_organisation_id" uuid,
	"party_family_member_id" uuid,
	"party_description" text,
	"scopes" text[] DEFAULT '{}' NOT NULL,
	"how_given" text NOT NULL,
	"given_on" date NOT NULL,
	"review_on" date,
	"withdrawn_on" date,
	"note" text,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "information_received" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"family_member_id" uuid,
	"from_description" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "covers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"absent_user_id" uuid NOT NULL,
	"covering_user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"handover_note" text,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contact_intensity" text DEFAULT 'medium' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "closure_reason" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "closure_checklist" jsonb;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "location" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "work_kind" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_worker_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","worker_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_id_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "contact_revisions" ADD CONSTRAINT "contact_revisions_tenant_id_contact_id_contacts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_professionals" ADD CONSTRAINT "external_professionals_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_professionals" ADD CONSTRAINT "external_professionals_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services_involved" ADD CONSTRAINT "services_involved_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services_involved" ADD CONSTRAINT "services_involved_tenant_id_service_id_services_tenant_id_id_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronology_events" ADD CONSTRAINT "chronology_events_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "significant_events" ADD CONSTRAINT "significant_events_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_tenant_id_party_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","party_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_tenant_id_party_family_member_id_family_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","party_family_member_id") REFERENCES "public"."family_members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_received" ADD CONSTRAINT "information_received_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covers" ADD CONSTRAINT "covers_tenant_id_absent_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","absent_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covers" ADD CONSTRAINT "covers_tenant_id_covering_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","covering_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_tenant_worker_starts_idx" ON "appointments" USING btree ("tenant_id","worker_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_tenant_person_starts_idx" ON "appointments" USING btree ("tenant_id","person_id","starts_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_tenant_user_idx" ON "calendar_feeds" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "external_professionals_tenant_person_idx" ON "external_professionals" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "family_members_tenant_person_idx" ON "family_members" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "family_members_tenant_user_idx" ON "family_members" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "services_tenant_organisation_idx" ON "services" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "services_involved_tenant_person_idx" ON "services_involved" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "chronology_events_tenant_person_occurred_idx" ON "chronology_events" USING btree ("tenant_id","person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "significant_events_tenant_person_occurred_idx" ON "significant_events" USING btree ("tenant_id","person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "risks_tenant_person_idx" ON "risks" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "consents_tenant_person_idx" ON "consents" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "consents_tenant_party_organisation_idx" ON "consents" USING btree ("tenant_id","party_organisation_id");--> statement-breakpoint
CREATE INDEX "information_received_tenant_person_idx" ON "information_received" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "covers_tenant_covering_idx" ON "covers" USING btree ("tenant_id","covering_user_id","starts_on");--> statement-breakpoint
CREATE INDEX "covers_tenant_absent_idx" ON "covers" USING btree ("tenant_id","absent_user_id");--> statement-breakpoint
CREATE INDEX "contacts_tenant_worker_occurred_idx" ON "contacts" USING btree ("tenant_id","worker_id","occurred_at");
