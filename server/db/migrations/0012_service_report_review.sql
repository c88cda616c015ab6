ALTER TABLE "work_orders" ADD COLUMN "report_status" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "report_due_on" date;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "report_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "report_reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "report_reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "report_comment" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_report_reviewed_by_users_id_fk" FOREIGN KEY ("report_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;