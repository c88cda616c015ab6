import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { type CreateTicketInput, createTicketInput } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { contacts, customers, departments, purchases, tickets } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { invalid, invalidField, notFound } from "../../lib/errors";
import { documentTokens, tokensToVector } from "../../lib/search-tokens";
import { insertCustomer } from "../customers/save-customer";
import { presentHandler } from "../identity/absence";
import { findUser, usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import type { Ticket } from "./load-ticket";
import { assignTicketNumber } from "./numbering";
import { addTimelineEntry } from "./timeline";

/** 绿色通道: the supervisors hear of it at once (seed 004 第五章 5). */
export async function notifyGreenChannel(tx: Executor, ticket: Ticket) {
  await notifyUsers(tx, ticket.orgId, await usersWithCapability(tx, ticket.orgId, "ticket.assign"), {
    kind: "green_channel",
    params: { number: ticket.number, title: ticket.title },
    ticketId: ticket.id,
  });
}

/** A repair request is for a repair, of a unit the customer owns or one named by hand. */
async function checkRepairRequest(
  tx: Executor,
  orgId: string,
  customerId: string | null,
  input: z.output<typeof createTicketInput>,
) {
  const request = input.repairRequest!;
  if (input.type !== "repair") throw invalidField("repairRequest", "unknown");
  if (request.purchaseId) {
    const [unit] = await tx
      .select({ customerId: purchases.customerId })
      .from(purchases)
      .where(and(eq(purchases.orgId, orgId), eq(purchases.id, request.purchaseId)));
    if (!unit || unit.customerId !== customerId) throw invalidField("repairRequest/purchaseId", "reference");
  } else if (!request.product) throw invalidField("repairRequest/product", "required");
}

/** How far back a request can be logged as received. */
const RECEIVED_WINDOW_MS = 30 * 86_400_000;

/**
 * The words a ticket is found by: its title, its description, its customer's name and phone (the
 * number's are added with the number, numbering.ts).
 */
export const ticketTokens = (
  t: { title: string; description: string },
  customer?: { name: string; phone?: string | null } | null,
) => documentTokens(t.title, t.description, customer?.name, customer?.phone);

/**
 * Registers a request from any channel. A staff member who takes it becomes its first responder
 * (首问负责人) for good; a portal request waits unassigned and its first responder is whoever accepts it.
 * Returns the ticket as registered: what listeners and rules then did to it (its clocks, the queue a
 * routing rule put it in) is read from the database.
 */
export async function createTicket(ctx: Ctx, raw: CreateTicketInput) {
  const input = createTicketInput.parse(raw);
  const { actor } = ctx;
  if (actor.type === "user") requireCapability(actor, "ticket.create");
  const orgId = actor.orgId;
  const now = new Date();
  const receivedAt = actor.type === "customer" ? now : (input.receivedAt ?? now);
  if (
    receivedAt.getTime() > now.getTime() + 60_000 ||
    receivedAt.getTime() < now.getTime() - RECEIVED_WINDOW_MS
  )
    throw invalid("RECEIVED_AT_INVALID");

  return ctx.db.transaction(async (tx) => {
    let customerId = input.customerId ?? null;
    let contactId = input.contactId ?? null;
    let assigneeId: string | null = null;
    let departmentId = input.departmentId ?? null;
    let firstResponderId: string | null = null;
    let channel = input.channel;

    if (actor.type === "customer") {
      customerId = actor.customerId;
      contactId = actor.contactId;
      channel = "portal";
    } else {
      if (input.newCustomer) {
        if (customerId) throw invalidField("newCustomer", "unknown");
        const created = await insertCustomer(tx, ctx, input.newCustomer);
        customerId = created.customerId;
        contactId = created.contactId;
      }
      if (actor.type === "user") firstResponderId = actor.userId;
      assigneeId = input.assigneeId ?? firstResponderId;
      if (assigneeId && actor.type === "user" && assigneeId === actor.userId) {
        departmentId ??= actor.departmentId;
      } else if (assigneeId) {
        // Someone away has their deputy take it (C029).
        assigneeId = (await presentHandler(tx, orgId, assigneeId)).userId;
        const assignee = await findUser(tx, orgId, assigneeId);
        if (!assignee || assignee.isDisabled) throw notFound("USER_NOT_FOUND");
        departmentId ??= assignee.departmentId;
      }
    }
    let customer: { name: string; phone: string | null } | undefined;
    if (customerId) {
      [customer] = await tx
        .select({ name: customers.name, phone: customers.phone })
        .from(customers)
        .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
      if (!customer) throw notFound("CUSTOMER_NOT_FOUND");
    }
    if (contactId) {
      const [contact] = await tx
        .select({ customerId: contacts.customerId })
        .from(contacts)
        .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
      if (!contact || contact.customerId !== customerId) throw invalidField("contactId", "reference");
    }
    if (input.repairRequest) await checkRepairRequest(tx, orgId, customerId, input);
    // A department named in the request must be the organisation's; the caller's or the assignee's is.
    if (input.departmentId) {
      const [dept] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.orgId, orgId), eq(departments.id, input.departmentId)));
      if (!dept) throw notFound("DEPARTMENT_NOT_FOUND");
    }

    // Everything that does not need the number comes first: the number is assigned last (numbering.ts).
    const id = randomUUID();
    const tokens = ticketTokens(input, customer);
    const [inserted] = await tx
      .insert(tickets)
      .values({
        id,
        orgId,
        number: id,
        type: input.type,
        channel,
        priority: input.priority,
        isGreenChannel: input.isGreenChannel,
        status: assigneeId ? "accepted" : "new",
        title: input.title,
        description: input.description,
        customerId,
        contactId,
        firstResponderId,
        assigneeId,
        departmentId,
        identityVerifiedBy: input.identityVerifiedBy ?? null,
        repairRequest: input.repairRequest ?? null,
        firstHandledAt: assigneeId ? now : null,
        lastCustomerActivityAt: now,
        receivedAt: receivedAt > now ? now : receivedAt,
        searchVector: tokensToVector(tokens),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const facts = {
      type: input.type,
      channel,
      priority: input.priority,
      isGreenChannel: input.isGreenChannel,
    };
    await addTimelineEntry(
      tx,
      ctx,
      inserted,
      { kind: "created", data: facts, isPublic: true },
      "ticket.created",
    );
    await writeAudit(tx, ctx, {
      action: "ticket.created",
      entityType: "ticket",
      entityId: id,
      after: { ...facts, customerId, assigneeId, departmentId },
    });
    const number = await assignTicketNumber(tx, id, orgId, input.type, now);
    const ticket = { ...inserted, number };
    await emit(
      tx,
      ctx,
      "ticket.created",
      {
        ticketId: id,
        number,
        type: ticket.type,
        priority: ticket.priority,
        channel: ticket.channel,
        customerId,
        departmentId,
        assigneeId,
      },
      { ticket },
    );
    if (input.isGreenChannel) await notifyGreenChannel(tx, ticket);
    if (assigneeId && assigneeId !== firstResponderId) {
      await notifyUsers(tx, orgId, [assigneeId], {
        kind: "assigned",
        params: { number, title: input.title },
        ticketId: id,
      });
    }
    return ticket;
  });
}
