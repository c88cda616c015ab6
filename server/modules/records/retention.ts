import { unlink } from "node:fs/promises";
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { PURGE_GRACE_DAYS, RECORD_TYPES, type RecordType } from "../../../common/enums";
import type { PageQuery } from "../../../common/schemas/pagination";
import type {
  LegalHold,
  RetentionPolicy,
  RetentionPolicyInput,
  RetentionRun,
} from "../../../common/schemas/records";
import type { Db, Executor } from "../../db/client";
import { queryRows } from "../../db/client";
import {
  departments,
  legalHolds,
  organizations,
  type RetentionCounts,
  retentionPolicies,
  retentionRuns,
  tickets,
  users,
} from "../../db/schema";
import { diff, writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { conflict, notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { filePath } from "../tickets/attachments";
import { idArray, references } from "./references";

// Retention (M14, C151, C152). Each record type has a custodian department and a period (at least 3
// years) counted from when the record was finished. Past it a record is archived — read-only, never
// changed again — and, only where the organisation turned purging on, purged some weeks later with what
// cannot exist without it. A legal hold on a case keeps the case and what is linked to it. Every pass
// that archived or purged anything is logged with its counts and the purged tickets' numbers.

/** The custodian a new organisation starts with for each record type (C151: survey forms go to 行政/管理部). */
const DEFAULT_CUSTODIANS: Record<RecordType, string> = {
  ticket: "客服部",
  survey_response: "管理部",
  customer_callback: "客服部",
  qa_inspection: "质量管理部",
};

/** Records purged per type in one pass; the next pass goes on. */
const PURGE_BATCH = 200;
/** How often the retention pass runs; it does nothing until something falls due. */
export const RETENTION_MS = 60 * 60_000;

/** Where each record type lives, when it was finished, and the case (ticket) a legal hold names. */
const ROOTS: Record<RecordType, { table: string; finished: string; ticket: SQL }> = {
  ticket: { table: "tickets", finished: "closed_at", ticket: sql`r.id` },
  survey_response: {
    table: "survey_responses",
    finished: "submitted_at",
    ticket: sql`(SELECT i.ticket_id FROM survey_invitations i WHERE i.org_id = r.org_id AND i.id = r.invitation_id)`,
  },
  customer_callback: { table: "customer_callbacks", finished: "done_at", ticket: sql`r.follow_up_ticket_id` },
  qa_inspection: { table: "qa_inspections", finished: "scored_at", ticket: sql`r.ticket_id` },
};
const ROOT_TABLES = new Set(Object.values(ROOTS).map((r) => r.table));

const yearsBefore = (now: Date, years: number) => {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};

/** The default policies of a new organisation: 3 years, no purging, the usual custodians. */
export async function insertRetentionDefaults(tx: Executor, orgId: string) {
  const deps = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.orgId, orgId));
  await tx.insert(retentionPolicies).values(
    RECORD_TYPES.map((recordType) => ({
      orgId,
      recordType,
      custodianDepartmentId: deps.find((d) => d.name === DEFAULT_CUSTODIANS[recordType])?.id ?? null,
    })),
  );
}

/** A held case: an active hold names the record's ticket. */
const held = (type: RecordType) =>
  sql`EXISTS (SELECT 1 FROM legal_holds h WHERE h.org_id = r.org_id AND h.released_at IS NULL
               AND h.ticket_id = ${ROOTS[type].ticket})`;

export async function listRetentionPolicies(ctx: Ctx): Promise<RetentionPolicy[]> {
  requireCapability(ctx.actor, "records.manage");
  const { orgId } = ctx.actor;
  const rows = await ctx.db
    .select({ p: retentionPolicies, custodian: departments.name, updatedBy: users.displayName })
    .from(retentionPolicies)
    .leftJoin(
      departments,
      and(
        eq(departments.orgId, retentionPolicies.orgId),
        eq(departments.id, retentionPolicies.custodianDepartmentId),
      ),
    )
    .leftJoin(users, and(eq(users.orgId, retentionPolicies.orgId), eq(users.id, retentionPolicies.updatedBy)))
    .where(eq(retentionPolicies.orgId, orgId));
  const result: RetentionPolicy[] = [];
  for (const type of RECORD_TYPES) {
    const row = rows.find((r) => r.p.recordType === type);
    if (!row) continue;
    const [tally] = await queryRows<{ archived: number; held: number }>(
      ctx.db,
      sql`SELECT count(*)::int AS archived, count(*) FILTER (WHERE ${held(type)})::int AS held
            FROM ${sql.identifier(ROOTS[type].table)} r
           WHERE r.org_id = ${orgId} AND r.archived_at IS NOT NULL`,
    );
    result.push({
      recordType: type,
      custodianDepartmentId: row.p.custodianDepartmentId,
      custodianDepartment: row.custodian,
      retentionYears: row.p.retentionYears,
      purgeEnabled: row.p.purgeEnabled,
      archived: tally.archived,
      held: tally.held,
      updatedBy: row.updatedBy,
      updatedAt: row.p.updatedAt.toISOString(),
    });
  }
  return result;
}

