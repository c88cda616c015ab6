import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import { contacts, customers, purchases, tickets } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid, notFound } from "../../lib/errors";
import { phoneDigits, visibleCustomers } from "./policy";
import { presentCustomer } from "./queries";
import { customerSearchVector } from "./save-customer";

const digits = (value: string | null) => (value ?? "").replace(/\D/g, "");

/** Other active customers that share a phone number, an email address or the exact name. */
export async function findDuplicates(ctx: Ctx, customerId: string) {
  requireCapability(ctx.actor, "customer.view");
  const [c] = await ctx.db
    .select()
    .from(customers)
    .where(and(visibleCustomers(ctx.actor), eq(customers.id, customerId)));
  if (!c) throw notFound("CUSTOMER_NOT_FOUND");
  const phone = digits(c.phone);
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(
      and(
        visibleCustomers(ctx.actor),
        isNull(customers.mergedIntoId),
        ne(customers.id, customerId),
        or(
          eq(customers.name, c.name),
          phone.length >= 7 ? sql`${phoneDigits(customers.phone)} = ${phone}` : undefined,
          c.email ? sql`lower(${customers.email}) = ${c.email.toLowerCase()}` : undefined,
        ),
      ),
    )
    .limit(20);
  return rows.map((r) => ({
    ...presentCustomer(r),
    matchedOn: [
      r.name === c.name && "name",
      phone.length >= 7 && digits(r.phone) === phone && "phone",
      c.email && r.email?.toLowerCase() === c.email.toLowerCase() && "email",
    ].filter(Boolean) as string[],
  }));
}

/**
 * Merges a duplicate into the customer that stays: contacts, purchases and tickets move over,
 * blank fields are filled from the duplicate, tags are united. The duplicate is kept, marked as
 * merged, so history still resolves (records are never hard-deleted).
 */
export async function mergeCustomers(ctx: Ctx, input: { sourceId: string; targetId: string }) {
  requireCapability(ctx.actor, "customer.merge");
  if (input.sourceId === input.targetId) throw invalid("MERGE_SAME_CUSTOMER");
  return ctx.db.transaction(async (tx) => {
    const load = async (id: string) => {
      const [row] = await tx
        .select()
        .from(customers)
        .where(and(visibleCustomers(ctx.actor), eq(customers.id, id)))
        .for("update");
      if (!row) throw notFound("CUSTOMER_NOT_FOUND");
      if (row.mergedIntoId) throw conflict("TICKET_CONFLICT", { status: "merged" });
      return row;
    };
    const source = await load(input.sourceId);
    const target = await load(input.targetId);
    const moved = {
      contacts: (
        await tx
          .update(contacts)
          .set({ customerId: target.id, isPrimary: false })
          .where(and(eq(contacts.orgId, source.orgId), eq(contacts.customerId, source.id)))
          .returning({ id: contacts.id })
      ).length,
      purchases: (
        await tx
          .update(purchases)
          .set({ customerId: target.id })
          .where(and(eq(purchases.orgId, source.orgId), eq(purchases.customerId, source.id)))
          .returning({ id: purchases.id })
      ).length,
      tickets: (
        await tx
          .update(tickets)
          .set({ customerId: target.id })
          .where(and(eq(tickets.orgId, source.orgId), eq(tickets.customerId, source.id)))
          .returning({ id: tickets.id })
      ).length,
    };
    const fill = <K extends keyof typeof target>(key: K) => target[key] ?? source[key];
    const merged = {
      phone: fill("phone"),
      email: fill("email"),
      address: fill("address"),
      region: fill("region"),
      industry: fill("industry"),
      nature: fill("nature"),
      mainProducts: fill("mainProducts"),
      ownerUserId: fill("ownerUserId"),
      isVip: target.isVip || source.isVip,
      tags: [...new Set([...target.tags, ...source.tags])],
      notes: [target.notes, source.notes].filter(Boolean).join("\n") || null,
    };
    await tx
      .update(customers)
      .set({ ...merged, searchVector: customerSearchVector({ ...target, ...merged }), updatedAt: new Date() })
      .where(and(eq(customers.orgId, target.orgId), eq(customers.id, target.id)));
    await tx
      .update(customers)
      .set({ mergedIntoId: target.id, updatedAt: new Date() })
      .where(and(eq(customers.orgId, source.orgId), eq(customers.id, source.id)));
    await writeAudit(tx, ctx, {
      action: "customer.merged",
      entityType: "customer",
      entityId: target.id,
      before: { source: presentCustomer(source), target: presentCustomer(target) },
      after: { mergedFrom: source.id, moved },
    });
    return { targetId: target.id, moved };
  });
}
