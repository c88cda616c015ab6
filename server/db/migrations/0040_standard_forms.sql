CREATE TABLE "form_scans" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_scans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "form_settings" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"form_no" text NOT NULL,
	"version" text NOT NULL,
	"boxes" text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_settings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "form_scans" ADD CONSTRAINT "form_scans_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_scans" ADD CONSTRAINT "form_scans_attachment_id_fk" FOREIGN KEY ("org_id","attachment_id") REFERENCES "public"."attachments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_scans" ADD CONSTRAINT "form_scans_created_by_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_settings" ADD CONSTRAINT "form_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_settings" ADD CONSTRAINT "form_settings_updated_by_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_scans_record" ON "form_scans" USING btree ("org_id","kind","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "form_settings_kind" ON "form_settings" USING btree ("org_id","kind");--> statement-breakpoint
-- Every existing organisation gets the standard forms a new one is seeded with (records/forms.ts).
INSERT INTO "form_settings" ("org_id", "kind", "form_no", "version", "boxes")
SELECT o.id, f.kind, f.form_no, 'A/0', ARRAY['prepared', 'reviewed', 'approved']
  FROM "organizations" o
 CROSS JOIN (VALUES ('service_report', 'KF-JL-001'), ('return_receipt', 'KF-JL-002'),
                    ('complaint_record', 'KF-JL-003'), ('callback_form', 'KF-JL-004')) AS f(kind, form_no);
