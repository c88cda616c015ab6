CREATE TABLE "work_order_kind_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"checklist" jsonb NOT NULL,
	"arrival_hours" integer,
	"completion_hours" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "checklist" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "arrive_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "complete_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_kind_settings" ADD CONSTRAINT "work_order_kind_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_kind_settings_kind" ON "work_order_kind_settings" USING btree ("org_id","kind");