import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync, readFileSync } from "node:fs";
import { PgDatabase } from "drizzle-orm/pg-core";
import pg from "pg";

/**
 * On PostgreSQL, every statement the product makes during the tests is planned first (EXPLAIN, with
 * sequential scans off so the planner shows which index it would walk) and any walk of an index led
 * by `org_id` without `org_id` in its condition is recorded. Since every key leads with the
 * organisation (issue 17), a query that names a row by `id` alone walks the whole index: harmless on
 * a test's few rows, seconds at a million tickets (issue 19 found them by benchmark, one at a time).
 * A statement meant to span organisations says so in a comment: `/* every organisation *\/`.
 */
export const EVERY_ORGANISATION = "/* every organisation */";

type PlanNode = {
  "Node Type": string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
};
export type IndexWalk = { statement: string; index: string; condition: string | null };

const walks: IndexWalk[] = [];
/** Index walks without the organisation found so far in this worker. */
export const indexWalksWithoutOrg = () => walks;

/** The migrations' own statements (they change every organisation's rows by design). */
const migrationsDir = new URL("../db/migrations/", import.meta.url);
const migrations = new Set(
  readdirSync(migrationsDir)
    .filter((f) => f.endsWith(".sql"))
    .flatMap((f) => readFileSync(new URL(f, migrationsDir), "utf8").split("--> statement-breakpoint"))
    .map((statement) => statement.trim()),
);
const DML = /^\s*(select|with|update|delete|insert)\b/i;

function findWalks(node: PlanNode, indexes: Set<string>, statement: string, found: IndexWalk[]) {
  const index = node["Index Name"];
  if (index && indexes.has(index) && !/\borg_id\b/.test(node["Index Cond"] ?? "")) {
    found.push({ statement, index, condition: node["Index Cond"] ?? null });
  }
  for (const child of node.Plans ?? []) findWalks(child, indexes, statement, found);
  return found;
}

const ORG_LED_INDEXES = `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attname = 'org_id' AND n.nspname = 'public'`;
type Run = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
let orgLedIndexes: Promise<Set<string>> | undefined;

/**
 * The walks of organisation-led indexes without the organisation in the plan of one statement, as
 * the connection plans it (the check turns sequential scans off first, so the plan names an index).
 */
export async function walksOf(run: Run, text: string, params?: unknown[]): Promise<IndexWalk[]> {
  orgLedIndexes ??= run(ORG_LED_INDEXES).then((r) => new Set(r.rows.map((row) => String(row.name))));
  const indexes = await orgLedIndexes;
  const plan = await run(`EXPLAIN (FORMAT JSON) ${text}`, params);
  return findWalks((plan.rows[0]["QUERY PLAN"] as [{ Plan: PlanNode }])[0].Plan, indexes, text, []);
}

/**
 * Whether the statement about to run was built by a test itself (its set-up and checks are not the
 * product's queries): each query builder notes, as it is made, whether the code making it is a test
 * file's, and the statement runs later in that same asynchronous context.
 */
const madeBy = new AsyncLocalStorage<"test" | "product">();
const BUILDERS = ["select", "selectDistinct", "selectDistinctOn", "insert", "update", "delete", "execute"];
const LIBRARIES = /\/node_modules\/|\/server\/test\/plan-check\.ts|\/server\/db\/client\.ts|^node:/;

function maker(stack: string): "test" | "product" {
  const frame = stack
    .split("\n")
    .slice(1)
    .map((line) => line.match(/\(?(?:file:\/\/)?(\/[^()\s]+|node:[^()\s]+):\d+:\d+\)?$/)?.[1])
    .find((file) => file && !LIBRARIES.test(file));
  return frame && /\.test\.ts$|\/server\/test\//.test(frame) ? "test" : "product";
}

let installed = false;
/** Installs the check on every query builder and `pg` client of this process (test workers only). */
export function checkIndexWalks() {
  if (installed) return;
  installed = true;
  const prototype = PgDatabase.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of BUILDERS) {
    const build = prototype[name];
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      madeBy.enterWith(maker(new Error().stack ?? ""));
      return build.apply(this, args);
    };
  }
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  const run = (client: pg.Client, text: string, values?: unknown[]) =>
    query.call(client, { text, values }) as Promise<pg.QueryResult>;
  const seqScansOff = new WeakSet<pg.Client>();
  // A statement's text decides which index conditions it can have: each is planned once.
  const plannedTexts = new Set<string>();
  const planFirst = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args;
    const text = typeof config === "string" ? config : (config as { text?: string } | null)?.text;
    if (
      madeBy.getStore() === "test" ||
      !text ||
      !DML.test(text) ||
      text === ORG_LED_INDEXES ||
      plannedTexts.has(text) ||
      text.includes(EVERY_ORGANISATION) ||
      migrations.has(text.trim()) ||
      (config as { submit?: unknown }).submit
    ) {
      return query.apply(this, args);
    }
    const params = typeof config === "string" ? values : ((config as { values?: unknown }).values ?? values);
    // pg-pool's own query passes a callback: planned the same way, answered through it.
    const callback =
      typeof args.at(-1) === "function" ? (args.pop() as (e: unknown, r?: unknown) => void) : null;
    plannedTexts.add(text);
    const result = (async () => {
      if (!seqScansOff.has(this)) {
        seqScansOff.add(this);
        await run(this, "SET enable_seqscan = off");
      }
      const found = await walksOf(
        (t, v) => run(this, t, v),
        text,
        Array.isArray(params) ? params : undefined,
      );
      walks.push(...found);
      return query.apply(this, args) as Promise<unknown>;
    })();
    if (!callback) return result;
    result.then((r) => callback(null, r), callback);
    return undefined;
  };
  pg.Client.prototype.query = planFirst as typeof pg.Client.prototype.query;
}
