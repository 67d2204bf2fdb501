CREATE TABLE "crisis_contact_details" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"team_id" uuid NOT NULL,
	"service_hours" text NOT NULL,
	"service_contact" text NOT NULL,
	"out_of_hours" text NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "wellness_plan_section_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"written_by" text NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wellness_plan_section_revisions_section_version_key" UNIQUE("tenant_id","section_id","version"),
	CONSTRAINT "wellness_plan_section_revisions_version_positive" CHECK ("wellness_plan_section_revisions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "wellness_plan_sections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"section" text NOT NULL,
	"text" text NOT NULL,
	"written_by" text NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wellness_plan_sections_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "crisis_contact_details" ADD CONSTRAINT "crisis_contact_details_tenant_id_team_id_teams_tenant_id_id_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellness_plan_section_revisions" ADD CONSTRAINT "wellness_plan_section_revisions_tenant_id_section_id_wellness_plan_sections_tenant_id_id_fk" FOREIGN KEY ("tenant_id","section_id") REFERENCES "public"."wellness_plan_sections"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellness_plan_sections" ADD CONSTRAINT "wellness_plan_sections_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crisis_contact_details_tenant_team_key" ON "crisis_contact_details" USING btree ("tenant_id","team_id");--> statement-breakpoint
CREATE INDEX "wellness_plan_section_revisions_tenant_person_idx" ON "wellness_plan_section_revisions" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wellness_plan_sections_tenant_person_section_key" ON "wellness_plan_sections" USING btree ("tenant_id","person_id","section");--> statement-breakpoint
-- The versions of a wellness plan section are history: added, never changed or removed.
CREATE TRIGGER wellness_plan_section_revisions_append_only
  BEFORE UPDATE OR DELETE ON wellness_plan_section_revisions
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
