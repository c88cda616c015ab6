import { eq, sql } from "drizzle-orm";
import type { SearchIndexStatus } from "../../../common/schemas/records";
import type { Db, Executor } from "../../db/client";
import { queryRows } from "../../db/client";
import { searchIndexState } from "../../db/schema";
import { documentTokens, SEARCH_TOKENS_VERSION, tokensToVector } from "../../lib/search-tokens";
import { customerSearchVector } from "../customers/save-customer";
import { ticketTokens } from "../tickets/create-ticket";
import { idArray } from "./references";

// Rebuilding the search vectors of rows written with older search tokens (search_index_state holds
// each table's version and how far its rebuild got). A schedule runs it on one server at a time, in
// batches of one transaction each that lock their rows first — so a reply indexed meanwhile is either
// in the rebuilt vector or appended after it, never lost. Searching works throughout: a row not yet
// rebuilt is found by what its old tokens found.

export const SEARCH_REINDEX_MS = 60_000;
const BATCH = 500;
/** Work per run, well inside the schedule's period. */
const RUN_BUDGET_MS = 20_000;
const TARGETS = ["tickets", "customers"] as const;
type Target = (typeof TARGETS)[number];

type Rebuilt = { orgId: string; id: string; vector: string };

/**
 * The batch's rows as a relation k(org_id, id), to join by their whole key. A batch spans
 * organisations (hence the marker for the tests' plan check, server/test/plan-check.ts).
 */
const keysOf = (rows: { orgId: string; id: string }[]) =>
  sql`/* every organisation */ unnest(${idArray(rows.map((r) => r.orgId))}, ${idArray(rows.map((r) => r.id))}) AS k(org_id, id)`;

/** The search vector of each ticket as intake and replies build it: text, customer, number, timeline. */
async function rebuildTickets(tx: Executor, rows: { orgId: string; id: string }[]): Promise<Rebuilt[]> {
  const keys = keysOf(rows);
  const found = await queryRows<{
    org_id: string;
    id: string;
    number: string;
    title: string;
    description: string;
    name: string | null;
    phone: string | null;
    anonymised: boolean;
  }>(
    tx,
    sql`SELECT t.org_id, t.id, t.number, t.title, t.description, c.name, c.phone, c.anonymised_at IS NOT NULL AS anonymised
        FROM ${keys} JOIN tickets t ON t.org_id = k.org_id AND t.id = k.id
        LEFT JOIN customers c ON c.org_id = t.org_id AND c.id = t.customer_id`,
  );
  const bodies = new Map<string, string[]>();
  for (const e of await queryRows<{ ticket_id: string; body: string }>(
    tx,
    sql`SELECT e.ticket_id, e.body FROM ${keys}
        JOIN ticket_events e ON e.org_id = k.org_id AND e.ticket_id = k.id WHERE e.body IS NOT NULL`,
  ))
    bodies.set(e.ticket_id, [...(bodies.get(e.ticket_id) ?? []), e.body]);
  return found.map((t) => ({
    orgId: t.org_id,
    id: t.id,
    vector: tokensToVector([
      ...ticketTokens(t, t.name === null ? null : { name: t.name, phone: t.phone }),
      // An anonymised customer's tickets are no longer found by what the timeline said (anonymise.ts).
      ...documentTokens(t.number, ...(t.anonymised ? [] : (bodies.get(t.id) ?? []))),
    ]),
  }));
}

async function rebuildCustomers(tx: Executor, rows: { orgId: string; id: string }[]): Promise<Rebuilt[]> {
  const found = await queryRows<{
    org_id: string;
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    tags: string[];
  }>(
    tx,
    sql`SELECT c.org_id, c.id, c.name, c.phone, c.email, c.tags
        FROM ${keysOf(rows)}
        JOIN customers c ON c.org_id = k.org_id AND c.id = k.id`,
  );
  return found.map((c) => ({ orgId: c.org_id, id: c.id, vector: customerSearchVector(c) }));
}

