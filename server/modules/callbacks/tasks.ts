import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { nextWorkingDay } from "../../../common/business-time";
import { callbackListQuery } from "../../../common/schemas/callbacks";
import type { Executor } from "../../db/client";
import { callbackTasks, contacts, customers, tickets } from "../../db/schema";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { offsetOf, pageOf } from "../../lib/pagination";
import { officeCalendar } from "../../lib/periods";
import { iso } from "../../lib/present";
import { notifyUsers } from "../messaging/notifications";
import type { Ticket } from "../tickets/load-ticket";
import { visibleTickets } from "../tickets/policy";

/**
 * Opens a callback (回访) for the next working day after `at`, for the ticket's first responder —
 * 首问负责制: they follow the matter until the customer is satisfied — or else its handler.
 */
export async function openCallbackTask(
  tx: Executor,
  ticket: Ticket,
  task: { reason: string; workOrderId?: string; at: Date; quietFor?: string | null },
) {
  const dueOn = nextWorkingDay(await officeCalendar(tx, ticket.orgId), task.at);
  const assigneeId = ticket.firstResponderId ?? ticket.assigneeId;
  const [row] = await tx
    .insert(callbackTasks)
    .values({
      orgId: ticket.orgId,
      ticketId: ticket.id,
      workOrderId: task.workOrderId ?? null,
      assigneeId,
      dueOn,
      reason: task.reason,
    })
    .returning();
  if (assigneeId !== task.quietFor)
    await notifyUsers(tx, ticket.orgId, [assigneeId], {
      kind: "callback_due",
      params: { number: ticket.number, title: ticket.title, dueOn },
      ticketId: ticket.id,
    });
  return row;
}

/**
 * C085: a resolved ticket about a customer waits for its closing call — the first responder confirms
 * the customer is satisfied before it is closed. Completed on-site work has opened its own already;
 * they are not told of the one they made themselves by resolving.
 */
export async function openResolutionCallback(tx: Executor, ctx: Ctx, ticket: Ticket) {
  if (!ticket.customerId) return;
  const [open] = await tx
    .select({ id: callbackTasks.id })
    .from(callbackTasks)
    .where(
      and(
        eq(callbackTasks.orgId, ticket.orgId),
        eq(callbackTasks.ticketId, ticket.id),
        eq(callbackTasks.status, "open"),
        ne(callbackTasks.reason, "satisfaction_sample"),
      ),
    );
  if (open) return;
  await openCallbackTask(tx, ticket, {
    reason: "ticket_resolved",
    at: new Date(),
    quietFor: actorUserId(ctx.actor),
  });
}

/** The callback was made (recorded on the ticket): its open tasks are done with what the customer said. */
export async function closeCallbackTasks(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  outcome: { satisfied: boolean; result: string },
) {
  await tx
    .update(callbackTasks)
    .set({ status: "done", ...outcome, doneBy: actorUserId(ctx.actor), doneAt: new Date() })
    .where(
      and(
        eq(callbackTasks.orgId, ticket.orgId),
        eq(callbackTasks.ticketId, ticket.id),
        eq(callbackTasks.status, "open"),
      ),
    );
}

/** Callback tasks by due day, with their ticket and customer. */
export async function listCallbackTasks(ctx: Ctx, raw: z.input<typeof callbackListQuery>) {
  requireCapability(ctx.actor, "ticket.view");
  const q = callbackListQuery.parse(raw);
  const where = and(
    visibleTickets(ctx.actor),
    q.status === "open" ? eq(callbackTasks.status, "open") : ne(callbackTasks.status, "open"),
    q.scope === "mine" ? eq(callbackTasks.assigneeId, actorUserId(ctx.actor) ?? sql`NULL`) : undefined,
  );
  const rows = await ctx.db
    .select({
      task: callbackTasks,
      number: tickets.number,
      title: tickets.title,
      priority: tickets.priority,
      ticketStatus: tickets.status,
      customer: customers.name,
      contact: contacts.name,
    })
    .from(callbackTasks)
    .innerJoin(tickets, and(eq(tickets.orgId, callbackTasks.orgId), eq(tickets.id, callbackTasks.ticketId)))
    .leftJoin(customers, and(eq(customers.orgId, tickets.orgId), eq(customers.id, tickets.customerId)))
    .leftJoin(contacts, and(eq(contacts.orgId, tickets.orgId), eq(contacts.id, tickets.contactId)))
    .where(where)
    .orderBy(q.status === "open" ? asc(callbackTasks.dueOn) : sql`${callbackTasks.doneAt} DESC`)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(callbackTasks)
    .innerJoin(tickets, and(eq(tickets.orgId, callbackTasks.orgId), eq(tickets.id, callbackTasks.ticketId)))
    .where(where);
  return pageOf(
    q,
    rows.map((r) => ({
      ...r.task,
      doneAt: iso(r.task.doneAt),
      number: r.number,
      title: r.title,
      priority: r.priority,
      ticketStatus: r.ticketStatus,
      customer: r.customer,
      contact: r.contact,
    })),
    total,
  );
}
