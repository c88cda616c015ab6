ALTER TABLE "tickets" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_tags" ON "tickets" USING gin ("tags") WHERE tags <> '{}';