import type { z } from "zod";
import { OPEN_STATUSES } from "../../../common/enums";
import { workOrderInput } from "../../../common/schemas/field-service";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict } from "../../lib/errors";
import { transitionTicket } from "../tickets/change-status";
import { loadTicket } from "../tickets/load-ticket";
import { requirePart } from "../tickets/policy";
import { insertWorkOrder } from "./work-orders";

/**
 * 派工单 from a ticket (C065: what the phone could not solve goes on site at once). Sending someone
 * is handling the ticket: a new or accepted one is started.
 */
export async function createWorkOrder(ctx: Ctx, ticketId: string, raw: z.input<typeof workOrderInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = workOrderInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    let ticket = await loadTicket(tx, ctx, ticketId);
    requirePart(ctx.actor, ticket, "handle");
    if (!OPEN_STATUSES.includes(ticket.status as (typeof OPEN_STATUSES)[number]))
      throw conflict("TICKET_NOT_OPEN");
    if (ticket.status === "new" || ticket.status === "accepted")
      ticket = await transitionTicket(tx, ctx, ticketId, { action: "start" });
    return insertWorkOrder(tx, ctx, ticket, input);
  });
}
