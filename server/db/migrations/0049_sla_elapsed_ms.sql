-- Working time used by a clock in whole milliseconds (was minutes in a float4: 7 digits, and sums of
-- fractions drifted). The old value is carried over, rounded to the millisecond.
ALTER TABLE "ticket_sla_clocks" ADD COLUMN "elapsed_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "ticket_sla_clocks" SET "elapsed_ms" = round("elapsed_minutes"::numeric * 60000) WHERE "elapsed_minutes" <> 0;--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" DROP COLUMN "elapsed_minutes";
