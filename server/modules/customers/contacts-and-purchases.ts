import { and, asc, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { warrantyEnd } from "../../../common/field-service";
import { contactInput, purchaseInput } from "../../../common/schemas/customers";
import type { Executor } from "../../db/client";
import { contacts, customers, purchases } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, type Ctx, requireCapability } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { visibleCustomers } from "./policy";

/** The customer, within the caller's data scope; else 404 like a missing one. */
export async function assertCustomer(tx: Executor, actor: Actor, customerId: string) {
  const [c] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(visibleCustomers(actor), eq(customers.id, customerId)));
  if (!c) throw notFound("CUSTOMER_NOT_FOUND");
}

export async function addContact(ctx: Ctx, customerId: string, raw: z.input<typeof contactInput>) {
  requireCapability(ctx.actor, "customer.edit");
  const input = contactInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await assertCustomer(tx, ctx.actor, customerId);
    if (input.isPrimary)
      await tx
        .update(contacts)
        .set({ isPrimary: false })
        .where(and(eq(contacts.orgId, ctx.actor.orgId), eq(contacts.customerId, customerId)));
    const [row] = await tx
      .insert(contacts)
      .values({ orgId: ctx.actor.orgId, customerId, ...input })
      .returning();
    await writeAudit(tx, ctx, {
      action: "contact.created",
      entityType: "customer",
      entityId: customerId,
      after: input,
    });
    return row;
  });
}

export async function addPurchase(ctx: Ctx, customerId: string, raw: z.input<typeof purchaseInput>) {
  requireCapability(ctx.actor, "customer.edit");
  const { warrantyMonths, ...input } = purchaseInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await assertCustomer(tx, ctx.actor, customerId);
    const [row] = await tx
      .insert(purchases)
      .values({
        orgId: ctx.actor.orgId,
        customerId,
        ...input,
        warrantyEndsOn: warrantyEnd(input.deliveredOn, warrantyMonths),
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: "purchase.created",
      entityType: "customer",
      entityId: customerId,
      after: row,
    });
    return row;
  });
}

/** The contact to reach a customer through: the primary one, else any. */
export async function primaryContactId(
  tx: Executor,
  orgId: string,
  customerId: string,
): Promise<string | null> {
  const [contact] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)))
    .orderBy(desc(contacts.isPrimary), asc(contacts.name))
    .limit(1);
  return contact?.id ?? null;
}

/**
 * The full name and numbers of the person who reported a ticket, for whoever is to call them; each
 * viewing is audited against the record it was shown for (C005).
 */
export async function revealReporter(
  tx: Executor,
  ctx: Ctx,
  ticket: { orgId: string; contactId: string | null },
  shownFor: { entityType: string; entityId: string },
) {
  const [contact] = ticket.contactId
    ? await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.orgId, ticket.orgId), eq(contacts.id, ticket.contactId)))
    : [];
  await writeAudit(tx, ctx, {
    action: "customer.pii_viewed",
    ...shownFor,
    after: { contactId: ticket.contactId },
  });
  return { name: contact?.name ?? null, mobile: contact?.mobile ?? null, phone: contact?.phone ?? null };
}
