import { AsyncLocalStorage } from "node:async_hooks";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { businessMinutesBetween } from "../../../common/business-time";
import { OPEN_STATUSES } from "../../../common/enums";
import { AUTOMATION_EVENTS, type AutomationConditions } from "../../../common/schemas/automations";
import type { Db, Executor } from "../../db/client";
import { automationFirings, automationRules, customers, tickets } from "../../db/schema";
import { type Ctx, type SystemActor, systemCtx } from "../../lib/context";
import { emit, on } from "../../lib/domain-events";
import { AppError, notFound } from "../../lib/errors";
import { orgCache } from "../../lib/org-cache";
import { officeCalendar } from "../../lib/periods";
import { departmentHandlers, supervisorsOf, usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { transitionTicket } from "../tickets/change-status";
import { classifyTicket } from "../tickets/classify-ticket";
import { loadTicketBehind, type Ticket } from "../tickets/load-ticket";
import { replyToTicket } from "../tickets/reply-to-ticket";
import { routeTicket } from "../tickets/route-ticket";
import { findStandardAnswer } from "../tickets/settings";
import { addTicketTags } from "../tickets/tags";
import { addTimelineEntry } from "../tickets/timeline";

export type Rule = typeof automationRules.$inferSelect;
type CustomerFacts = { grade: string | null; isVip: boolean; region: string | null } | null;

/** How often timed rules look for tickets that have waited long enough. */
export const TIMED_RULES_MS = 60_000;
/** Tickets one timed rule acts on per sweep; the next sweep takes the rest. */
const TIMED_BATCH = 200;

const needsCustomer = (c: AutomationConditions) =>
  !!c.customerGrades?.length || c.vip !== undefined || !!c.regions?.length;

const contains = (text: string | null | undefined, words: string) =>
  !!text && text.toLowerCase().includes(words.toLowerCase());

const within = <T>(list: readonly T[] | undefined, value: T) => !list?.length || list.includes(value);

/** Whether the ticket (and its customer) meets every condition of a rule. */
export function meets(c: AutomationConditions, ticket: Ticket, customer: CustomerFacts): boolean {
  return (
    within(c.types, ticket.type as never) &&
    within(c.priorities, ticket.priority) &&
    within(c.channels, ticket.channel as never) &&
    within(c.statuses, ticket.status as never) &&
    within(c.departmentIds, ticket.departmentId ?? "") &&
    (c.greenChannel === undefined || c.greenChannel === ticket.isGreenChannel) &&
    (c.unassigned === undefined || c.unassigned === (ticket.assigneeId === null)) &&
    (!c.textContains || contains(`${ticket.title}\n${ticket.description}`, c.textContains)) &&
    (!c.productContains || contains(ticket.repairRequest?.product, c.productContains)) &&
    (!c.customerGrades?.length || c.customerGrades.includes(customer?.grade as never)) &&
    (c.vip === undefined || c.vip === (customer?.isVip ?? false)) &&
    (!c.regions?.length || c.regions.some((r) => contains(customer?.region, r)))
  );
}

async function customerFacts(tx: Executor, ticket: Ticket): Promise<CustomerFacts> {
  if (!ticket.customerId) return null;
  const [row] = await tx
    .select({ grade: customers.grade, isVip: customers.isVip, region: customers.region })
    .from(customers)
    .where(and(eq(customers.orgId, ticket.orgId), eq(customers.id, ticket.customerId)));
  return row ?? null;
}

/** Round robin: the department's next handler after the one the rule gave the last ticket to. */
async function nextInTurn(tx: Executor, rule: Rule, departmentId: string): Promise<string | null> {
  const [locked] = await tx
    .select({ last: automationRules.lastAssigneeId })
    .from(automationRules)
    .where(and(eq(automationRules.orgId, rule.orgId), eq(automationRules.id, rule.id)))
    .for("update");
  const members = await departmentHandlers(tx, rule.orgId, departmentId);
  if (!members.length) return null;
  const next = members.find((id) => locked?.last && id > locked.last) ?? members[0];
  await tx
    .update(automationRules)
    .set({ lastAssigneeId: next })
    .where(and(eq(automationRules.orgId, rule.orgId), eq(automationRules.id, rule.id)));
  return next;
}

/** The rule's actions on the ticket, in their fixed order, as the system. */
async function act(tx: Executor, ctx: Ctx & { actor: SystemActor }, rule: Rule, ticket: Ticket) {
  const a = rule.actions;
  const orgId = rule.orgId;
  const type = a.type && a.type !== ticket.type ? a.type : undefined;
  const priority = a.priority && a.priority !== ticket.priority ? a.priority : undefined;
  if (type || priority) await classifyTicket(ctx, ticket.id, { type, priority, reason: rule.name });
  if (a.addTags) await addTicketTags(tx, ctx, ticket.id, a.addTags);
  if (a.route) {
    const assigneeId =
      a.route.assign === "user"
        ? (a.route.userId ?? null)
        : a.route.assign === "round_robin"
          ? await nextInTurn(tx, rule, a.route.departmentId)
          : null;
    await routeTicket(tx, ctx, ticket.id, { departmentId: a.route.departmentId, assigneeId });
  }
  if (a.standardAnswerId) {
    const answer = await findStandardAnswer(tx, orgId, a.standardAnswerId);
    if (!answer) throw notFound("STANDARD_ANSWER_NOT_FOUND");
    await replyToTicket(ctx, ticket.id, { body: answer.body, isInternal: false });
  }
  if (a.status)
    await transitionTicket(tx, ctx, ticket.id, { action: a.status.action, text: a.status.reason });
  if (a.notify) {
    const now = await loadTicketBehind(tx, ctx, ticket.id);
    const who = new Set<string | null>([
      ...a.notify.userIds,
      ...(await usersWithRole(tx, orgId, a.notify.roleKeys)),
    ]);
    for (const recipient of a.notify.recipients) {
      if (recipient === "holder") who.add(now.assigneeId);
      if (recipient === "first_responder") who.add(now.firstResponderId);
      if (recipient === "department_heads")
        for (const id of await supervisorsOf(tx, orgId, now.departmentId)) who.add(id);
    }
    await notifyUsers(tx, orgId, [...who], {
      kind: "automation",
      params: { rule: rule.name, number: now.number, title: now.title },
      ticketId: now.id,
    });
  }
}

/**
 * One firing of a rule for a ticket: recorded (a timed rule's once per anchor — false when it had
 * fired already), on the timeline, and its actions done together or not at all. An action the ticket
 * refuses (closed meanwhile, a complaint still open) leaves the ticket as it was and the timeline says
 * why; the change that triggered the rule goes on.
 */
async function fire(tx: Executor, rule: Rule, ticket: Ticket, anchor: Date | null): Promise<boolean> {
  const [fired] = await tx
    .insert(automationFirings)
    .values({ orgId: rule.orgId, ruleId: rule.id, ticketId: ticket.id, anchor })
    .onConflictDoNothing()
    .returning({ id: automationFirings.id });
  if (!fired) return false;
  let refused: AppError | null = null;
  await addTimelineEntry(tx, systemCtx(tx as Db, rule.orgId), ticket, {
    kind: "rule_fired",
    data: { rule: rule.name, ruleId: rule.id },
  });
  try {
    await (tx as Db).transaction((sp) => act(sp, systemCtx(sp as unknown as Db, rule.orgId), rule, ticket));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refused = error;
    await addTimelineEntry(tx, systemCtx(tx as Db, rule.orgId), ticket, {
      kind: "rule_refused",
      data: { rule: rule.name, ruleId: rule.id, code: error.code, params: error.params },
    });
  }
  const ctx = systemCtx(tx as Db, rule.orgId);
  await emit(tx, ctx, "automation.fired", {
    ticketId: ticket.id,
    number: ticket.number,
    ruleId: rule.id,
    applied: !refused,
    webhookEndpointId: rule.actions.webhookEndpointId ?? null,
  });
  return true;
}

/** The rules firing now, outermost first: a rule never fires again from inside its own firing. */
const firing = new AsyncLocalStorage<ReadonlySet<string>>();

/** The organisation's active trigger rules in order, kept in memory for every event (lib/org-cache.ts). */
const activeTriggers = orgCache("automations", (db, orgId) =>
  db
    .select()
    .from(automationRules)
    .where(
      and(
        eq(automationRules.orgId, orgId),
        eq(automationRules.kind, "trigger"),
        eq(automationRules.active, true),
      ),
    )
    .orderBy(asc(automationRules.position)),
);

/** Triggers: on each event, the organisation's active rules for it, in order, until one stops the chain. */
export const automationListeners = AUTOMATION_EVENTS.map((type) =>
  on(type, async (tx, _ctx, event) => {
    const orgId = _ctx.actor.orgId;
    const chain = firing.getStore() ?? new Set<string>();
    const due = (await activeTriggers(tx, orgId)).filter((r) => r.event === type && !chain.has(r.id));
    if (!due.length) return;
    const ticketId = (event.payload as { ticketId: string }).ticketId;
    const load = () => loadTicketBehind(tx, systemCtx(tx as Db, orgId), ticketId);
    let ticket = ("ticket" in event ? (event.ticket as Ticket) : null) ?? (await load());
    let customer: CustomerFacts | undefined;
    for (const rule of due) {
      if (needsCustomer(rule.conditions) && customer === undefined)
        customer = await customerFacts(tx, ticket);
      if (!meets(rule.conditions, ticket, customer ?? null)) continue;
      const fired = ticket;
      await firing.run(new Set([...chain, rule.id]), () => fire(tx, rule, fired, null));
      if (rule.stop) break;
      // The rules after it see what it did.
      ticket = await load();
    }
  }),
);

/** The instant a timed rule measures from. */
const anchorColumn = (rule: Rule) => (rule.since === "received" ? tickets.receivedAt : tickets.updatedAt);

/**
 * Timed rules: for each organisation's active timed rules, in order, the tickets that have waited
 * their working hours since the last change (or since received) and meet the conditions; each fires
 * once per ticket and waiting period, each ticket in its own transaction. Safe to run twice.
 */
export async function runTimedRules(db: Db, now = new Date(), onlyOrgId?: string) {
  const rules = await db
    .select()
    .from(automationRules)
    .where(
      and(
        eq(automationRules.kind, "timed"),
        eq(automationRules.active, true),
        // One organisation's (a test on the shared database leaves the others' tickets alone).
        onlyOrgId ? eq(automationRules.orgId, onlyOrgId) : undefined,
      ),
    )
    .orderBy(asc(automationRules.orgId), asc(automationRules.position));
  let fired = 0;
  const stopped = new Set<string>();
  const calendars = new Map<string, Awaited<ReturnType<typeof officeCalendar>>>();
  for (const rule of rules) {
    if (!rule.afterMinutes) continue;
    const calendar = calendars.get(rule.orgId) ?? (await officeCalendar(db, rule.orgId));
    calendars.set(rule.orgId, calendar);
    const c = rule.conditions;
    const anchor = anchorColumn(rule);
    // Working time never runs faster than the clock: only tickets quiet for that long by the clock.
    const candidates = await db
      .select({ id: tickets.id, anchor })
      .from(tickets)
      .where(
        and(
          eq(tickets.orgId, rule.orgId),
          inArray(tickets.status, c.statuses?.length ? c.statuses : [...OPEN_STATUSES]),
          c.types?.length ? inArray(tickets.type, c.types) : undefined,
          c.priorities?.length ? inArray(tickets.priority, c.priorities) : undefined,
          lt(anchor, new Date(now.getTime() - rule.afterMinutes * 60_000)),
          sql`NOT EXISTS (SELECT 1 FROM automation_firings f WHERE f.org_id = ${tickets.orgId}
            AND f.rule_id = ${rule.id} AND f.ticket_id = ${tickets.id} AND f.anchor = ${anchor})`,
        ),
      )
      .orderBy(asc(anchor))
      .limit(TIMED_BATCH);
    for (const candidate of candidates) {
      if (stopped.has(candidate.id)) continue;
      if (businessMinutesBetween(calendar, candidate.anchor, now) < rule.afterMinutes) continue;
      const done = await db.transaction(async (tx) => {
        // Locked and read again: a change since the candidates were read moves the anchor.
        const [ticket] = await tx
          .select()
          .from(tickets)
          .where(and(eq(tickets.orgId, rule.orgId), eq(tickets.id, candidate.id)))
          .for("update");
        const quiet = ticket && (rule.since === "received" ? ticket.receivedAt : ticket.updatedAt);
        if (!quiet || quiet.getTime() !== candidate.anchor.getTime()) return false;
        const customer = needsCustomer(c) ? await customerFacts(tx, ticket) : null;
        if (!meets(c, ticket, customer)) return false;
        return fire(tx, rule, ticket, candidate.anchor);
      });
      if (done) {
        fired++;
        if (rule.stop) stopped.add(candidate.id);
      }
    }
  }
  return { fired };
}