/** Changes a record type's period, custodian (a transfer of custody, C151) or purging; audited. */
export async function saveRetentionPolicy(ctx: Ctx, type: RecordType, input: RetentionPolicyInput) {
  requireCapability(ctx.actor, "records.manage");
  const { orgId } = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(retentionPolicies)
      .where(and(eq(retentionPolicies.orgId, orgId), eq(retentionPolicies.recordType, type)))
      .for("update");
    if (!before) throw notFound();
    const change = diff(before, input);
    if (!change.changed) return;
    await tx
      .update(retentionPolicies)
      .set({ ...input, updatedBy: actorUserId(ctx.actor), updatedAt: new Date() })
      .where(and(eq(retentionPolicies.orgId, orgId), eq(retentionPolicies.id, before.id)));
    await writeAudit(tx, ctx, {
      action: "records.retention_changed",
      entityType: "retention_policy",
      entityId: before.id,
      before: { recordType: type, ...change.before },
      after: { recordType: type, ...change.after },
    });
  });
}

/** 法律保全 on a case, by its ticket number: kept with what is linked to it until released. */
export async function placeLegalHold(ctx: Ctx, input: { ticketNumber: string; reason: string }) {
  requireCapability(ctx.actor, "records.manage");
  const { orgId } = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const [ticket] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.orgId, orgId), eq(tickets.number, input.ticketNumber.toUpperCase())));
    if (!ticket) throw notFound("TICKET_NOT_FOUND");
    const [hold] = await tx
      .insert(legalHolds)
      .values({
        orgId,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        reason: input.reason,
        placedBy: actorUserId(ctx.actor)!,
      })
      .onConflictDoNothing()
      .returning();
    if (!hold) throw conflict("HOLD_EXISTS");
    await writeAudit(tx, ctx, {
      action: "records.hold_placed",
      entityType: "ticket",
      entityId: ticket.id,
      after: { ticketNumber: ticket.number, reason: input.reason },
    });
    return hold;
  });
}

export async function releaseLegalHold(ctx: Ctx, holdId: string, reason: string) {
  requireCapability(ctx.actor, "records.manage");
  const { orgId } = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const [hold] = await tx
      .update(legalHolds)
      .set({ releasedBy: actorUserId(ctx.actor), releasedAt: new Date(), releaseReason: reason })
      .where(and(eq(legalHolds.orgId, orgId), eq(legalHolds.id, holdId), isNull(legalHolds.releasedAt)))
      .returning();
    if (!hold) throw notFound();
    await writeAudit(tx, ctx, {
      action: "records.hold_released",
      entityType: "ticket",
      entityId: hold.ticketId,
      after: { ticketNumber: hold.ticketNumber, reason },
    });
  });
}

