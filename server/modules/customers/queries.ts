import { and, asc, desc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate } from "../../../common/business-time";
import { maskAddress, maskEmail, maskPhone } from "../../../common/mask";
import { customerListQuery } from "../../../common/schemas/customers";
import { contacts, customers, purchases, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { officeCalendar } from "../../lib/periods";
import { iso } from "../../lib/present";
import { searchQuery } from "../../lib/search-tokens";
import { listTickets } from "../tickets/queries";
import { customerExtensions } from "./extensions";
import { customerPhoneMatches, foundByWhole, looksLikeNumber, visibleCustomers } from "./policy";

type CustomerRow = typeof customers.$inferSelect;

/** The list/summary shape, personal data masked. */
export function presentCustomer(c: CustomerRow, ownerName: string | null = null) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    grade: c.grade,
    isVip: c.isVip,
    industry: c.industry,
    nature: c.nature,
    phone: maskPhone(c.phone),
    email: maskEmail(c.email),
    address: maskAddress(c.address),
    region: c.region,
    annualPurchaseFen: c.annualPurchaseFen,
    mainProducts: c.mainProducts,
    source: c.source,
    owner: c.ownerUserId && ownerName ? { id: c.ownerUserId, name: ownerName } : null,
    tags: c.tags,
    preferences: c.preferences,
    notes: c.notes,
    mergedIntoId: c.mergedIntoId,
    verifiedAt: iso(c.verifiedAt),
    anonymisedAt: iso(c.anonymisedAt),
    createdAt: iso(c.createdAt),
  };
}

const active = (orgId: string) => and(eq(customers.orgId, orgId), isNull(customers.mergedIntoId));

export async function listCustomers(ctx: Ctx, raw: z.input<typeof customerListQuery>) {
  requireCapability(ctx.actor, "customer.view");
  const q = customerListQuery.parse(raw);
  const conditions: (SQL | undefined)[] = [active(ctx.actor.orgId), visibleCustomers(ctx.actor)];
  if (q.grade) conditions.push(eq(customers.grade, q.grade));
  if (q.tag) conditions.push(sql`${q.tag} = ANY(${customers.tags})`);
  if (q.q) {
    const query = searchQuery(q.q);
    conditions.push(query ? sql`${customers.searchVector} @@ ${query}::tsquery` : sql`false`);
  }
  const where = and(...conditions);
  const rows = await ctx.db
    .select({ c: customers, ownerName: users.displayName })
    .from(customers)
    .leftJoin(users, and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerUserId)))
    .where(where)
    .orderBy(desc(customers.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => presentCustomer(r.c, r.ownerName)),
    await countRows(ctx.db, customers, where),
  );
}

/**
 * Finding a customer to pick while it is typed — the caller at intake by number, the company of an
 * agreement by name: within one's scope by part of the number (3 digits and more) or by words of the
 * name, the newest first when nothing is typed yet; beyond it only by the whole number or the whole
 * name (see foundByWhole). Masked.
 */
export async function lookupCustomers(ctx: Ctx, raw: string) {
  requireCapability(ctx.actor, "customer.view");
  const q = raw.trim();
  const digits = q.replace(/\D/g, "");
  if (looksLikeNumber(q) && digits.length < 3) return [];
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(
      and(
        active(ctx.actor.orgId),
        or(and(visibleCustomers(ctx.actor), partOf(q)), q ? foundByWhole(q) : undefined),
      ),
    )
    .orderBy(desc(customers.createdAt))
    .limit(20);
  return rows.map((c) => presentCustomer(c));
}

/** Within scope: any customer while nothing is typed, else part of a phone number or words of the name. */
function partOf(q: string): SQL {
  if (!q) return sql`true`;
  if (looksLikeNumber(q)) return customerPhoneMatches(sql`LIKE ${`%${q.replace(/\D/g, "")}%`}`);
  const query = searchQuery(q);
  return query ? sql`${customers.searchVector} @@ ${query}::tsquery` : sql`false`;
}

/** 360° view: the archive card, contacts, installed base and every ticket. */
export async function getCustomer360(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "customer.view");
  const [row] = await ctx.db
    .select({ c: customers, ownerName: users.displayName })
    .from(customers)
    .leftJoin(users, and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerUserId)))
    .where(and(visibleCustomers(ctx.actor), eq(customers.id, id)));
  if (!row) throw notFound("CUSTOMER_NOT_FOUND");
  const contactRows = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.actor.orgId), eq(contacts.customerId, id)))
    .orderBy(desc(contacts.isPrimary), asc(contacts.name));
  const purchaseRows = await ctx.db
    .select()
    .from(purchases)
    .where(and(eq(purchases.orgId, ctx.actor.orgId), eq(purchases.customerId, id)))
    .orderBy(desc(purchases.deliveredOn));
  const ticketPage = await listTickets(ctx, { customerId: id, pageSize: 100 });
  const today = localIsoDate(new Date(), (await officeCalendar(ctx.db, ctx.actor.orgId)).timeZone);
  const agreement = await customerExtensions().agreementOn(ctx.db, ctx.actor.orgId, id, today);
  return {
    customer: presentCustomer(row.c, row.ownerName),
    contacts: contactRows.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      mobile: maskPhone(c.mobile),
      phone: maskPhone(c.phone),
      email: maskEmail(c.email),
      wechat: c.wechat,
      isPrimary: c.isPrimary,
    })),
    purchases: purchaseRows.map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
    agreement: agreement && {
      id: agreement.id,
      contractNo: agreement.contractNo,
      title: agreement.title,
      endsOn: agreement.endsOn,
      warrantyMonths: agreement.warrantyMonths,
    },
    tickets: ticketPage.items,
  };
}

/** 显示完整信息: the unmasked phone, email and address — audited every time (C005). */
export async function unmaskCustomer(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "customer.pii.view");
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(customers)
      .where(and(visibleCustomers(ctx.actor), eq(customers.id, id)));
    if (!c) throw notFound("CUSTOMER_NOT_FOUND");
    const contactRows = await tx
      .select({ id: contacts.id, mobile: contacts.mobile, phone: contacts.phone, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.orgId, ctx.actor.orgId), eq(contacts.customerId, id)));
    await writeAudit(tx, ctx, { action: "customer.pii_viewed", entityType: "customer", entityId: id });
    return { phone: c.phone, email: c.email, address: c.address, contacts: contactRows };
  });
}
