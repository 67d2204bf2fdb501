CREATE TABLE "budget_ledger_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"spend_id" uuid,
	"amount_pence" integer NOT NULL,
	"balance_after_pence" integer NOT NULL,
	"description" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sequence" integer NOT NULL,
	CONSTRAINT "budget_ledger_entries_kind_check" CHECK ("budget_ledger_entries"."kind" IN ('allocation', 'spend', 'reversal'))
);
--> statement-breakpoint
CREATE TABLE "budget_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"spend_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_receipts_media_type_check" CHECK ("budget_receipts"."media_type" IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp'))
);
--> statement-breakpoint
CREATE TABLE "budget_spends" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"spent_on" date NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"exception_requested" boolean DEFAULT false NOT NULL,
	"exception_reason" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"approved_as_exception" boolean DEFAULT false NOT NULL,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "budget_spends_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "budget_spends_amount_check" CHECK ("budget_spends"."amount_pence" > 0),
	CONSTRAINT "budget_spends_status_check" CHECK ("budget_spends"."status" IN ('awaiting-approval', 'approved', 'declined', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "personal_budget_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"team_id" uuid NOT NULL,
	"yearly_allocation_pence" integer DEFAULT 100000 NOT NULL,
	"approval_threshold_pence" integer DEFAULT 10000 NOT NULL,
	"year_start_month" integer DEFAULT 4 NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "personal_budget_settings_amounts_check" CHECK ("personal_budget_settings"."yearly_allocation_pence" >= 0 AND "personal_budget_settings"."approval_threshold_pence" >= 0 AND "personal_budget_settings"."year_start_month" BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "personal_budgets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"allocation_pence" integer NOT NULL,
	CONSTRAINT "personal_budgets_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "personal_budgets_allocation_check" CHECK ("personal_budgets"."allocation_pence" >= 0 AND "personal_budgets"."ends_on" > "personal_budgets"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "budget_ledger_entries" ADD CONSTRAINT "budget_ledger_entries_tenant_id_budget_id_personal_budgets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","budget_id") REFERENCES "public"."personal_budgets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_receipts" ADD CONSTRAINT "budget_receipts_tenant_id_spend_id_budget_spends_tenant_id_id_fk" FOREIGN KEY ("tenant_id","spend_id") REFERENCES "public"."budget_spends"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_spends" ADD CONSTRAINT "budget_spends_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_spends" ADD CONSTRAINT "budget_spends_tenant_id_budget_id_personal_budgets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","budget_id") REFERENCES "public"."personal_budgets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_spends" ADD CONSTRAINT "budget_spends_tenant_id_goal_id_goals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","goal_id") REFERENCES "public"."goals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_budget_settings" ADD CONSTRAINT "personal_budget_settings_tenant_id_team_id_teams_tenant_id_id_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_budgets" ADD CONSTRAINT "personal_budgets_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_ledger_entries_budget_sequence_key" ON "budget_ledger_entries" USING btree ("tenant_id","budget_id","sequence");--> statement-breakpoint
CREATE INDEX "budget_ledger_entries_tenant_person_idx" ON "budget_ledger_entries" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "budget_receipts_tenant_spend_idx" ON "budget_receipts" USING btree ("tenant_id","spend_id");--> statement-breakpoint
CREATE INDEX "budget_spends_tenant_person_idx" ON "budget_spends" USING btree ("tenant_id","person_id","spent_on");--> statement-breakpoint
CREATE INDEX "budget_spends_tenant_status_idx" ON "budget_spends" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_budget_settings_tenant_team_key" ON "personal_budget_settings" USING btree ("tenant_id","team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_budgets_tenant_person_starts_key" ON "personal_budgets" USING btree ("tenant_id","person_id","starts_on");--> statement-breakpoint
-- The budget ledger is history: entries are added, never changed or removed (a mistake is reversed).
CREATE TRIGGER budget_ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON budget_ledger_entries
  FOR EACH ROW EXECUTE FUNCTION keywork_reject_history_change();
