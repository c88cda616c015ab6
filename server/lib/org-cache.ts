import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { type Executor, queryRows } from "../db/client";
import type { orgCacheVersions } from "../db/schema";

// What a server keeps in memory per organisation — read on every ticket event or request, changed
// rarely — and how it knows it is still right: each kind has a version in org_cache_versions that
// database triggers raise in the very transaction that changes the data (migration 0051). Before using
// what it keeps, a server reads the organisation's versions (one small indexed read, once per
// transaction) and reloads a kind whose version moved. So every server sees a change as soon as it has
// committed — no notification to miss, no seconds of stale permissions — and a rolled-back change
// moves nothing. A transaction reads the versions once: one that changes cached data and then acts on
// tickets sees that data as it was when the transaction first asked.

export type CacheKind = (typeof orgCacheVersions.$inferSelect)["kind"];
export type Versions = Record<CacheKind, number>;

const NONE: Versions = { identity: 1, service_time: 1, automations: 1, webhooks: 1 };
const perTransaction = new WeakMap<object, Map<string, Promise<Versions>>>();

/** The SQL of an organisation's versions, for joining into a query that needs them consistently. */
export const versionsOf = (orgId: unknown) =>
  sql`SELECT coalesce(jsonb_object_agg(kind, version), '{}'::jsonb) FROM org_cache_versions WHERE org_id = ${orgId}`;

/** The organisation's cache versions (read once per transaction). */
export function orgVersions(db: Executor, orgId: string): Promise<Versions> {
  const read = () =>
    queryRows<{ v: Partial<Versions> }>(db, sql`SELECT (${versionsOf(orgId)}) AS v`).then(([row]) => ({
      ...NONE,
      ...row.v,
    }));
  if (!(db instanceof PgTransaction)) return read();
  const memo = perTransaction.get(db) ?? new Map<string, Promise<Versions>>();
  perTransaction.set(db, memo);
  const versions = memo.get(orgId) ?? read();
  memo.set(orgId, versions);
  return versions;
}

const MAX_ORGS = 1000;

/**
 * A per-organisation value loaded by `load` and kept while the organisation's `kind` version stays
 * the same. The value is shared: callers must not change it.
 */
export function orgCache<T>(kind: CacheKind, load: (db: Executor, orgId: string) => PromiseLike<T>) {
  const kept = new Map<string, { version: number; value: Promise<T> }>();
  return async (db: Executor, orgId: string): Promise<T> => {
    const version = (await orgVersions(db, orgId))[kind];
    const hit = kept.get(orgId);
    if (hit?.version === version) return hit.value;
    if (kept.size >= MAX_ORGS) kept.delete(kept.keys().next().value!);
    // A query builder runs again at each then(): the promise of its one result is kept.
    const value = Promise.resolve(load(db, orgId));
    kept.set(orgId, { version, value });
    // A failed load (its transaction rolled back) is not kept.
    value.catch(() => kept.get(orgId)?.value === value && kept.delete(orgId));
    return value;
  };
}
