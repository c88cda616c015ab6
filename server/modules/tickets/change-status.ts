import type { z } from "zod";
import { type ChangeStatusInput, changeStatusInput } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { invalid } from "../../lib/errors";
import { notifyUsers } from "../messaging/notifications";
import { TRANSITIONS } from "./lifecycle";
import { announceAssignment, type Ticket, updateTicketFrom } from "./load-ticket";
import { type Part, partIn, requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

/** Moves a ticket through its lifecycle (SPEC M2), one conditional update per action. */
export async function changeTicketStatus(
  ctx: Ctx,
  ticketId: string,
  raw: ChangeStatusInput,
): Promise<Ticket> {
  const input = changeStatusInput.parse(raw);
  requireCapability(ctx.actor, TRANSITIONS[input.action].capability);
  return ctx.db.transaction((tx) => transitionTicket(tx, ctx, ticketId, input, partIn(input.action)));
}

/**
 * The change itself, inside the caller's transaction: also used where another record moves the
 * ticket on (the last work order completed resolves it). `part`: the part in the ticket a person
 * acting on it directly must have (its holder before a transfer no longer handles it).
 */
export async function transitionTicket(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  input: z.output<typeof changeStatusInput>,
  part?: Part,
): Promise<Ticket> {
  const { action } = input;
  const transition = TRANSITIONS[action];
  const text = input.text || null;
  if ((action === "hold" || action === "reopen") && !text) throw invalid("REASON_REQUIRED");
  if (action === "resolve" && !text) throw invalid("RESOLUTION_REQUIRED");
  if (action === "record_callback" && (!text || input.satisfied == null)) throw invalid("REASON_REQUIRED");
  // 首问负责制: a customer not satisfied at the callback means the matter is not done.
  const reopens = action === "reopen" || (action === "record_callback" && input.satisfied === false);
  const actor = ctx.actor;
  const now = new Date();
  const { before, after } = await updateTicketFrom(tx, ctx, ticketId, transition.from, (t) => {
    if (part) requirePart(actor, t, part);
    const set: Partial<Ticket> = { status: reopens ? "in_progress" : transition.to };
    if ((action === "accept" || action === "start") && actor.type === "user") {
      // Taking an unowned ticket makes the taker its handler and, if nobody was yet, its first responder.
      set.firstHandledAt = t.firstHandledAt ?? now;
      set.assigneeId = t.assigneeId ?? actor.userId;
      set.departmentId = t.departmentId ?? actor.departmentId;
      set.firstResponderId = t.firstResponderId ?? actor.userId;
    }
    if (action === "hold") set.holdReason = text;
    if (action === "resume") set.holdReason = null;
    if (action === "resolve")
      // 上门 once an engineer has been on site for it, else 远程 (C065).
      Object.assign(set, {
        resolution: text,
        resolutionMode: t.onSiteAt ? "on_site" : "remote",
        resolvedAt: now,
        promisedAt: null,
      });
    if (action === "close") set.closedAt = now;
    if (reopens) Object.assign(set, { resolvedAt: null, closedAt: null, reopenCount: t.reopenCount + 1 });
    return set;
  });
  await addTimelineEntry(tx, ctx, after, {
    kind: "status",
    body: text,
    data: { action, from: before.status, to: after.status, satisfied: input.satisfied ?? undefined },
    isPublic: action !== "hold",
  });
  await writeAudit(tx, ctx, {
    action: `ticket.${action}`,
    entityType: "ticket",
    entityId: ticketId,
    before: { status: before.status },
    after: { status: after.status, text },
  });
  if (reopens) {
    await notifyUsers(tx, ctx.actor.orgId, [after.assigneeId, after.firstResponderId], {
      kind: "reopened",
      params: { number: after.number, title: after.title },
      body: text ?? undefined,
      ticketId,
    });
  }
  // What follows from it (clocks, survey, callback, a repeat visit, complaint checks) is the processes'
  // business: they listen (server/wiring.ts).
  const ref = { ticketId, number: after.number };
  await emit(
    tx,
    ctx,
    "ticket.status_changed",
    { ...ref, action, from: before.status, to: after.status, satisfied: input.satisfied ?? undefined },
    { before, ticket: after, text },
  );
  if (after.assigneeId !== before.assigneeId) {
    await announceAssignment(tx, ctx, before, after);
  }
  return after;
}
