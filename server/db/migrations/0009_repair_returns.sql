CREATE TABLE "repair_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"work_order_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid,
	"status" text DEFAULT 'received' NOT NULL,
	"product" text NOT NULL,
	"model" text,
	"serial_no" text,
	"accessories" text,
	"condition" text,
	"fault" text NOT NULL,
	"expected_back_on" date,
	"received_by" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"signer_name" text NOT NULL,
	"signature_attachment_id" uuid NOT NULL,
	"repair_note" text,
	"repaired_by" uuid,
	"repaired_at" timestamp with time zone,
	"returned_by" uuid,
	"returned_at" timestamp with time zone,
	"receipt_taken_back" boolean,
	"return_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_repaired_by_users_id_fk" FOREIGN KEY ("repaired_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_returns" ADD CONSTRAINT "repair_returns_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "repair_returns_number" ON "repair_returns" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "repair_returns_register" ON "repair_returns" USING btree ("org_id","status","received_at");--> statement-breakpoint
CREATE INDEX "repair_returns_work_order" ON "repair_returns" USING btree ("work_order_id");