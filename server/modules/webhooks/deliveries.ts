import http from "node:http";
import https from "node:https";
import { and, desc, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { DOMAIN_EVENT_TYPES } from "../../../common/events";
import type { PageQuery } from "../../../common/schemas/pagination";
import type { WebhookDeliveryDto, WebhookFailure } from "../../../common/schemas/webhooks";
import type { Db, Executor } from "../../db/client";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { defineJob, enqueue } from "../../jobs/runner";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { on, type Subscription } from "../../lib/domain-events";
import { notFound } from "../../lib/errors";
import { orgCache } from "../../lib/org-cache";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { unseal } from "../../lib/secrets";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadEndpoint } from "./endpoints";
import { guardedLookup, InternalAddressRefused, targetProblem } from "./target";

/**
 * When the next attempt follows a failed one (the Standard Webhooks schedule): 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h — eight attempts over about 27 hours, then the delivery has failed.
 */
export const RETRY_DELAYS_MS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000].map((s) => s * 1000);
/** An endpoint all of whose deliveries have failed for this long is switched off. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
export const TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 500;

/** The organisation's active endpoints and what they asked for, kept in memory (lib/org-cache.ts). */
const activeEndpoints = orgCache("webhooks", (db, orgId) =>
  db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.active, true))),
);

/** Every event goes to the organisation's active endpoints that asked for it: a delivery and its job. */
export const webhookListeners: Subscription[] = DOMAIN_EVENT_TYPES.map((type) =>
  on(type, async (tx, ctx, event) => {
    // A rule's "call a webhook" action names its endpoint (automations).
    const named = "webhookEndpointId" in event.payload ? event.payload.webhookEndpointId : null;
    const endpoints = (await activeEndpoints(tx, ctx.actor.orgId)).filter(
      (e) => e.events.includes(type) || e.id === named,
    );
    for (const endpoint of endpoints) {
      const body = { type, timestamp: new Date().toISOString(), data: event.payload };
      const [delivery] = await tx
        .insert(webhookDeliveries)
        .values({ orgId: ctx.actor.orgId, endpointId: endpoint.id, eventId: event.id, eventType: type, body })
        .returning({ id: webhookDeliveries.id });
      await enqueue(tx, deliverWebhook, { orgId: ctx.actor.orgId, payload: { deliveryId: delivery.id } });
    }
  }),
);

/** What came back: the receiver's status and the start of its answer, or why nothing did. */
type Answer = { status: number | null; durationMs: number; excerpt: string; failure?: WebhookFailure };

/** One POST, no redirects followed, at most TIMEOUT_MS; what came back (or why nothing did). */
function post(url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        lookup: guardedLookup(url) as never,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < EXCERPT_CHARS) text += chunk;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? null,
            durationMs: elapsed(),
            excerpt: text.slice(0, EXCERPT_CHARS),
          }),
        );
        response.on("error", (error) =>
          resolve({ status: response.statusCode ?? null, durationMs: elapsed(), excerpt: error.message }),
        );
      },
    );
    let timedOut = false;
    request.on("timeout", () => {
      timedOut = true;
      request.destroy();
    });
    request.on("error", (error) => {
      const failure: WebhookFailure = timedOut
        ? "timeout"
        : error instanceof InternalAddressRefused
          ? "internal_address"
          : "no_connection";
      // The system's own words stay beside the code (ECONNREFUSED, a certificate problem …).
      resolve({ status: null, durationMs: elapsed(), excerpt: timedOut ? "" : error.message, failure });
    });
    request.end(body);
  });
}

/**
 * Sends one delivery, signed with its endpoint's secret (webhook-id is the event's, the same on
 * every attempt, so a receiver can drop repeats). A failure schedules the next attempt; the last one
 * marks the delivery failed. An endpoint failing for a day is switched off and its administrators told.
 */
export const deliverWebhook = defineJob({
  name: "webhooks.deliver",
  payload: z.object({ deliveryId: z.uuid() }),
  async handle({ db, orgId }, { deliveryId }) {
    const [delivery] = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, deliveryId)));
    if (delivery?.status !== "pending") return;
    const endpoint = await loadEndpoint(db, orgId, delivery.endpointId).catch(() => null);
    if (!endpoint?.active) {
      await settle(
        db,
        delivery,
        { status: null, durationMs: 0, excerpt: "", failure: "endpoint_off" },
        "final",
      );
      return;
    }
    const url = new URL(endpoint.url);
    const body = JSON.stringify(delivery.body);
    const problem = await targetProblem(endpoint.url);
    let answer: Answer;
    if (problem) {
      answer = {
        status: null,
        durationMs: 0,
        excerpt: "",
        failure: problem === "internal" ? "internal_address" : "unresolvable",
      };
    } else {
      const id = `msg_${delivery.eventId}`;
      const timestamp = new Date();
      const signature = new Webhook(unseal(endpoint.secretSealed)).sign(id, timestamp, body);
      answer = await post(
        url,
        {
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "webhook-signature": signature,
          "user-agent": "Kefu-Webhooks/1",
        },
        body,
      );
    }
    const succeeded = answer.status !== null && answer.status >= 200 && answer.status < 300;
    await settle(db, delivery, answer, succeeded ? "succeeded" : "failed");
  },
});

