CREATE TABLE "dispatch_approval_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text,
	"min_estimate_fen" bigint,
	"approver_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "estimate_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "approval_status" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "approver_role" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "approval_note" text;--> statement-breakpoint
ALTER TABLE "dispatch_approval_rules" ADD CONSTRAINT "dispatch_approval_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;