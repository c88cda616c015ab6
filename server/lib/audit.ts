import type { Executor } from "../db/client";
import { auditLog } from "../db/schema";
import type { Ctx } from "./context";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Appends to the operation log; call it inside the transaction that makes the change. */
export async function writeAudit(tx: Executor, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const { actor } = ctx;
  await tx.insert(auditLog).values({
    orgId: actor.orgId,
    actorType: actor.type === "user" ? (actor.apiTokenId ? "api_token" : "user") : actor.type,
    actorId: actor.type === "user" ? actor.userId : actor.type === "customer" ? actor.customerId : null,
    actorName: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip,
  });
}

/** The fields that differ between two versions of a record, as {before, after}. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
