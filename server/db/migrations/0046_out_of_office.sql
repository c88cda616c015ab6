ALTER TABLE "users" ADD COLUMN "away_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "away_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deputy_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_deputy_id_fk" FOREIGN KEY ("org_id","deputy_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;