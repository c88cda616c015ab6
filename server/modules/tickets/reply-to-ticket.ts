import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { replyInput } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { contacts, forbiddenPhraseHits, forbiddenPhrases, tickets } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { AppError, assertNotArchived } from "../../lib/errors";
import { notifyUsers } from "../messaging/notifications";
import { type OutgoingMessage, sendMessage } from "../messaging/outbox";
import { loadTicket, type Ticket } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

const normalise = (text: string) => text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/** The first configured forbidden phrase (服务忌语) the text contains, if any. */
export async function findForbiddenPhrase(ctx: Ctx, text: string): Promise<string | null> {
  const phrases = await ctx.db
    .select({ phrase: forbiddenPhrases.phrase })
    .from(forbiddenPhrases)
    .where(eq(forbiddenPhrases.orgId, ctx.actor.orgId));
  const haystack = normalise(text);
  return phrases.find((p) => haystack.includes(normalise(p.phrase)))?.phrase ?? null;
}

/**
 * A reply to the customer (sent through their channel and shown in the portal) or an internal note.
 * An outgoing reply containing a forbidden phrase is refused, and the attempt is counted for QA (C034).
 */
export async function replyToTicket(ctx: Ctx, ticketId: string, raw: z.input<typeof replyInput>) {
  const input = replyInput.parse(raw);
  const { actor } = ctx;
  if (actor.type === "user") requireCapability(actor, "ticket.handle");
  const isInternal = actor.type === "customer" ? false : input.isInternal;
  const ticket = await loadTicket(ctx.db, ctx, ticketId);
  assertNotArchived(ticket);
  if (ticket.status === "closed" && actor.type !== "customer")
    throw new AppError("TICKET_TRANSITION_INVALID", 409, { from: "closed" });
  // Anyone who works on it may leave a note; the customer hears from its handler or first responder.
  if (actor.type === "user" && !isInternal) requirePart(actor, ticket, "follow_up");

  if (actor.type === "user" && !isInternal) {
    const phrase = await findForbiddenPhrase(ctx, input.body);
    if (phrase) {
      await ctx.db
        .insert(forbiddenPhraseHits)
        .values({ orgId: actor.orgId, userId: actor.userId, ticketId, phrase, text: input.body });
      throw new AppError("FORBIDDEN_PHRASE", 422, { phrase });
    }
  }

  return ctx.db.transaction(async (tx) => {
    const now = new Date();
    const kind = actor.type === "customer" ? "customer_reply" : isInternal ? "note" : "reply";
    let after: Ticket;
    if (actor.type === "customer") {
      // The customer answered: a ticket waiting for them is back with its handler.
      [after] = await tx
        .update(tickets)
        .set({
          lastCustomerActivityAt: now,
          status: ticket.status === "waiting_customer" ? "in_progress" : ticket.status,
          updatedAt: now,
        })
        .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.id, ticketId)))
        .returning();
      await notifyUsers(tx, actor.orgId, [ticket.assigneeId, ticket.firstResponderId], {
        kind: "customer_reply",
        params: { number: ticket.number, title: ticket.title },
        ticketId,
      });
    } else if (!isInternal) {
      // A reply keeps any time promise (C031) and is a handling action (first response).
      [after] = await tx
        .update(tickets)
        .set({ promisedAt: null, firstHandledAt: ticket.firstHandledAt ?? now, updatedAt: now })
        .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.id, ticketId)))
        .returning();
      await sendToTicketContact(tx, ctx, ticket, {
        subject: `[${ticket.number}] ${ticket.title}`,
        body: input.body,
      });
    } else {
      [after] = await tx
        .update(tickets)
        .set({ updatedAt: now })
        .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.id, ticketId)))
        .returning();
    }
    const eventId = await addTimelineEntry(tx, ctx, ticket, {
      kind,
      body: input.body,
      isPublic: !isInternal,
    });
    await writeAudit(tx, ctx, {
      action: `ticket.${kind}`,
      entityType: "ticket",
      entityId: ticketId,
      after: { eventId },
    });
    await emit(
      tx,
      ctx,
      "ticket.replied",
      { ticketId, number: ticket.number, kind },
      { before: ticket, ticket: after },
    );
    return { eventId };
  });
}

/**
 * Sends a message to the ticket's contact by the way they reach us: email for an email ticket,
 * else SMS to their mobile, else email; nothing when they left neither.
 */
export async function sendToTicketContact(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  message: Pick<OutgoingMessage, "subject" | "body" | "secret">,
) {
  if (!ticket.contactId) return;
  const [contact] = await tx
    .select({ email: contacts.email, mobile: contacts.mobile })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.actor.orgId), eq(contacts.id, ticket.contactId)));
  const via =
    ticket.channel === "email" && contact?.email
      ? "email"
      : contact?.mobile
        ? "sms"
        : contact?.email
          ? "email"
          : null;
  if (!via) return;
  await sendMessage(
    tx,
    ctx.actor.orgId,
    { channel: via, recipient: via === "email" ? contact.email! : contact.mobile!, ...message },
    { ticketId: ticket.id },
  );
}
