import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
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

/**
 * One row per run of a periodic task (server/jobs/schedules.ts), keyed by the task and its tick (the
 * period it runs for): with several servers, the first to insert the key runs that tick and the others
 * leave it. A run whose server died (its lock lapsed, no finish) is marked abandoned and the next tick
 * runs on a living server. Outside any organisation: a task serves them all.
 */
export const scheduleRuns = pgTable(
  "schedule_runs",
  {
    name: text("name").notNull(),
    tick: bigint("tick", { mode: "number" }).notNull(),
    lockedBy: text("locked_by").notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.name, t.tick] }),
    index("schedule_runs_unfinished").on(t.name).where(sql`finished_at IS NULL`),
  ],
);

/**
 * The version of the search tokens each searchable table was built with, and the progress of its
 * rebuild (server/modules/records/search-reindex.ts): rows are rebuilt in batches in key order
 * (organisation, id), from (`after_org_id`, `after_id`) on, until all are of `SEARCH_TOKENS_VERSION`.
 * Outside any organisation, like the tokenizer.
 */
export const searchIndexState = pgTable("search_index_state", {
  target: text("target", { enum: ["tickets", "customers"] }).primaryKey(),
  version: integer("version").notNull(),
  afterOrgId: uuid("after_org_id"),
  afterId: uuid("after_id"),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/**
 * What servers may keep in memory per organisation (lib/org-cache.ts), with a version that database
 * triggers (migration 0051) raise in the transaction that changes the data: identity (sessions ended,
 * users disabled or moved, roles and their capabilities), service time (policies, calendars),
 * automations (rules), webhooks (endpoints). A server compares the version before using what it
 * keeps, so no server acts on a change's old state once the change has committed.
 */
export const orgCacheVersions = pgTable(
  "org_cache_versions",
  {
    orgId: orgId(),
    kind: text("kind", { enum: ["identity", "service_time", "automations", "webhooks"] }).notNull(),
    version: bigint("version", { mode: "number" }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind] })],
);
