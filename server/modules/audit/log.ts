import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { maskAddress, maskEmail, maskPhone } from "../../../common/mask";
import { auditDto, type auditQuery } from "../../../common/schemas/audit";
import { paged } from "../../../common/schemas/pagination";
import { type Executor, queryRows } from "../../db/client";
import { auditLog } from "../../db/schema";
import { type Ctx, can, requireCapability } from "../../lib/context";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";

/** A page of the log, with what the records it names are called. */
export const auditPage = paged(auditDto).extend({ names: z.record(z.string(), z.string()) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every id a logged value mentions (the record, a handler moved from one person to another…). */
function idsIn(value: unknown, found: Set<string>, depth = 0): Set<string> {
  if (typeof value === "string" && UUID.test(value)) found.add(value);
  else if (value && typeof value === "object" && depth < 4)
    for (const item of Object.values(value)) idsIn(item, found, depth + 1);
  return found;
}

/**
 * What the people reading the log call the records it names: a person's name, a ticket's or work
 * order's number, a customer's, department's or role's name — never a bare id. Only this organisation's.
 */
async function namesOf(db: Executor, orgId: string, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const list = sql`ANY(${`{${ids.join(",")}}`}::uuid[])`;
  const rows = await queryRows<{ id: string; label: string }>(
    db,
    sql`SELECT id, display_name AS label FROM users WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, name FROM departments WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, name FROM roles WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, name FROM customers WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, number FROM tickets WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, number FROM work_orders WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT c.id, t.number FROM complaints c JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id
        WHERE c.org_id = ${orgId} AND c.id = ${list}
      UNION ALL SELECT id, name FROM service_points WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, name FROM sla_policies WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, code || ' ' || name FROM spare_parts WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, code || ' ' || name FROM tools WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, contract_no FROM service_agreements WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, name FROM complaint_categories WHERE org_id = ${orgId} AND id = ${list}
      UNION ALL SELECT id, name FROM qa_scorecards WHERE org_id = ${orgId} AND id = ${list}`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.label]));
}

/** Personal data a logged change holds, by the field's name. */
const PERSONAL: Record<string, (value: string | null) => string | null> = {
  phone: maskPhone,
  mobile: maskPhone,
  email: maskEmail,
  address: maskAddress,
  siteAddress: maskAddress,
};

/** A logged value as this reader may see it: contact details masked without customer.pii.view (C005). */
function masked(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== "object" || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      PERSONAL[key] && typeof item === "string" ? PERSONAL[key](item) : masked(item, depth + 1),
    ]),
  );
}

/** The operation log (M14), newest first, filtered; read-only — nothing changes or deletes audit rows. */
export async function readAuditLog(ctx: Ctx, q: z.output<typeof auditQuery>) {
  requireCapability(ctx.actor, "audit.view");
  const conditions: (SQL | undefined)[] = [eq(auditLog.orgId, ctx.actor.orgId)];
  if (q.entityType) conditions.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conditions.push(eq(auditLog.entityId, q.entityId));
  if (q.action) conditions.push(eq(auditLog.action, q.action));
  if (q.from) conditions.push(gte(auditLog.createdAt, q.from));
  if (q.to) conditions.push(lte(auditLog.createdAt, q.to));
  const where = and(...conditions);
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const ids = new Set<string>();
  for (const a of rows) idsIn([a.entityId, a.actorId, a.before, a.after], ids);
  const items = rows.map((a) => ({
    ...a,
    ...(can(ctx.actor, "customer.pii.view") ? {} : { before: masked(a.before), after: masked(a.after) }),
    createdAt: iso(a.createdAt),
  }));
  return {
    ...pageOf(q, items, await countRows(ctx.db, auditLog, where)),
    names: await namesOf(ctx.db, ctx.actor.orgId, [...ids]),
  };
}
