ALTER TABLE "webhook_deliveries" ADD COLUMN "failure" text;--> statement-breakpoint
-- Deliveries settled before the reasons were coded said them in English in the excerpt.
UPDATE "webhook_deliveries" SET "failure" = 'endpoint_off', "response_excerpt" = NULL WHERE "response_excerpt" = 'endpoint switched off';--> statement-breakpoint
UPDATE "webhook_deliveries" SET "failure" = 'internal_address', "response_excerpt" = NULL WHERE "response_excerpt" = 'refused: internal address';--> statement-breakpoint
UPDATE "webhook_deliveries" SET "failure" = 'unresolvable', "response_excerpt" = NULL WHERE "response_excerpt" = 'refused: unresolvable address';--> statement-breakpoint
UPDATE "webhook_deliveries" SET "failure" = 'timeout', "response_excerpt" = NULL WHERE "response_excerpt" LIKE 'no answer within %';
