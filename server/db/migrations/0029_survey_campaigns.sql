CREATE TABLE "survey_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"template_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"respondents" text NOT NULL,
	"grades" text[] DEFAULT '{}'::text[] NOT NULL,
	"share" real DEFAULT 1 NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"cadence" text NOT NULL,
	"start_on" date NOT NULL,
	"close_on" date NOT NULL,
	"seed" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"rounds_launched" integer DEFAULT 0 NOT NULL,
	"planned_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "round" integer;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "respondent" text DEFAULT 'customer' NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "recipient_name" text;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "recipient_address" text;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_template_id_survey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."survey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_planned_by_users_id_fk" FOREIGN KEY ("planned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_invitations_campaign" ON "survey_invitations" USING btree ("campaign_id","round");--> statement-breakpoint
-- 调查计划与问卷 (C100, C102–C104): the QA department and the service managers plan surveys and edit questionnaires.
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'survey.manage')
WHERE "key" IN ('qa_inspector', 'manager', 'general_manager', 'admin') AND NOT ('survey.manage' = ANY("capabilities"));
