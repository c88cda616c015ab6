-- C021: a service-time policy may apply only to tickets held by some departments.
ALTER TABLE "sla_policies" ADD COLUMN "department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- Automations may notify everyone holding a role: rules saved before name none.
UPDATE "automation_rules" SET "actions" = jsonb_set("actions", '{notify,roleKeys}', '[]'::jsonb) WHERE "actions" ? 'notify';
