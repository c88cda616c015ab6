import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { promiseInput } from "../../../common/schemas/tickets";
import { tickets } from "../../db/schema";
import { defineJob, enqueue } from "../../jobs/runner";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { invalid } from "../../lib/errors";
import { publish } from "../../lib/events";
import { notifyUsers } from "../messaging/notifications";
import { loadTicket } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

/** Minutes before a promised time that the handler is reminded. */
export const PROMISE_REMINDER_MINUTES = 30;

const promisePayload = z.object({ ticketId: z.uuid(), promisedAt: z.iso.datetime() });

async function stillPromised(db: Ctx["db"], orgId: string, p: z.infer<typeof promisePayload>) {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.orgId, orgId),
        eq(tickets.id, p.ticketId),
        eq(tickets.promisedAt, new Date(p.promisedAt)),
      ),
    );
  return ticket ?? null;
}

export const promiseReminder = defineJob({
  name: "ticket.promise_reminder",
  payload: promisePayload,
  async handle({ db, orgId }, payload) {
    const ticket = await stillPromised(db, orgId, payload);
    if (!ticket) return;
    await db.transaction((tx) =>
      notifyUsers(tx, orgId, [ticket.assigneeId, ticket.firstResponderId], {
        kind: "promise_due_soon",
        params: { number: ticket.number, title: ticket.title, promisedAt: payload.promisedAt },
        ticketId: ticket.id,
      }),
    );
  },
});

/**
 * At the promised time: if no reply reached the customer (a reply clears the promise), the promise
 * is broken and counted. The conditional update makes a second run a no-op.
 */
export const promiseDue = defineJob({
  name: "ticket.promise_due",
  payload: promisePayload,
  async handle({ db, orgId }, payload) {
    await db.transaction(async (tx) => {
      const [ticket] = await tx
        .update(tickets)
        .set({ promisedAt: null, brokenPromises: sql`${tickets.brokenPromises} + 1` })
        .where(
          and(
            eq(tickets.orgId, orgId),
            eq(tickets.id, payload.ticketId),
            eq(tickets.promisedAt, new Date(payload.promisedAt)),
          ),
        )
        .returning();
      if (!ticket) return;
      const ctx = systemCtx(db, orgId);
      await addTimelineEntry(tx, ctx, ticket, {
        kind: "promise_broken",
        data: { promisedAt: payload.promisedAt },
      });
      await writeAudit(tx, ctx, {
        action: "ticket.promise_broken",
        entityType: "ticket",
        entityId: ticket.id,
        after: payload,
      });
      await notifyUsers(tx, orgId, [ticket.assigneeId, ticket.firstResponderId], {
        kind: "promise_broken",
        params: { number: ticket.number, title: ticket.title },
        ticketId: ticket.id,
      });
      await publish(tx, {
        orgId,
        type: "ticket.updated",
        ticketId: ticket.id,
        customerId: ticket.customerId,
      });
    });
  },
});

/** 时间承诺 (C031): the agent promises an answer by a time; reminded before, counted if broken. */
export async function promiseAnswer(ctx: Ctx, ticketId: string, raw: z.input<typeof promiseInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = promiseInput.parse(raw);
  const now = Date.now();
  if (input.promisedAt.getTime() <= now) throw invalid("PROMISE_IN_PAST");
  const promisedAt = new Date(Math.floor(input.promisedAt.getTime() / 1000) * 1000);
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ticketId);
    requirePart(ctx.actor, ticket, "handle");
    await tx
      .update(tickets)
      .set({ promisedAt, updatedAt: new Date() })
      .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.id, ticketId)));
    const payload = { ticketId, promisedAt: promisedAt.toISOString() };
    const remindAt = new Date(Math.max(now, promisedAt.getTime() - PROMISE_REMINDER_MINUTES * 60_000));
    const key = `${ticketId}:${payload.promisedAt}`;
    await enqueue(tx, promiseReminder, {
      orgId: ctx.actor.orgId,
      payload,
      runAt: remindAt,
      dedupeKey: `promise_reminder:${key}`,
    });
    await enqueue(tx, promiseDue, {
      orgId: ctx.actor.orgId,
      payload,
      runAt: promisedAt,
      dedupeKey: `promise_due:${key}`,
    });
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "promise",
      body: input.note ?? null,
      data: { promisedAt: payload.promisedAt },
      isPublic: true,
    });
    await writeAudit(tx, ctx, {
      action: "ticket.promised",
      entityType: "ticket",
      entityId: ticketId,
      after: payload,
    });
    return { promisedAt };
  });
}