/** Holds standing first, then released ones, newest first. */
export async function listLegalHolds(ctx: Ctx, q: PageQuery) {
  requireCapability(ctx.actor, "records.manage");
  const name = (userId: SQL) =>
    sql<string>`(SELECT u.display_name FROM users u WHERE u.org_id = ${legalHolds.orgId} AND u.id = ${userId})`;
  const where = eq(legalHolds.orgId, ctx.actor.orgId);
  const rows = await ctx.db
    .select({
      h: legalHolds,
      placedBy: name(sql`${legalHolds.placedBy}`),
      releasedBy: name(sql`${legalHolds.releasedBy}`),
    })
    .from(legalHolds)
    .where(where)
    .orderBy(sql`${legalHolds.releasedAt} IS NOT NULL`, desc(legalHolds.placedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const items: LegalHold[] = rows.map(({ h, placedBy, releasedBy }) => ({
    id: h.id,
    ticketId: h.ticketId,
    ticketNumber: h.ticketNumber,
    reason: h.reason,
    placedBy,
    placedAt: h.placedAt.toISOString(),
    releasedBy: h.releasedBy ? releasedBy : null,
    releasedAt: h.releasedAt?.toISOString() ?? null,
    releaseReason: h.releaseReason,
  }));
  return pageOf(q, items, await countRows(ctx.db, legalHolds, where));
}

/** The retention passes that did something, newest first. */
export async function listRetentionRuns(ctx: Ctx, q: PageQuery) {
  requireCapability(ctx.actor, "records.manage");
  const where = eq(retentionRuns.orgId, ctx.actor.orgId);
  const rows = await ctx.db
    .select({ r: retentionRuns, ranBy: users.displayName })
    .from(retentionRuns)
    .leftJoin(users, and(eq(users.orgId, retentionRuns.orgId), eq(users.id, retentionRuns.ranBy)))
    .where(where)
    .orderBy(desc(retentionRuns.ranAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map(({ r, ranBy }) => presentRun(r, ranBy)),
    await countRows(ctx.db, retentionRuns, where),
  );
}

const presentRun = (r: typeof retentionRuns.$inferSelect, ranBy: string | null): RetentionRun => ({
  id: r.id,
  counts: r.counts,
  purgedNumbers: r.purgedNumbers,
  ranBy,
  ranAt: r.ranAt.toISOString(),
});

/**
 * Deletes one record with every row that cannot exist without it (a NOT NULL reference, followed down
 * the database's references); rows that merely point at one of them lose the pointer. Returns null,
 * deleting nothing, when another kept record type hangs on it; else the files it had.
 */
async function purgeRecord(tx: Executor, orgId: string, table: string, id: string): Promise<string[] | null> {
  const refs = await references(tx);
  const ident = sql.identifier;
  const doomed = new Map<string, { type: string; ids: Set<string> }>([
    [table, { type: "uuid", ids: new Set([id]) }],
  ]);
  // Rows of tables without an id column, deleted by their reference.
  const leaves: { table: string; column: string; type: string; ids: string[] }[] = [];
  let frontier = new Map([[table, [id]]]);
  while (frontier.size) {
    const next = new Map<string, string[]>();
    for (const ref of refs) {
      const parents = frontier.get(ref.parent);
      if (!parents || !ref.required) continue;
      if (!ref.childIdType) {
        leaves.push({ table: ref.child, column: ref.column, type: ref.columnType, ids: parents });
        continue;
      }
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id::text AS id FROM ${ident(ref.child)}
             WHERE org_id = ${orgId} AND ${ident(ref.column)} = ANY(${idArray(parents, ref.columnType)})`,
      );
      if (!rows.length) continue;
      if (ROOT_TABLES.has(ref.child)) return null;
      const into = doomed.get(ref.child) ?? { type: ref.childIdType, ids: new Set<string>() };
      doomed.set(ref.child, into);
      const fresh = rows.map((r) => r.id).filter((x) => !into.ids.has(x));
      for (const x of fresh) into.ids.add(x);
      if (fresh.length) next.set(ref.child, [...(next.get(ref.child) ?? []), ...fresh]);
    }
    frontier = next;
  }
  for (const ref of refs) {
    const parent = doomed.get(ref.parent);
    if (ref.required || !parent) continue;
    await tx.execute(
      sql`UPDATE ${ident(ref.child)} SET ${ident(ref.column)} = NULL
           WHERE org_id = ${orgId} AND ${ident(ref.column)} = ANY(${idArray([...parent.ids], ref.columnType)})`,
    );
  }
  const attachments = doomed.get("attachments");
  const files = attachments
    ? (
        await queryRows<{ sha256: string }>(
          tx,
          sql`SELECT sha256 FROM attachments WHERE org_id = ${orgId} AND id = ANY(${idArray([...attachments.ids])})`,
        )
      ).map((r) => r.sha256)
    : [];
  for (const leaf of leaves)
    await tx.execute(
      sql`DELETE FROM ${ident(leaf.table)}
           WHERE org_id = ${orgId} AND ${ident(leaf.column)} = ANY(${idArray(leaf.ids, leaf.type)})`,
    );
  // Children before parents: a table goes once no table still to go references it.
  const remaining = new Set(doomed.keys());
  while (remaining.size) {
    const ready = [...remaining].filter(
      (t) => !refs.some((r) => r.required && r.parent === t && r.child !== t && remaining.has(r.child)),
    );
    if (!ready.length)
      throw new Error(`retention: references among ${[...remaining].join(", ")} form a cycle`);
    for (const t of ready) {
      const { type, ids } = doomed.get(t)!;
      await tx.execute(
        sql`DELETE FROM ${ident(t)} WHERE org_id = ${orgId} AND id = ANY(${idArray([...ids], type)})`,
      );
      remaining.delete(t);
    }
  }
  return files;
}

/**
 * One retention pass over an organisation: archives what is past its period and, where purging is on,
 * purges what was archived at least PURGE_GRACE_DAYS ago and is not held. Logged when it did anything
 * (or when someone ran it); files no record refers to any more are removed after the commit.
 */
export async function applyRetention(
  db: Db,
  orgId: string,
  options: { now?: Date; filesDir: string; ranBy?: Ctx },
): Promise<RetentionRun | null> {
  const now = options.now ?? new Date();
  const ctx = options.ranBy ?? systemCtx(db, orgId);
  if (options.ranBy) requireCapability(ctx.actor, "records.manage");
  const graceEnd = new Date(now.getTime() - PURGE_GRACE_DAYS * 86_400_000);
  const files: string[] = [];
  const run = await db.transaction(async (tx) => {
    const policies = await tx.select().from(retentionPolicies).where(eq(retentionPolicies.orgId, orgId));
    const counts: Partial<Record<RecordType, RetentionCounts>> = {};
    const purgedNumbers: string[] = [];
    for (const policy of policies) {
      const type = policy.recordType;
      const { table, finished } = ROOTS[type];
      const due = sql`r.org_id = ${orgId} AND r.${sql.identifier(finished)} < ${yearsBefore(now, policy.retentionYears)}`;
      const archived = await queryRows<{ id: string }>(
        tx,
        sql`UPDATE ${sql.identifier(table)} r SET archived_at = ${now}
             WHERE ${due} AND r.archived_at IS NULL RETURNING r.id`,
      );
      const [{ held: heldCount }] = await queryRows<{ held: number }>(
        tx,
        sql`SELECT count(*)::int AS held FROM ${sql.identifier(table)} r
             WHERE ${due} AND r.archived_at IS NOT NULL AND ${held(type)}`,
      );
      const tally: RetentionCounts = { archived: archived.length, purged: 0, held: heldCount, kept: 0 };
      if (policy.purgeEnabled) {
        const candidates = await queryRows<{ id: string; number: string | null }>(
          tx,
          sql`SELECT r.id::text AS id, ${type === "ticket" ? sql`r.number` : sql`NULL`} AS number
                FROM ${sql.identifier(table)} r
               WHERE ${due} AND r.archived_at <= ${graceEnd} AND NOT ${held(type)}
               ORDER BY r.${sql.identifier(finished)} LIMIT ${PURGE_BATCH}`,
        );
        for (const record of candidates) {
          const gone = await purgeRecord(tx, orgId, table, record.id);
          if (!gone) {
            tally.kept++;
            continue;
          }
          tally.purged++;
          files.push(...gone);
          if (record.number) purgedNumbers.push(record.number);
        }
      }
      if (tally.archived || tally.purged || options.ranBy) counts[type] = tally;
    }
    if (!Object.keys(counts).length) return null;
    const [row] = await tx
      .insert(retentionRuns)
      .values({ orgId, counts, purgedNumbers, ranBy: actorUserId(ctx.actor), ranAt: now })
      .returning();
    await writeAudit(tx, ctx, {
      action: "records.retention_run",
      entityType: "retention_run",
      entityId: row.id,
      after: { counts, purgedNumbers },
    });
    return row;
  });
  for (const sha256 of new Set(files)) {
    const [still] = await queryRows(db, sql`SELECT 1 FROM attachments WHERE sha256 = ${sha256} LIMIT 1`);
    if (!still) await unlink(filePath(options.filesDir, sha256)).catch(() => undefined);
  }
  return (
    run && {
      id: run.id,
      counts: run.counts,
      purgedNumbers: run.purgedNumbers,
      ranBy: ctx.actor.name,
      ranAt: run.ranAt.toISOString(),
    }
  );
}

/** The scheduled pass over every organisation. */
export async function runRetention(db: Db, filesDir: string, now = new Date()) {
  for (const { id } of await db.select({ id: organizations.id }).from(organizations))
    await applyRetention(db, id, { now, filesDir });
}
