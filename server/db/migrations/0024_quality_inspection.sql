CREATE TABLE "qa_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"period" text NOT NULL,
	"seed" text NOT NULL,
	"per_agent" integer NOT NULL,
	"population" integer NOT NULL,
	"drawn" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"draw_id" uuid,
	"subject" text,
	"ticket_id" uuid,
	"work_order_id" uuid,
	"agent_id" uuid NOT NULL,
	"department_id" uuid,
	"inspector_id" uuid,
	"method" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"criteria" jsonb,
	"scores" jsonb,
	"total" real,
	"passed" boolean,
	"findings" text,
	"observed_at" timestamp with time zone,
	"completeness" jsonb,
	"scored_at" timestamp with time zone,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"decision" text,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"final_total" real,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"cadence" text NOT NULL,
	"per_agent" integer NOT NULL,
	"method" text DEFAULT 'form_check' NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"assignee_id" uuid NOT NULL,
	"requirement" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"submitted_at" timestamp with time zone,
	"failed_checks" integer DEFAULT 0 NOT NULL,
	"check_note" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"pass_mark" integer DEFAULT 80 NOT NULL,
	"appeal_days" integer DEFAULT 7 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_supervision_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"month" text NOT NULL,
	"figures" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qa_draws" ADD CONSTRAINT "qa_draws_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_draws" ADD CONSTRAINT "qa_draws_plan_id_qa_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."qa_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_draw_id_qa_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."qa_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_scorecard_id_qa_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."qa_scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_inspections" ADD CONSTRAINT "qa_inspections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_plans" ADD CONSTRAINT "qa_plans_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_plans" ADD CONSTRAINT "qa_plans_scorecard_id_qa_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."qa_scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_inspection_id_qa_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."qa_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_rectifications" ADD CONSTRAINT "qa_rectifications_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_scorecards" ADD CONSTRAINT "qa_scorecards_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_supervision_reports" ADD CONSTRAINT "qa_supervision_reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qa_draws_plan_period" ON "qa_draws" USING btree ("plan_id","period");--> statement-breakpoint
CREATE INDEX "qa_inspections_inspector" ON "qa_inspections" USING btree ("org_id","inspector_id","status");--> statement-breakpoint
CREATE INDEX "qa_inspections_agent" ON "qa_inspections" USING btree ("org_id","agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_plans_org_name" ON "qa_plans" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_rectifications_inspection" ON "qa_rectifications" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "qa_rectifications_assignee" ON "qa_rectifications" USING btree ("org_id","assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_scorecards_org_name" ON "qa_scorecards" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_supervision_reports_month" ON "qa_supervision_reports" USING btree ("org_id","month");--> statement-breakpoint
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'qa.inspect')
WHERE "key" = 'qa_inspector' AND NOT ('qa.inspect' = ANY("capabilities"));--> statement-breakpoint
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'qa.manage')
WHERE "key" IN ('supervisor', 'manager', 'general_manager', 'admin') AND NOT ('qa.manage' = ANY("capabilities"));
