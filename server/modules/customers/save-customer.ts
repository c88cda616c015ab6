import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { type CustomerInput, customerInput } from "../../../common/schemas/customers";
import type { Executor } from "../../db/client";
import { contacts, customers } from "../../db/schema";
import { diff, writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { conflict, invalidField, notFound } from "../../lib/errors";
import { documentTokens, tokensToVector } from "../../lib/search-tokens";
import { findUser } from "../identity/directory";
import { visibleCustomers } from "./policy";

/** An account manager is someone of the organisation: a foreign or unknown id is the field's error. */
async function assertOwner(tx: Executor, orgId: string, ownerUserId: string | null | undefined) {
  if (ownerUserId && !(await findUser(tx, orgId, ownerUserId))) throw invalidField("ownerUserId", "unknown");
}

export const customerSearchVector = (c: {
  name: string;
  phone?: string | null;
  email?: string | null;
  tags?: string[];
}) => tokensToVector(documentTokens(c.name, c.phone, c.email, ...(c.tags ?? [])));

/** Inserts a customer and its primary contact inside the caller's transaction. */
export async function insertCustomer(
  tx: Executor,
  ctx: Ctx,
  raw: z.input<typeof customerInput> & { contactName?: string | null },
): Promise<{ customerId: string; contactId: string }> {
  const input = customerInput.parse(raw);
  const orgId = ctx.actor.orgId;
  await assertOwner(tx, orgId, input.ownerUserId);
  const [customer] = await tx
    .insert(customers)
    .values({
      orgId,
      ...input,
      createdBy: actorUserId(ctx.actor),
      searchVector: customerSearchVector(input),
    })
    .returning({ id: customers.id });
  const isPerson = input.kind === "individual";
  const [contact] = await tx
    .insert(contacts)
    .values({
      orgId,
      customerId: customer.id,
      name: raw.contactName || (isPerson ? input.name : "联系人"),
      mobile: input.phone ?? null,
      email: input.email ?? null,
      isPrimary: true,
    })
    .returning({ id: contacts.id });
  await writeAudit(tx, ctx, {
    action: "customer.created",
    entityType: "customer",
    entityId: customer.id,
    after: input,
  });
  return { customerId: customer.id, contactId: contact.id };
}

export async function createCustomer(ctx: Ctx, raw: CustomerInput & { contactName?: string | null }) {
  requireCapability(ctx.actor, "customer.edit");
  return ctx.db.transaction((tx) => insertCustomer(tx, ctx, raw));
}

export async function updateCustomer(ctx: Ctx, id: string, raw: Partial<CustomerInput>) {
  requireCapability(ctx.actor, "customer.edit");
  const input = customerInput.partial().parse(raw);
  // Defaults of the full schema must not overwrite what the caller did not send.
  const sent = Object.fromEntries(Object.entries(input).filter(([key]) => key in raw));
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(customers)
      .where(and(visibleCustomers(ctx.actor), eq(customers.id, id)))
      .for("update");
    if (!before) throw notFound("CUSTOMER_NOT_FOUND");
    if (before.anonymisedAt) throw conflict("CUSTOMER_ANONYMISED");
    await assertOwner(tx, ctx.actor.orgId, sent.ownerUserId as string | null | undefined);
    const changes = diff(before, sent);
    if (!changes.changed) return;
    const next = { ...before, ...sent };
    await tx
      .update(customers)
      .set({ ...sent, searchVector: customerSearchVector(next), updatedAt: new Date() })
      .where(and(eq(customers.orgId, ctx.actor.orgId), eq(customers.id, id)));
    await writeAudit(tx, ctx, {
      action: "customer.updated",
      entityType: "customer",
      entityId: id,
      ...changes,
    });
    if (next.grade !== before.grade) {
      await emit(tx, ctx, "customer.grade_changed", { customerId: id, from: before.grade, to: next.grade });
    }
  });
}
