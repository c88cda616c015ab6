CREATE TABLE "customer_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"list" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"purchase_id" uuid,
	"sample_id" uuid,
	"detail" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"assignee_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"satisfied" boolean,
	"result" text,
	"follow_up_ticket_id" uuid,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "callback_samples_day";--> statement-breakpoint
ALTER TABLE "callback_samples" ALTER COLUMN "rates" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "appraisal_periods" ADD COLUMN "satisfaction_from" text DEFAULT 'data' NOT NULL;--> statement-breakpoint
ALTER TABLE "callback_samples" ADD COLUMN "kind" text DEFAULT 'tickets' NOT NULL;--> statement-breakpoint
ALTER TABLE "callback_samples" ADD COLUMN "share" real;--> statement-breakpoint
ALTER TABLE "survey_settings" ADD COLUMN "customer_lists" jsonb;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_sample_id_callback_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."callback_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_follow_up_ticket_id_tickets_id_fk" FOREIGN KEY ("follow_up_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_callbacks" ADD CONSTRAINT "customer_callbacks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_callbacks_key" ON "customer_callbacks" USING btree ("org_id","key");--> statement-breakpoint
CREATE INDEX "customer_callbacks_open" ON "customer_callbacks" USING btree ("org_id","status","due_on");--> statement-breakpoint
CREATE INDEX "customer_callbacks_customer" ON "customer_callbacks" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "callback_samples_kind_day" ON "callback_samples" USING btree ("org_id","kind","day");