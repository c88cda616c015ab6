import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { queryRows } from "../../db/client";
import { contacts, customers, tickets } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Ctx } from "../../lib/context";
import { conflict } from "../../lib/errors";
import { documentTokens, tokensToVector } from "../../lib/search-tokens";
import { customerSearchVector } from "../customers/save-customer";
import { ticketTokens } from "../tickets/create-ticket";
import { idArray } from "./references";

// Erasing a customer's personal data on their request (PIPL 第四十七条) while the service records
// stay — numbers, types, dates, outcomes — so that statistics and the regulations' retention hold.
// Every column that holds a customer's personal data is listed here with how it is found from the
// customer and what it becomes; a test compares the list with the database's columns, so a column
// added later is either listed here or said not to be about customers.

/** What an erased text reads. */
export const ERASED = "（已匿名）";

const ofCustomer = (c: string) => sql`customer_id = ${c}`;
const ofTheirTickets = (org: string, c: string) =>
  sql`ticket_id IN (SELECT id FROM tickets WHERE org_id = ${org} AND customer_id = ${c})`;

type Scrub = {
  table: string;
  where: (orgId: string, customerId: string, addresses: string[]) => SQL;
  /** Column → its new value; absent when the rows are deleted instead. */
  set?: Record<string, SQL>;
};

const SCRUBS: Scrub[] = [
  {
    table: "contacts",
    where: (_, c) => ofCustomer(c),
    set: Object.fromEntries([
      ["name", sql`${ERASED}`],
      ...["title", "phone", "mobile", "fax", "email", "wechat"].map((k) => [k, sql`NULL`]),
    ]),
  },
  {
    table: "tickets",
    where: (_, c) => sql`${ofCustomer(c)} AND repair_request IS NOT NULL`,
    set: { repair_request: sql`jsonb_set(repair_request, '{siteAddress}', to_jsonb(${ERASED}::text))` },
  },
  {
    table: "work_orders",
    where: (o, c) => sql`(${ofCustomer(c)} OR ${ofTheirTickets(o, c)})`,
    set: {
      site_address: sql`${ERASED}`,
      signer_name: sql`NULL`,
      // Where the engineer's trip went (C070): the site, as often as not.
      destination: sql`CASE WHEN destination IS NULL THEN NULL ELSE ${ERASED} END`,
    },
  },
  { table: "repair_returns", where: (o, c) => ofTheirTickets(o, c), set: { signer_name: sql`${ERASED}` } },
  { table: "service_agreements", where: (_, c) => ofCustomer(c), set: { site_address: sql`${ERASED}` } },
  {
    table: "survey_invitations",
    where: (_, c) => ofCustomer(c),
    set: { recipient_name: sql`NULL`, recipient_address: sql`NULL` },
  },
  // Messages sent to the customer's numbers and addresses: the record that one was sent stays.
  {
    table: "outbox_messages",
    where: (_, __, a) => sql`recipient = ANY(${idArray(a, "text")})`,
    set: { recipient: sql`${ERASED}` },
  },
  // Sign-in codes and the customer's portal sessions go.
  {
    table: "portal_codes",
    where: (_, __, a) => sql`destination = ANY(${idArray(a, "text")})`,
  },
  { table: "sessions", where: (_, c) => ofCustomer(c) },
];

/** Every column holding a customer's personal data, as "table.column" (with the customer's own). */
export const PERSONAL_COLUMNS = [
  ...["name", "phone", "email", "address", "preferences", "notes"].map((c) => `customers.${c}`),
  ...SCRUBS.flatMap((s) => (s.set ? Object.keys(s.set).map((c) => `${s.table}.${c}`) : [`${s.table}.*`])),
];

/**
 * Erases the customer's personal data everywhere it is held, in the caller's transaction. Refused
 * while a legal hold stands on one of the customer's cases (the law's retention comes first).
 * Audited with the tables and row counts touched — never the values.
 */
export async function anonymiseCustomer(tx: Executor, ctx: Ctx, customerId: string) {
  const orgId = ctx.actor.orgId;
  const [held] = await queryRows<{ number: string }>(
    tx,
    sql`SELECT h.ticket_number AS number FROM legal_holds h
          JOIN tickets t ON t.org_id = h.org_id AND t.id = h.ticket_id
         WHERE h.org_id = ${orgId} AND h.released_at IS NULL AND t.customer_id = ${customerId} LIMIT 1`,
  );
  if (held) throw conflict("CUSTOMER_HELD", { number: held.number });
  const [customer] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)))
    .for("update");
  if (customer.anonymisedAt) throw conflict("CUSTOMER_ANONYMISED");
  const people = await tx
    .select({ phone: contacts.phone, mobile: contacts.mobile, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)));
  const addresses = [
    customer.phone,
    customer.email,
    ...people.flatMap((p) => [p.phone, p.mobile, p.email]),
  ].filter((a): a is string => Boolean(a));
  const name = `已匿名客户 ${customerId.slice(0, 8)}`;
  const touched: Record<string, number> = {};
  await tx
    .update(customers)
    .set({
      name,
      phone: null,
      email: null,
      address: null,
      preferences: null,
      notes: null,
      anonymisedAt: new Date(),
      searchVector: customerSearchVector({ name }),
      updatedAt: new Date(),
    })
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  touched.customers = 1;
  for (const scrub of SCRUBS) {
    const where = sql`org_id = ${orgId} AND ${scrub.where(orgId, customerId, addresses)}`;
    const table = sql.identifier(scrub.table);
    const rows = await queryRows(
      tx,
      scrub.set
        ? sql`UPDATE ${table} SET ${sql.join(
            Object.entries(scrub.set).map(([column, value]) => sql`${sql.identifier(column)} = ${value}`),
            sql`, `,
          )} WHERE ${where} RETURNING 1`
        : sql`DELETE FROM ${table} WHERE ${where} RETURNING 1`,
    );
    if (rows.length) touched[scrub.table] = rows.length;
  }
  // The tickets are found by the customer's name and phone: no longer.
  const theirs = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      description: tickets.description,
    })
    .from(tickets)
    .where(and(eq(tickets.orgId, orgId), eq(tickets.customerId, customerId)));
  for (const t of theirs)
    await tx
      .update(tickets)
      .set({ searchVector: tokensToVector([...ticketTokens(t, { name }), ...documentTokens(t.number)]) })
      .where(and(eq(tickets.orgId, orgId), eq(tickets.id, t.id)));
  await writeAudit(tx, ctx, {
    action: "customer.anonymised",
    entityType: "customer",
    entityId: customerId,
    after: touched,
  });
  return touched;
}
