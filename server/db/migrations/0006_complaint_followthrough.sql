CREATE TABLE "complaint_countersigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"signed_by" uuid,
	"comment" text,
	"signed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"offered_by" uuid,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"respondent" text,
	"responded_at" timestamp with time zone,
	"channel" text,
	"response" text,
	"recorded_by" uuid
);
--> statement-breakpoint
ALTER TABLE "compensations" ADD COLUMN "voucher_no" text;--> statement-breakpoint
ALTER TABLE "compensations" ADD COLUMN "paid_on" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "production_unit" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "machine_shift" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "operator_name" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "production_date" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "disputed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "coordinator_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "contract_clause" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "accused_user_id" uuid;--> statement-breakpoint
ALTER TABLE "rmas" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "solution_offered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_countersigns" ADD CONSTRAINT "complaint_countersigns_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_proposals" ADD CONSTRAINT "complaint_proposals_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_countersigns_department" ON "complaint_countersigns" USING btree ("complaint_id","department_id");--> statement-breakpoint
CREATE INDEX "complaint_proposals_complaint" ON "complaint_proposals" USING btree ("complaint_id");--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_coordinator_id_users_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_accused_user_id_users_id_fk" FOREIGN KEY ("accused_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compensations_status" ON "compensations" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "rmas_status" ON "rmas" USING btree ("org_id","status","created_at");--> statement-breakpoint
-- Set in place: rebuilding the search index of a large installation would take minutes.
ALTER INDEX "tickets_search" SET (gin_pending_list_limit=256);