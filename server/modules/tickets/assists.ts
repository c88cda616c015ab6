import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { assistInput } from "../../../common/schemas/tickets";
import { departments, ticketAssists } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, notFound } from "../../lib/errors";
import { findUser } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadTicket } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

/** 协办 / 工作联络单: another department helps, with its own owner and deadline; ownership stays. */
export async function requestAssist(ctx: Ctx, ticketId: string, raw: z.input<typeof assistInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = assistInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ticketId);
    requirePart(ctx.actor, ticket, "handle");
    const [dept] = await tx
      .select({ name: departments.name, headUserId: departments.headUserId })
      .from(departments)
      .where(and(eq(departments.orgId, orgId), eq(departments.id, input.departmentId)));
    if (!dept) throw notFound("DEPARTMENT_NOT_FOUND");
    const owner = input.ownerId ? await findUser(tx, orgId, input.ownerId) : null;
    if (input.ownerId && !owner) throw notFound("USER_NOT_FOUND");
    const [assist] = await tx
      .insert(ticketAssists)
      .values({
        orgId,
        ticketId,
        departmentId: input.departmentId,
        ownerId: input.ownerId ?? dept.headUserId,
        request: input.request,
        dueAt: input.dueAt,
        isRetroactive: input.isRetroactive,
        requestedBy: actorUserId(ctx.actor),
      })
      .returning();
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "assist_requested",
      body: input.request,
      data: {
        assistId: assist.id,
        department: dept.name,
        owner: owner?.displayName ?? null,
        dueAt: input.dueAt.toISOString(),
      },
    });
    await writeAudit(tx, ctx, {
      action: "ticket.assist_requested",
      entityType: "ticket",
      entityId: ticketId,
      after: input,
    });
    await notifyUsers(tx, orgId, [assist.ownerId], {
      kind: "assist_requested",
      params: { number: ticket.number, title: ticket.title },
      body: input.request,
      ticketId,
    });
    return assist;
  });
}

/** The assisting department answers and closes its part. */
export async function completeAssist(ctx: Ctx, assistId: string, answer: string) {
  requireCapability(ctx.actor, "ticket.handle");
  const text = z.string().trim().min(1).max(5000).parse(answer);
  return ctx.db.transaction(async (tx) => {
    const [assist] = await tx
      .update(ticketAssists)
      .set({ status: "done", answer: text, doneAt: new Date() })
      .where(
        and(
          eq(ticketAssists.orgId, ctx.actor.orgId),
          eq(ticketAssists.id, assistId),
          eq(ticketAssists.status, "open"),
        ),
      )
      .returning();
    if (!assist) throw conflict("TICKET_CONFLICT", { status: "done" });
    const ticket = await loadTicket(tx, ctx, assist.ticketId);
    await addTimelineEntry(tx, ctx, ticket, { kind: "assist_done", body: text, data: { assistId } });
    await writeAudit(tx, ctx, {
      action: "ticket.assist_done",
      entityType: "ticket",
      entityId: ticket.id,
      after: { assistId, answer: text },
    });
    await notifyUsers(tx, ctx.actor.orgId, [ticket.assigneeId, assist.requestedBy], {
      kind: "assist_done",
      params: { number: ticket.number, title: ticket.title },
      ticketId: ticket.id,
    });
    return assist;
  });
}
