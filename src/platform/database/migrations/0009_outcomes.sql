CREATE TABLE "outcome_readings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_id" uuid NOT NULL,
	"scale_id" uuid NOT NULL,
	"taken_on" date NOT NULL,
	"scores" jsonb NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_readings_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outcome_scales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"domains" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	CONSTRAINT "outcome_scales_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "outcome_scales_tenant_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "outcome_readings" ADD CONSTRAINT "outcome_readings_tenant_id_person_id_people_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_readings" ADD CONSTRAINT "outcome_readings_tenant_id_scale_id_outcome_scales_tenant_id_id_fk" FOREIGN KEY ("tenant_id","scale_id") REFERENCES "public"."outcome_scales"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_readings_tenant_person_taken_idx" ON "outcome_readings" USING btree ("tenant_id","person_id","taken_on");--> statement-breakpoint
CREATE INDEX "outcome_readings_tenant_scale_taken_idx" ON "outcome_readings" USING btree ("tenant_id","scale_id","taken_on");