async function settle(
  db: Db,
  delivery: typeof webhookDeliveries.$inferSelect,
  answer: Answer,
  /** "final": not sent and not to be retried (its endpoint was switched off). */
  outcome: "succeeded" | "failed" | "final",
) {
  const now = new Date();
  const succeeded = outcome === "succeeded";
  const attempts = delivery.attempts + 1;
  const delay = RETRY_DELAYS_MS[attempts - 1];
  const retry = outcome === "failed" && delay !== undefined;
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status: succeeded ? "succeeded" : retry ? "pending" : "failed",
        attempts,
        responseStatus: answer.status,
        durationMs: answer.durationMs,
        responseExcerpt: answer.excerpt.replaceAll("\u0000", "") || null,
        failure: answer.failure ?? null,
        lastAttemptAt: now,
        nextAttemptAt: retry ? new Date(now.getTime() + delay) : null,
      })
      .where(and(eq(webhookDeliveries.orgId, delivery.orgId), eq(webhookDeliveries.id, delivery.id)));
    if (retry) {
      await enqueue(tx, deliverWebhook, {
        orgId: delivery.orgId,
        payload: { deliveryId: delivery.id },
        runAt: new Date(now.getTime() + delay),
      });
    }
    if (outcome !== "final") await recordHealth(tx, systemCtx(db, delivery.orgId), delivery, succeeded, now);
  });
}

/** Succeeded: the endpoint is well. Failed: since when; a day of nothing but failures switches it off. */
async function recordHealth(
  tx: Executor,
  ctx: Ctx,
  delivery: typeof webhookDeliveries.$inferSelect,
  succeeded: boolean,
  now: Date,
) {
  const where = and(eq(webhookEndpoints.orgId, delivery.orgId), eq(webhookEndpoints.id, delivery.endpointId));
  if (succeeded) {
    await tx.update(webhookEndpoints).set({ failingSince: null }).where(where);
    return;
  }
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(where)
    .returning();
  if (!endpoint?.active || now.getTime() - endpoint.failingSince!.getTime() < DISABLE_AFTER_FAILING_MS)
    return;
  await tx.update(webhookEndpoints).set({ active: false, disabledForFailingAt: now }).where(where);
  await writeAudit(tx, ctx, {
    action: "webhook.disabled_for_failing",
    entityType: "webhook_endpoint",
    entityId: endpoint.id,
    after: { failingSince: iso(endpoint.failingSince) },
  });
  const admins = await usersWithCapability(tx, delivery.orgId, "webhook.manage");
  await notifyUsers(tx, delivery.orgId, admins, {
    kind: "webhook_disabled",
    params: { name: endpoint.name },
  });
}

const presentDelivery = (d: typeof webhookDeliveries.$inferSelect): WebhookDeliveryDto => ({
  id: d.id,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  durationMs: d.durationMs,
  responseExcerpt: d.responseExcerpt,
  failure: d.failure,
  lastAttemptAt: iso(d.lastAttemptAt),
  nextAttemptAt: iso(d.nextAttemptAt),
  createdAt: iso(d.createdAt),
});

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(ctx: Ctx, endpointId: string, q: PageQuery) {
  requireCapability(ctx.actor, "webhook.manage");
  await loadEndpoint(ctx.db, ctx.actor.orgId, endpointId);
  const where = and(
    eq(webhookDeliveries.orgId, ctx.actor.orgId),
    eq(webhookDeliveries.endpointId, endpointId),
  );
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(q, rows.map(presentDelivery), await countRows(ctx.db, webhookDeliveries, where));
}

/** Sends a delivery again now (same id and body), whatever became of it; its attempts start over. */
export async function resendDelivery(ctx: Ctx, endpointId: string, deliveryId: string) {
  requireCapability(ctx.actor, "webhook.manage");
  return ctx.db.transaction(async (tx) => {
    await loadEndpoint(tx, ctx.actor.orgId, endpointId);
    const [delivery] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
      .where(
        and(
          eq(webhookDeliveries.orgId, ctx.actor.orgId),
          eq(webhookDeliveries.endpointId, endpointId),
          eq(webhookDeliveries.id, deliveryId),
        ),
      )
      .returning();
    if (!delivery) throw notFound("NOT_FOUND");
    await enqueue(tx, deliverWebhook, { orgId: ctx.actor.orgId, payload: { deliveryId } });
    await writeAudit(tx, ctx, {
      action: "webhook.resent",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      after: { deliveryId, eventType: delivery.eventType },
    });
    return presentDelivery(delivery);
  });
}

/** Deliveries settled (delivered or given up) this long ago leave the log. */
export const DELIVERIES_KEPT_DAYS = 30;

export async function purgeDeliveries(db: Db) {
  await db.execute(sql`DELETE FROM webhook_deliveries WHERE status <> 'pending'
    AND last_attempt_at < now() - make_interval(days => ${DELIVERIES_KEPT_DAYS})`);
}
