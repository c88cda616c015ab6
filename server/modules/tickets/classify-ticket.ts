import type { z } from "zod";
import { OPEN_STATUSES } from "../../../common/enums";
import { classifyInput } from "../../../common/schemas/tickets";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { invalid } from "../../lib/errors";
import { notifyGreenChannel } from "./create-ticket";
import { type Ticket, updateTicketFrom } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

/**
 * Corrects an open ticket's type, priority or green channel, with a reason. The service-time policy
 * is matched again (the timeline says which now applies); the number keeps its original prefix.
 */
export async function classifyTicket(
  ctx: Ctx,
  ticketId: string,
  raw: z.input<typeof classifyInput>,
): Promise<Ticket> {
  requireCapability(ctx.actor, "ticket.handle");
  const input = classifyInput.parse(raw);
  const { reason, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await updateTicketFrom(tx, ctx, ticketId, OPEN_STATUSES, (t) => {
      requirePart(ctx.actor, t, "handle");
      const set = Object.fromEntries(
        Object.entries(changes).filter(
          ([key, value]) => value !== undefined && value !== t[key as keyof Ticket],
        ),
      );
      if (!Object.keys(set).length) throw invalid("NOTHING_TO_CHANGE");
      return set;
    });
    const from = { type: before.type, priority: before.priority, isGreenChannel: before.isGreenChannel };
    const to = { type: after.type, priority: after.priority, isGreenChannel: after.isGreenChannel };
    await addTimelineEntry(tx, ctx, after, { kind: "classified", body: reason, data: { from, to } });
    await writeAudit(tx, ctx, {
      action: "ticket.classified",
      entityType: "ticket",
      entityId: ticketId,
      before: from,
      after: { ...to, reason },
    });
    await emit(
      tx,
      ctx,
      "ticket.reclassified",
      {
        ticketId,
        number: after.number,
        type: after.type,
        priority: after.priority,
        previousType: before.type,
        previousPriority: before.priority,
        isGreenChannel: after.isGreenChannel,
      },
      { before, ticket: after },
    );
    if (after.isGreenChannel && !before.isGreenChannel) await notifyGreenChannel(tx, after);
    return after;
  });
}
