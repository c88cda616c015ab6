CREATE TABLE "arrival_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"engineer_id" uuid NOT NULL,
	"appointment_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"late_minutes" integer DEFAULT 0 NOT NULL,
	"customer_informed" boolean NOT NULL,
	"violation" boolean NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engineer_week_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"engineer_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"work_done" text NOT NULL,
	"problems" text,
	"next_week" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "delay_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "delay_expected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrival_records" ADD CONSTRAINT "arrival_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_week_summaries" ADD CONSTRAINT "engineer_week_summaries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_week_summaries" ADD CONSTRAINT "engineer_week_summaries_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrival_records_engineer" ON "arrival_records" USING btree ("org_id","engineer_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "engineer_week_summaries_week" ON "engineer_week_summaries" USING btree ("org_id","engineer_id","week_start");