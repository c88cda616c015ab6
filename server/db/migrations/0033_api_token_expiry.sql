ALTER TABLE "api_tokens" ADD COLUMN "read_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Tokens made before expiry existed run out in 90 days, like a new token by default.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "api_tokens" SET "expires_at" = now() + interval '90 days';--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
UPDATE "roles" SET "capabilities" = array_append("capabilities", 'apiToken.create')
WHERE "key" = 'admin' AND NOT ('apiToken.create' = ANY("capabilities"));
