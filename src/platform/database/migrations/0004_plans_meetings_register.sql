CREATE TABLE "goal_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rating" integer,
	"note" text NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "goal_progress_rating_check" CHECK ("goal_progress"."rating" IS NULL OR "goal_progress"."rating" BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"description" text NOT NULL,
	"worker_note" text,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "goals_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "goals_status_check" CHECK ("goals"."status" IN ('active', 'achieved', 'stopped'))
);
--> statement-breakpoint
CREATE TABLE "plan_action_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"goal_id" uuid,
	"meeting_id" uuid,
	"description" text NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "plan_actions_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "plan_actions_status_check" CHECK ("plan_actions"."status" IN ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "plan_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"chase_after_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"review_interval_months" integer DEFAULT 3 NOT NULL,
	"next_review_on" date NOT NULL,
	"last_reviewed_on" date,
	"updated_by" uuid,
	CONSTRAINT "plans_tenant_person_key" UNIQUE("tenant_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"role" text,
	"sent_apologies" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"location" text,
	"notes" text,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "meetings_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "meetings_kind_check" CHECK ("meetings"."kind" IN ('case-conference', 'cetr', 'plan-review'))
);
--> statement-breakpoint
CREATE TABLE "inpatient_episodes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"entry_id" uuid NOT NULL,
	"admitted_on" date NOT NULL,
	"discharged_on" date,
	"setting" text NOT NULL,
	"discharge_plan" text,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "inpatient_episodes_dates_check" CHECK ("inpatient_episodes"."discharged_on" IS NULL OR "inpatient_episodes"."discharged_on" >= "inpatient_episodes"."admitted_on")
);
--> statement-breakpoint
CREATE TABLE "register_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date,
	"rating" text NOT NULL,
	"reason" text NOT NULL,
	"rated_by" uuid,
	"rated_at" timestamp with time zone NOT NULL,
	"next_review_on" date NOT NULL,
	"removed_at" timestamp with time zone,
	"removal_reason" text,
	"created_by" uuid,
	CONSTRAINT "register_entries_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "register_entries_rating_check" CHECK ("register_entries"."rating" IN ('red', 'amber-red', 'amber', 'green', 'blue'))
);
--> statement-breakpoint
CREATE TABLE "register_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"reason" text NOT NULL,
	"rated_by" uuid,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_review_on" date NOT NULL,
	CONSTRAINT "register_ratings_rating_check" CHECK ("register_ratings"."rating" IN ('red', 'amber-red', 'amber', 'green', 'blue'))
);
--> statement-breakpoint
CREATE TABLE "case_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"what_is_stuck" text NOT NULL,
	"conversation" text NOT NULL,
	"refocused_goals" text,
	"outcome" text NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "stuck_case_rules" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"no_goals_enabled" boolean DEFAULT true NOT NULL,
	"no_progress_enabled" boolean DEFAULT true NOT NULL,
	"no_progress_weeks" integer DEFAULT 12 NOT NULL,
	"no_contact_enabled" boolean DEFAULT true NOT NULL,
	"no_contact_multiple" integer DEFAULT 2 NOT NULL,
	"crises_enabled" boolean DEFAULT true NOT NULL,
	"crises_count" integer DEFAULT 3 NOT NULL,
	"crises_weeks" integer DEFAULT 8 NOT NULL,
	"overdue_actions_enabled" boolean DEFAULT true NOT NULL,
	"overdue_action_days" integer DEFAULT 28 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"worker_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"note" text NOT NULL,
	"agreed_actions" text,
	"created_by" uuid,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"subject_type" text,
	"subject_id" uuid,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "goal_progress" ADD CONSTRAINT "goal_progress_tenant_id_goal_id_goals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","goal_id") REFERENCES "public"."goals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_revisions" ADD CONSTRAINT "plan_action_revisions_tenant_id_action_id_plan_actions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "public"."plan_actions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_tenant_id_goal_id_goals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","goal_id") REFERENCES "public"."goals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_tenant_id_owner_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_tenant_id_owner_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_settings" ADD CONSTRAINT "plan_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_tenant_id_meeting_id_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inpatient_episodes" ADD CONSTRAINT "inpatient_episodes_tenant_id_entry_id_register_entries_tenant_id_id_fk" FOREIGN KEY ("tenant_id","entry_id") REFERENCES "public"."register_entries"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_ratings" ADD CONSTRAINT "register_ratings_tenant_id_entry_id_register_entries_tenant_id_id_fk" FOREIGN KEY ("tenant_id","entry_id") REFERENCES "public"."register_entries"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stuck_case_rules" ADD CONSTRAINT "stuck_case_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notes" ADD CONSTRAINT "supervision_notes_tenant_id_worker_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","worker_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notes" ADD CONSTRAINT "supervision_notes_tenant_id_supervisor_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","supervisor_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goal_progress_tenant_goal_idx" ON "goal_progress" USING btree ("tenant_id","goal_id","recorded_at");--> statement-breakpoint
CREATE INDEX "goal_progress_tenant_person_idx" ON "goal_progress" USING btree ("tenant_id","person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "goals_tenant_person_idx" ON "goals" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "plan_action_revisions_tenant_action_idx" ON "plan_action_revisions" USING btree ("tenant_id","action_id","version");--> statement-breakpoint
CREATE INDEX "plan_actions_tenant_person_idx" ON "plan_actions" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "plan_actions_tenant_owner_due_idx" ON "plan_actions" USING btree ("tenant_id","owner_organisation_id","status","due_on");--> statement-breakpoint
CREATE INDEX "plan_actions_tenant_meeting_idx" ON "plan_actions" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_attendees_tenant_meeting_idx" ON "meeting_attendees" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_tenant_person_held_idx" ON "meetings" USING btree ("tenant_id","person_id","held_on");--> statement-breakpoint
CREATE INDEX "inpatient_episodes_tenant_entry_idx" ON "inpatient_episodes" USING btree ("tenant_id","entry_id","admitted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "inpatient_episodes_one_open_key" ON "inpatient_episodes" USING btree ("tenant_id","entry_id") WHERE "inpatient_episodes"."discharged_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "register_entries_tenant_person_key" ON "register_entries" USING btree ("tenant_id","person_id") WHERE "register_entries"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "register_entries_tenant_rating_idx" ON "register_entries" USING btree ("tenant_id","rating");--> statement-breakpoint
CREATE INDEX "register_ratings_tenant_entry_idx" ON "register_ratings" USING btree ("tenant_id","entry_id","rated_at");--> statement-breakpoint
CREATE INDEX "case_reviews_tenant_person_idx" ON "case_reviews" USING btree ("tenant_id","person_id","held_on");--> statement-breakpoint
CREATE INDEX "supervision_notes_tenant_worker_idx" ON "supervision_notes" USING btree ("tenant_id","worker_id","held_on");--> statement-breakpoint
CREATE INDEX "supervision_notes_tenant_supervisor_idx" ON "supervision_notes" USING btree ("tenant_id","supervisor_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_tenant_user_dedupe_key" ON "notifications" USING btree ("tenant_id","user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_tenant_user_created_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at");