ALTER TABLE "customers" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Who entered each existing customer, as the audit log recorded it (staff only; the portal and the system leave it empty).
UPDATE "customers" c SET "created_by" = a."actor_id"
  FROM "audit_log" a JOIN "users" u ON u."id" = a."actor_id"
  WHERE a."org_id" = c."org_id" AND a."entity_type" = 'customer' AND a."entity_id" = c."id"::text
    AND a."action" = 'customer.created';--> statement-breakpoint
-- 财务 was seeded seeing every ticket and customer; it needs the ones whose money it handles (SPEC M0 data scope).
UPDATE "roles" SET "data_scope" = 'own' WHERE "key" = 'finance' AND "data_scope" = 'all';
