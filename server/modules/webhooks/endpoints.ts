import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { PageQuery } from "../../../common/schemas/pagination";
import { type WebhookEndpointDto, type WebhookInput, webhookInput } from "../../../common/schemas/webhooks";
import type { Executor } from "../../db/client";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { invalidField, notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { seal } from "../../lib/secrets";
import { targetProblem } from "./target";

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/** A Standard Webhooks secret: "whsec_" and 24 random bytes, base64. */
const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

const present = (e: WebhookEndpoint): WebhookEndpointDto => ({
  id: e.id,
  name: e.name,
  url: e.url,
  events: e.events,
  active: e.active,
  failingSince: iso(e.failingSince),
  disabledForFailingAt: iso(e.disabledForFailingAt),
  createdAt: iso(e.createdAt),
});

async function checkedInput(raw: WebhookInput) {
  const input = webhookInput.parse(raw);
  const problem = await targetProblem(input.url);
  if (problem === "internal") throw invalidField("url", "internal_address");
  if (problem === "unresolvable") throw invalidField("url", "unresolvable");
  return input;
}

export async function loadEndpoint(tx: Executor, orgId: string, id: string): Promise<WebhookEndpoint> {
  const [endpoint] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
  if (!endpoint) throw notFound("WEBHOOK_NOT_FOUND");
  return endpoint;
}

export async function listEndpoints(ctx: Ctx, q: PageQuery) {
  requireCapability(ctx.actor, "webhook.manage");
  const where = eq(webhookEndpoints.orgId, ctx.actor.orgId);
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(where)
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(q, rows.map(present), await countRows(ctx.db, webhookEndpoints, where));
}

/** Registers an endpoint; the answer carries its signing secret, which is never shown again. */
export async function createEndpoint(ctx: Ctx, raw: WebhookInput) {
  requireCapability(ctx.actor, "webhook.manage");
  const input = await checkedInput(raw);
  const secret = newSecret();
  return ctx.db.transaction(async (tx) => {
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({
        orgId: ctx.actor.orgId,
        ...input,
        secretSealed: seal(secret),
        createdBy: actorUserId(ctx.actor),
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: "webhook.created",
      entityType: "webhook_endpoint",
      entityId: endpoint.id,
      after: { name: input.name, url: input.url, events: input.events, active: input.active },
    });
    return { endpoint: present(endpoint), secret };
  });
}

/** Changes an endpoint; switching it on again clears a failing record (the administrator fixed it). */
export async function updateEndpoint(ctx: Ctx, id: string, raw: WebhookInput) {
  requireCapability(ctx.actor, "webhook.manage");
  const input = await checkedInput(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await loadEndpoint(tx, ctx.actor.orgId, id);
    const reactivated = input.active && !before.active;
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({
        ...input,
        ...(reactivated && { failingSince: null, disabledForFailingAt: null }),
        updatedAt: new Date(),
      })
      .where(and(eq(webhookEndpoints.orgId, ctx.actor.orgId), eq(webhookEndpoints.id, id)))
      .returning();
    const facts = (e: WebhookEndpoint) => ({ name: e.name, url: e.url, events: e.events, active: e.active });
    await writeAudit(tx, ctx, {
      action: "webhook.updated",
      entityType: "webhook_endpoint",
      entityId: id,
      before: facts(before),
      after: facts(endpoint),
    });
    return present(endpoint);
  });
}

/** A new signing secret (the old one stops at once); shown once. */
export async function rotateSecret(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "webhook.manage");
  const secret = newSecret();
  await ctx.db.transaction(async (tx) => {
    await loadEndpoint(tx, ctx.actor.orgId, id);
    await tx
      .update(webhookEndpoints)
      .set({ secretSealed: seal(secret), updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.orgId, ctx.actor.orgId), eq(webhookEndpoints.id, id)));
    await writeAudit(tx, ctx, {
      action: "webhook.secret_rotated",
      entityType: "webhook_endpoint",
      entityId: id,
    });
  });
  return { secret };
}

/** Removes an endpoint with its delivery log. */
export async function deleteEndpoint(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "webhook.manage");
  await ctx.db.transaction(async (tx) => {
    const before = await loadEndpoint(tx, ctx.actor.orgId, id);
    await tx
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.orgId, ctx.actor.orgId), eq(webhookDeliveries.endpointId, id)));
    await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.orgId, ctx.actor.orgId), eq(webhookEndpoints.id, id)));
    await writeAudit(tx, ctx, {
      action: "webhook.deleted",
      entityType: "webhook_endpoint",
      entityId: id,
      before: { name: before.name, url: before.url },
    });
  });
}
