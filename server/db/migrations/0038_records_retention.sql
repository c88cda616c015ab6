CREATE TABLE "legal_holds" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ticket_number" text NOT NULL,
	"reason" text NOT NULL,
	"placed_by" uuid NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone,
	"release_reason" text,
	CONSTRAINT "legal_holds_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"custodian_department_id" uuid,
	"retention_years" integer DEFAULT 3 NOT NULL,
	"purge_enabled" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_policies_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"counts" jsonb NOT NULL,
	"purged_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ran_by" uuid,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_placed_by_fk" FOREIGN KEY ("org_id","placed_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_released_by_fk" FOREIGN KEY ("org_id","released_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_custodian_department_id_fk" FOREIGN KEY ("org_id","custodian_department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_ran_by_fk" FOREIGN KEY ("org_id","ran_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "legal_holds_ticket" ON "legal_holds" USING btree ("org_id","ticket_id") WHERE released_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "retention_policies_type" ON "retention_policies" USING btree ("org_id","record_type");--> statement-breakpoint
CREATE INDEX "retention_runs_at" ON "retention_runs" USING btree ("org_id","ran_at");--> statement-breakpoint
-- Every existing organisation gets the default policies (3 years, no purging) with the custodians a new
-- organisation is seeded with (server/modules/records/retention.ts, DEFAULT_CUSTODIANS).
INSERT INTO "retention_policies" ("org_id", "record_type", "custodian_department_id")
SELECT o.id, p.record_type,
       (SELECT d.id FROM "departments" d WHERE d.org_id = o.id AND d.name = p.custodian ORDER BY d.sort_order LIMIT 1)
  FROM "organizations" o
 CROSS JOIN (VALUES ('ticket', '客服部'), ('survey_response', '管理部'), ('customer_callback', '客服部'),
                    ('qa_inspection', '质量管理部')) AS p(record_type, custodian);
