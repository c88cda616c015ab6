import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, orgId, orgPrimaryKey } from "./columns";

/** Database-backed job queue (DESIGN: background jobs). `dedupe_key` makes a scheduled tick run once. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }),
    orgId: orgId(),
    name: text("name").notNull(),
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    dedupeKey: text("dedupe_key"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    uniqueIndex("jobs_dedupe_key").on(t.orgId, t.dedupeKey),
    index("jobs_due").on(t.runAt).where(sql`completed_at IS NULL AND failed_at IS NULL`),
  ],
);
