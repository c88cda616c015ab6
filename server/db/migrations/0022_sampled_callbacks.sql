CREATE TABLE "callback_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"seed" text NOT NULL,
	"rates" jsonb NOT NULL,
	"population" integer NOT NULL,
	"drawn" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"sampling_rates" jsonb NOT NULL,
	"satisfaction_target" real NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD COLUMN "sample_id" uuid;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD COLUMN "response_id" uuid;--> statement-breakpoint
ALTER TABLE "callback_samples" ADD CONSTRAINT "callback_samples_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_settings" ADD CONSTRAINT "survey_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_settings" ADD CONSTRAINT "survey_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "callback_samples_day" ON "callback_samples" USING btree ("org_id","day");--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_sample_id_callback_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."callback_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'survey.callback')
WHERE "key" = 'qa_inspector' AND NOT ('survey.callback' = ANY("capabilities"));