const REBUILD: Record<Target, (tx: Executor, rows: { orgId: string; id: string }[]) => Promise<Rebuilt[]>> = {
  tickets: rebuildTickets,
  customers: rebuildCustomers,
};

/** One batch of a table's rebuild; false when the table is done (or was already). */
async function reindexBatch(tx: Executor, target: Target, batch: number): Promise<boolean> {
  const [state] = await tx
    .select()
    .from(searchIndexState)
    .where(eq(searchIndexState.target, target))
    .for("update");
  if (!state || state.version >= SEARCH_TOKENS_VERSION) return false;
  const table = sql.identifier(target);
  if (!state.startedAt) {
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM ${table} /* every organisation */`,
    );
    Object.assign(state, { startedAt: new Date(), total: n, done: 0, afterOrgId: null, afterId: null });
  }
  // In key order: each batch starts where the last ended instead of walking the key from its start.
  const after = state.afterOrgId && state.afterId;
  const rows = await queryRows<{ orgId: string; id: string }>(
    tx,
    sql`SELECT org_id AS "orgId", id FROM ${table} /* every organisation */
        ${after ? sql`WHERE (org_id, id) > (${state.afterOrgId}::uuid, ${state.afterId}::uuid)` : sql``}
        ORDER BY org_id, id LIMIT ${batch} FOR UPDATE`,
  );
  if (!rows.length) {
    await tx
      .update(searchIndexState)
      .set({
        version: SEARCH_TOKENS_VERSION,
        afterOrgId: null,
        afterId: null,
        done: state.total,
        finishedAt: new Date(),
      })
      .where(eq(searchIndexState.target, target));
    return false;
  }
  const rebuilt = await REBUILD[target](tx, rows);
  await tx.execute(
    sql`UPDATE ${table} SET search_vector = v.vector::tsvector
        FROM /* every organisation */ unnest(${idArray(rebuilt.map((r) => r.orgId))}, ${idArray(rebuilt.map((r) => r.id))}, ${idArray(
          rebuilt.map((r) => r.vector),
          "text",
        )}) AS v(org_id, id, vector)
        WHERE ${table}.org_id = v.org_id AND ${table}.id = v.id`,
  );
  await tx
    .update(searchIndexState)
    .set({
      startedAt: state.startedAt,
      total: Math.max(state.total, state.done + rows.length),
      done: state.done + rows.length,
      afterOrgId: rows[rows.length - 1].orgId,
      afterId: rows[rows.length - 1].id,
    })
    .where(eq(searchIndexState.target, target));
  return true;
}

/**
 * Rebuilds what is left to rebuild, for at most `budgetMs` or `batches` batches; the next run goes
 * on from there.
 */
export async function reindexSearch(
  db: Db,
  { budgetMs = RUN_BUDGET_MS, batch = BATCH, batches = Number.POSITIVE_INFINITY } = {},
): Promise<SearchIndexStatus> {
  const until = Date.now() + budgetMs;
  let left = batches;
  for (const target of TARGETS) {
    let more = true;
    while (more && left-- > 0 && Date.now() < until)
      more = await db.transaction((tx) => reindexBatch(tx, target, batch));
  }
  return searchIndexStatus(db);
}

/**
 * Whether older rows are still being rebuilt, and how far (both tables together, as a percentage:
 * the counts are of every organisation's rows).
 */
export async function searchIndexStatus(db: Executor): Promise<SearchIndexStatus> {
  const states = await db.select().from(searchIndexState);
  const pending = states.filter((s) => s.version < SEARCH_TOKENS_VERSION);
  const done = pending.reduce((sum, s) => sum + s.done, 0);
  const total = pending.reduce((sum, s) => sum + s.total, 0);
  return { rebuilding: pending.length > 0, percent: total ? Math.floor((done * 100) / total) : 0 };
}
