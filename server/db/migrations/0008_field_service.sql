CREATE TABLE "callback_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"work_order_id" uuid,
	"assignee_id" uuid,
	"due_on" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"satisfied" boolean,
	"result" text,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"service_point_id" uuid NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"price_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"purchase_id" uuid,
	"product" text NOT NULL,
	"model" text,
	"serial_no" text,
	"fault" text NOT NULL,
	"site_address" text NOT NULL,
	"region" text,
	"preferred_at" timestamp with time zone,
	"warranty_ends_on" date,
	"in_warranty" boolean NOT NULL,
	"chargeable" boolean NOT NULL,
	"chargeable_reason" text,
	"service_point_id" uuid,
	"out_of_region" boolean DEFAULT false NOT NULL,
	"engineer_id" uuid,
	"dispatched_by" uuid,
	"dispatched_at" timestamp with time zone,
	"appointment_at" timestamp with time zone,
	"decline_count" integer DEFAULT 0 NOT NULL,
	"accepted_at" timestamp with time zone,
	"departed_at" timestamp with time zone,
	"destination" text,
	"arrived_at" timestamp with time zone,
	"late_minutes" integer,
	"returned_at" timestamp with time zone,
	"diagnosis" text,
	"fault_cause" text,
	"work_done" text,
	"test_result" text,
	"maintenance_advice" text,
	"technical_problem" text,
	"signature_attachment_id" uuid,
	"signer_name" text,
	"customer_opinion" text,
	"customer_satisfied" boolean,
	"signed_at" timestamp with time zone,
	"no_signature_reason" text,
	"completed_at" timestamp with time zone,
	"labour_fen" bigint DEFAULT 0 NOT NULL,
	"travel_fen" bigint DEFAULT 0 NOT NULL,
	"parts_fen" bigint DEFAULT 0 NOT NULL,
	"settlement_status" text DEFAULT 'none' NOT NULL,
	"settled_by" uuid,
	"settled_at" timestamp with time zone,
	"voucher_no" text,
	"previous_work_order_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "on_site_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_part_id_spare_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."spare_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_engineer_id_users_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_dispatched_by_users_id_fk" FOREIGN KEY ("dispatched_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callback_tasks_assignee" ON "callback_tasks" USING btree ("org_id","assignee_id","status","due_on");--> statement-breakpoint
CREATE INDEX "callback_tasks_ticket" ON "callback_tasks" USING btree ("org_id","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_parts_order_part" ON "work_order_parts" USING btree ("work_order_id","part_id");--> statement-breakpoint
CREATE INDEX "work_orders_ticket" ON "work_orders" USING btree ("org_id","ticket_id");--> statement-breakpoint
CREATE INDEX "work_orders_board" ON "work_orders" USING btree ("org_id","status","service_point_id");--> statement-breakpoint
CREATE INDEX "work_orders_engineer" ON "work_orders" USING btree ("org_id","engineer_id","status");--> statement-breakpoint
-- Existing organisations: dispatchers and managers dispatch, engineers serve (new ones are seeded so).
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'workorder.dispatch')
WHERE "key" IN ('admin', 'manager', 'general_manager', 'dispatcher') AND NOT ('workorder.dispatch' = ANY("capabilities"));--> statement-breakpoint
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'workorder.serve')
WHERE "key" = 'engineer' AND NOT ('workorder.serve' = ANY("capabilities"));
