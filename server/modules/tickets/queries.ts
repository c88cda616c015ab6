import { and, asc, desc, eq, isNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { COUNTED_QUEUES } from "../../../common/enums";
import { maskEmail, maskPhone } from "../../../common/mask";
import {
  type TicketDetail,
  type TicketListQuery,
  type TicketPage,
  ticketListQuery,
} from "../../../common/schemas/tickets";
import { type Executor, queryRows } from "../../db/client";
import {
  contacts,
  customers,
  departments,
  OPEN_TICKET,
  ticketAssists,
  ticketEvents,
  tickets,
  users,
} from "../../db/schema";
import { type Ctx, requireCapability } from "../../lib/context";
import { invalidField } from "../../lib/errors";
import { pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { searchQuery } from "../../lib/search-tokens";
import { userNames } from "../identity/directory";
import { ticketExtensions } from "./extensions";
import { loadTicket } from "./load-ticket";
import { ticketAbilities, visibleTickets } from "./policy";

const assignee = alias(users, "assignee");
const firstResponder = alias(users, "first_responder");
/** Totals stop counting here: an exact count of a frequent search term is not worth its cost. */
export const TOTAL_CAP = 1000;

function queueCondition(ctx: Ctx, queue: TicketListQuery["queue"]): SQL | undefined {
  const actor = ctx.actor;
  const me = actor.type === "user" ? actor.userId : null;
  const open = OPEN_TICKET;
  switch (queue) {
    case "mine":
      return me ? and(eq(tickets.assigneeId, me), open) : sql`false`;
    case "first_responsibility":
      return me ? and(eq(tickets.firstResponderId, me), ne(tickets.status, "closed")) : sql`false`;
    case "department":
      return actor.type === "user" && actor.departmentId
        ? and(eq(tickets.departmentId, actor.departmentId), open)
        : sql`false`;
    case "unassigned":
      return and(isNull(tickets.assigneeId), open);
    case "green_channel":
      return and(eq(tickets.isGreenChannel, true), open);
    case "at_risk":
      return and(open, ticketExtensions().deadlines.atRisk(actor.orgId));
    case "overdue":
      return and(open, ticketExtensions().deadlines.overdue(actor.orgId));
    default:
      return undefined;
  }
}

/** Staff need ticket.view to read tickets; a portal customer reads their own (policy.ts). */
function requireTicketView(ctx: Ctx) {
  if (ctx.actor.type === "user") requireCapability(ctx.actor, "ticket.view");
}

const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

/**
 * What a list row shows of a ticket: not its description nor its search tokens (a few kilobytes a
 * row that a page of 20 read and parsed only to drop).
 */
const LISTED = {
  id: tickets.id,
  number: tickets.number,
  type: tickets.type,
  channel: tickets.channel,
  priority: tickets.priority,
  isGreenChannel: tickets.isGreenChannel,
  status: tickets.status,
  title: tickets.title,
  promisedAt: tickets.promisedAt,
  tags: tickets.tags,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  customerId: tickets.customerId,
  assigneeId: tickets.assigneeId,
  firstResponderId: tickets.firstResponderId,
  departmentId: tickets.departmentId,
};

/** Queues and lists: scoped by data scope, green channel on top, searchable in Chinese. */
export async function listTickets(ctx: Ctx, raw: TicketListQuery): Promise<TicketPage> {
  requireTicketView(ctx);
  const q = ticketListQuery.parse(raw);
  // Tickets assigned to me or first received by me are visible whatever my scope, so those two
  // queues need no visibility test (which would read every row's heap to count the queue).
  const impliesVisible = q.queue === "mine" || q.queue === "first_responsibility";
  const conditions: (SQL | undefined)[] = [
    impliesVisible ? eq(tickets.orgId, ctx.actor.orgId) : visibleTickets(ctx.actor),
    queueCondition(ctx, q.queue),
  ];
  if (q.status === "open" || q.sort === "due") conditions.push(OPEN_TICKET);
  else if (q.status) conditions.push(eq(tickets.status, q.status));
  if (q.type) conditions.push(eq(tickets.type, q.type));
  if (q.priority) conditions.push(eq(tickets.priority, q.priority));
  if (q.channel) conditions.push(eq(tickets.channel, q.channel));
  if (q.customerId) conditions.push(eq(tickets.customerId, q.customerId));
  // Tags are staff's own: a customer's filter by one is refused rather than answered (it would tell
  // which of their requests carry it). "tags <> '{}'" lets the planner use the index of tagged tickets.
  if (q.tag && ctx.actor.type === "customer") throw invalidField("tag", "unknown");
  if (q.tag) conditions.push(sql`${tickets.tags} <> '{}' AND ${tickets.tags} @> ARRAY[${q.tag}]::text[]`);
  if (q.q) {
    const query = searchQuery(q.q);
    if (!query) return { ...pageOf(q, [], 0), totalIsCapped: false };
    conditions.push(sql`${tickets.searchVector} @@ ${query}::tsquery`);
  }
  const where = and(...conditions);
  const [counted] = await queryRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${tickets} WHERE ${where} LIMIT ${TOTAL_CAP}) capped`,
  );
  const total = Number(counted.n);
  const order = {
    created_desc: [desc(tickets.createdAt)],
    created_asc: [asc(tickets.createdAt)],
    updated_desc: [desc(tickets.updatedAt)],
    priority: [asc(tickets.priority), desc(tickets.createdAt)],
    due: [ticketExtensions().deadlines.dueOrder, desc(tickets.createdAt)],
  }[q.sort];
  const page = (db: Executor) =>
    db
      .select({
        t: LISTED,
        customerName: customers.name,
        assigneeName: assignee.displayName,
        firstResponderName: firstResponder.displayName,
        departmentName: departments.name,
        nextDue: ticketExtensions().deadlines.nextDue,
      })
      .from(tickets)
      .leftJoin(customers, and(eq(customers.orgId, tickets.orgId), eq(customers.id, tickets.customerId)))
      .leftJoin(assignee, and(eq(assignee.orgId, tickets.orgId), eq(assignee.id, tickets.assigneeId)))
      .leftJoin(
        firstResponder,
        and(eq(firstResponder.orgId, tickets.orgId), eq(firstResponder.id, tickets.firstResponderId)),
      )
      .leftJoin(
        departments,
        and(eq(departments.orgId, tickets.orgId), eq(departments.id, tickets.departmentId)),
      )
      .where(where)
      .orderBy(desc(tickets.isGreenChannel), ...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
  // A search term hit at least TOTAL_CAP times is frequent: walking the queue-order index finds a
  // page at once, but the planner prefers collecting every hit to sort them (0.6 s at 1M tickets).
  // Below the cap the hits are few and collecting them is the fast way.
  const frequent = Boolean(q.q) && total >= TOTAL_CAP;
  const rows = frequent
    ? await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
        return page(tx);
      })
    : await page(ctx.db);
  return {
    ...pageOf(
      q,
      rows.map((r) => ({
        ...summary(ctx, r.t),
        customer: ref(r.t.customerId, r.customerName),
        assignee: ref(r.t.assigneeId, r.assigneeName),
        firstResponder: ref(r.t.firstResponderId, r.firstResponderName),
        department: ref(r.t.departmentId, r.departmentName),
        nextDue: r.nextDue && { ...r.nextDue, dueAt: new Date(r.nextDue.dueAt).toISOString() },
      })),
      total,
    ),
    totalIsCapped: total >= TOTAL_CAP,
  };
}

function summary(ctx: Ctx, t: Pick<typeof tickets.$inferSelect, keyof typeof LISTED>) {
  return {
    id: t.id,
    number: t.number,
    type: t.type as TicketDetail["type"],
    channel: t.channel as TicketDetail["channel"],
    priority: t.priority as TicketDetail["priority"],
    isGreenChannel: t.isGreenChannel,
    status: t.status as TicketDetail["status"],
    title: t.title,
    promisedAt: iso(t.promisedAt),
    // Staff's own labels: a customer never sees them.
    tags: ctx.actor.type === "customer" ? [] : t.tags,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}

/** Open counts of the workbench queues. */
export async function queueCounts(ctx: Ctx) {
  requireTicketView(ctx);
  const counts = await Promise.all(
    COUNTED_QUEUES.map(async (queue) => {
      const [row] = await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(tickets)
        .where(and(visibleTickets(ctx.actor), queueCondition(ctx, queue)));
      return [queue, Number(row.n)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<(typeof COUNTED_QUEUES)[number], number>;
}

/** Everything the ticket page shows. */
export async function getTicketDetail(ctx: Ctx, id: string): Promise<TicketDetail> {
  requireTicketView(ctx);
  const t = await loadTicket(ctx.db, ctx, id);
  // Staff see personal data masked; unmasking is an explicit, audited action on the customer.
  const seesPii = ctx.actor.type === "customer";
  const [customer] = t.customerId
    ? await ctx.db
        .select({ name: customers.name, phone: customers.phone })
        .from(customers)
        .where(and(eq(customers.orgId, t.orgId), eq(customers.id, t.customerId)))
    : [];
  const [contact] = t.contactId
    ? await ctx.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.orgId, t.orgId), eq(contacts.id, t.contactId)))
    : [];
  const [dept] = t.departmentId
    ? await ctx.db
        .select({ name: departments.name })
        .from(departments)
        .where(and(eq(departments.orgId, t.orgId), eq(departments.id, t.departmentId)))
    : [];
  const isStaff = ctx.actor.type !== "customer";
  const events = await ctx.db
    .select()
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.orgId, ctx.actor.orgId),
        eq(ticketEvents.ticketId, id),
        isStaff ? undefined : eq(ticketEvents.isPublic, true),
      ),
    )
    .orderBy(asc(ticketEvents.id));
  const assistRows = isStaff
    ? await ctx.db
        .select({ a: ticketAssists, departmentName: departments.name })
        .from(ticketAssists)
        .innerJoin(
          departments,
          and(eq(departments.orgId, ticketAssists.orgId), eq(departments.id, ticketAssists.departmentId)),
        )
        .where(and(eq(ticketAssists.orgId, ctx.actor.orgId), eq(ticketAssists.ticketId, id)))
        .orderBy(asc(ticketAssists.createdAt))
    : [];
  const people = await userNames(ctx.db, t.orgId, [
    t.assigneeId,
    t.firstResponderId,
    ...assistRows.map((a) => a.a.ownerId),
  ]);
  const person = (userId: string | null) => (userId ? ref(userId, people.get(userId) ?? null) : null);
  const mask = (v: string | null) => (seesPii ? v : maskPhone(v));
  return {
    ...summary(ctx, t),
    customer: ref(t.customerId, customer?.name ?? null),
    assignee: person(t.assigneeId),
    firstResponder: person(t.firstResponderId),
    department: ref(t.departmentId, dept?.name ?? null),
    description: t.description,
    contact: contact
      ? {
          id: contact.id,
          name: contact.name,
          mobile: mask(contact.mobile),
          email: seesPii ? contact.email : maskEmail(contact.email),
        }
      : null,
    customerPhone: mask(customer?.phone ?? null),
    identityVerifiedBy: t.identityVerifiedBy,
    holdReason: t.holdReason,
    resolution: t.resolution,
    resolutionMode: t.resolutionMode,
    brokenPromises: t.brokenPromises,
    reopenCount: t.reopenCount,
    transferCount: t.transferCount,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorType: e.actorType,
      actorName: e.actorName,
      body: e.body,
      data: e.data as Record<string, unknown>,
      isPublic: e.isPublic,
      createdAt: iso(e.createdAt),
    })),
    assists: assistRows.map(({ a, departmentName }) => ({
      id: a.id,
      department: ref(a.departmentId, departmentName),
      owner: person(a.ownerId),
      request: a.request,
      dueAt: iso(a.dueAt),
      status: a.status,
      answer: a.answer,
      isRetroactive: a.isRetroactive,
    })),
    abilities: isStaff
      ? ticketAbilities(ctx.actor, t)
      : { reply: t.status !== "closed", attach: t.status !== "closed" },
    receivedAt: iso(t.receivedAt),
    archivedAt: t.archivedAt ? iso(t.archivedAt) : null,
    repairRequest: t.repairRequest,
    sla: isStaff ? await ticketExtensions().deadlines.view(ctx.db, t) : null,
  };
}
