import { and, eq, inArray, sql } from "drizzle-orm";
import { type BusinessCalendar, localIsoDate } from "../../../common/business-time";
import { SLA_METRICS, type SlaMetric, type TicketStatus } from "../../../common/enums";
import type { TicketDetail } from "../../../common/schemas/tickets";
import type { Db, Executor } from "../../db/client";
import {
  businessCalendars,
  customers,
  OPEN_TICKET,
  slaBreaches,
  slaPolicies,
  ticketSlaClocks,
  tickets,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, systemCtx } from "../../lib/context";
import { publish } from "../../lib/events";
import { orgCalendars, toBusinessCalendar } from "../../lib/periods";
import { iso } from "../../lib/present";
import { agreementOn } from "../agreements/agreements";
import type { Ticket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import {
  type ClockEvent,
  type ClockTiming,
  clockStatus,
  moveClock,
  type Steps,
  startClock,
  sweepClock,
  targetMinutes,
  usedMs,
} from "./clock-math";
import { announceClockEvents } from "./escalation";
import { orgPolicies, type SlaPolicy } from "./policies";

export type Clock = typeof ticketSlaClocks.$inferSelect;

type Facts = {
  type: string;
  priority: string;
  channel: string;
  customerGrade: string | null;
  departmentId: string | null;
};

/** The first active policy, by rank, whose every condition holds (an empty condition holds always). */
export function matchPolicy(policies: SlaPolicy[], facts: Facts): SlaPolicy | null {
  const holds = (allowed: string[], value: string | null) =>
    allowed.length === 0 || (value !== null && allowed.includes(value));
  return (
    policies.find(
      (p) =>
        p.isActive &&
        holds(p.types, facts.type) &&
        holds(p.priorities, facts.priority) &&
        holds(p.channels, facts.channel) &&
        holds(p.customerGrades, facts.customerGrade) &&
        holds(p.departmentIds, facts.departmentId),
    ) ?? null
  );
}

async function loadCalendars(tx: Executor, orgId: string, ids: string[]) {
  const { byId } = await orgCalendars(tx, orgId);
  return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])));
}

const CLOSED_FOR: Record<SlaMetric, readonly TicketStatus[]> = {
  first_response: [],
  solution: ["waiting_customer", "resolved", "callback_done", "closed"],
  resolution: ["resolved", "callback_done", "closed"],
  on_site: ["resolved", "callback_done", "closed"],
  callback: ["callback_done", "closed"],
};

/** The event that stops a clock (SPEC M3: which event stops each clock), if it has happened. */
function stopEventAt(metric: SlaMetric, ticket: Ticket, now: Date): Date | null {
  if (metric === "first_response") return ticket.firstHandledAt;
  if (metric === "solution" && ticket.solutionOfferedAt) return ticket.solutionOfferedAt;
  if (metric === "on_site" && ticket.onSiteAt) return ticket.onSiteAt;
  return CLOSED_FOR[metric].includes(ticket.status as TicketStatus) ? now : null;
}

const timingOf = (clock: Clock): ClockTiming => clock;

async function saveTiming(tx: Executor, { orgId, id }: { orgId: string; id: string }, timing: ClockTiming) {
  const { state, elapsedMs, runningSince, atRiskAt, dueAt, stoppedAt } = timing;
  const { atRiskNotifiedAt, breachedAt, escalationLevel, nextCheckAt } = timing;
  await tx
    .update(ticketSlaClocks)
    .set({
      state,
      elapsedMs,
      runningSince,
      atRiskAt,
      dueAt,
      stoppedAt,
      atRiskNotifiedAt,
      breachedAt,
      escalationLevel,
      nextCheckAt,
    })
    .where(and(eq(ticketSlaClocks.orgId, orgId), eq(ticketSlaClocks.id, id)));
}

/** Records what a clock change produced: the breach (once per clock), notifications, escalations. */
async function recordEvents(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  clock: Clock,
  events: ClockEvent[],
  notify = true,
) {
  for (const event of events) {
    if (event.kind !== "breached") continue;
    const inserted = await tx
      .insert(slaBreaches)
      .values({
        orgId: ticket.orgId,
        clockId: clock.id,
        ticketId: ticket.id,
        metric: clock.metric,
        departmentId: ticket.departmentId,
        assigneeId: ticket.assigneeId,
        dueAt: event.dueAt,
        breachedAt: event.dueAt,
      })
      .onConflictDoNothing({ target: [slaBreaches.orgId, slaBreaches.clockId] })
      .returning({ id: slaBreaches.id });
    if (!inserted.length) continue;
    await writeAudit(tx, ctx, {
      action: "sla.breached",
      entityType: "ticket",
      entityId: ticket.id,
      after: { metric: clock.metric, dueAt: event.dueAt.toISOString() },
    });
  }
  if (events.length) await announceClockEvents(tx, ctx, ticket, clock.metric, events, notify);
}

/**
 * Inserts new clocks already in line with the ticket: stopped if their event has happened (a call
 * handled as it was logged), paused while the customer is awaited. A clock found late then is
 * recorded (its breach and timeline entry) without notifications: at registration the ticket has
 * no number yet (numbering.ts comes last).
 */
async function insertClocks(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  policy: SlaPolicy,
  calendars: Map<string, BusinessCalendar>,
  metrics: { metric: SlaMetric; start: Date; elapsedMs?: number }[],
  now: Date,
) {
  const planned = metrics.flatMap(({ metric, start, elapsedMs }) => {
    const target = policy.targets[metric];
    const calendar = target && calendars.get(target.calendarId);
    if (!target || !calendar) return [];
    let timing = startClock(
      calendar,
      { targetMinutes: targetMinutes(target, calendar), atRiskPercent: policy.atRiskPercent, elapsedMs },
      start,
      policy.escalation,
    );
    let events: ClockEvent[] = [];
    const stopAt = stopEventAt(metric, ticket, now);
    if (stopAt)
      ({ clock: timing, events } = moveClock(calendar, timing, "stopped", stopAt, policy.escalation));
    else if (ticket.status === "waiting_customer")
      timing = moveClock(calendar, timing, "paused", now, policy.escalation).clock;
    const row = {
      orgId: ticket.orgId,
      ticketId: ticket.id,
      policyId: policy.id,
      metric,
      calendarId: target.calendarId,
      startedAt: start,
      ...timing,
    };
    return [{ row, events }];
  });
  if (!planned.length) return;
  const inserted = await tx
    .insert(ticketSlaClocks)
    .values(planned.map((p) => p.row))
    .returning();
  for (const [i, clock] of inserted.entries()) {
    await recordEvents(tx, ctx, ticket, clock, planned[i].events, false);
  }
}

/**
 * The ticket's clocks. To change them, `forUpdate`: a sweep holding one (it skips what is locked) is
 * waited for and its result read — else both would act on the same deadline (a breach twice).
 */
async function ticketClocks(tx: Executor, ticket: Ticket, forUpdate = false) {
  const query = tx
    .select()
    .from(ticketSlaClocks)
    .where(
      and(
        eq(ticketSlaClocks.orgId, ticket.orgId),
        eq(ticketSlaClocks.ticketId, ticket.id),
        sql`${ticketSlaClocks.state} <> 'replaced'`,
      ),
    );
  return forUpdate ? query.for("update") : query;
}

/**
 * Applies the matching policy: at creation from the time the request was received, and again when
 * the ticket's type, priority, channel, department (C021) or the customer's grade changes. On a change, a clock already
 * stopped or breached stays as history; a live one continues under the new target with the business
 * time it has used; the timeline says which policy now applies.
 */
export async function applyPolicy(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  reason: "created" | "reclassified" | "routed" | "grade_changed",
): Promise<void> {
  const now = new Date();
  const [customer] = ticket.customerId
    ? await tx
        .select({ grade: customers.grade })
        .from(customers)
        .where(and(eq(customers.orgId, ticket.orgId), eq(customers.id, ticket.customerId)))
    : [];
  const policy = matchPolicy(await orgPolicies(tx, ticket.orgId), {
    type: ticket.type,
    priority: ticket.priority,
    channel: ticket.channel,
    customerGrade: customer?.grade ?? null,
    departmentId: ticket.departmentId,
  });
  if (reason !== "created" && policy?.id === ticket.slaPolicyId) return;
  const agreed = policy && (await withAgreement(tx, ticket, policy));
  const effective = agreed?.policy ?? policy;
  const existing = reason === "created" ? [] : await ticketClocks(tx, ticket, true);
  const calendars = await loadCalendars(tx, ticket.orgId, [
    ...existing.map((c) => c.calendarId),
    ...Object.values(effective?.targets ?? {}).map((t) => t.calendarId),
  ]);
  const metrics: Parameters<typeof insertClocks>[5] = [];
  for (const clock of existing) {
    if (clock.state === "stopped" || clock.breachedAt) continue;
    await tx
      .update(ticketSlaClocks)
      .set({ state: "replaced", nextCheckAt: null })
      .where(and(eq(ticketSlaClocks.orgId, clock.orgId), eq(ticketSlaClocks.id, clock.id)));
    const calendar = calendars.get(clock.calendarId)!;
    metrics.push({
      metric: clock.metric,
      start: now,
      elapsedMs: usedMs(calendar, timingOf(clock), now),
    });
  }
  const kept = new Set(existing.filter((c) => c.state === "stopped" || c.breachedAt).map((c) => c.metric));
  const carried = new Set(metrics.map((m) => m.metric));
  for (const metric of ["first_response", "solution", "resolution", "on_site"] as const) {
    if (!kept.has(metric) && !carried.has(metric)) metrics.push({ metric, start: ticket.receivedAt });
  }
  await tx
    .update(tickets)
    .set({ slaPolicyId: policy?.id ?? null })
    .where(and(eq(tickets.orgId, ticket.orgId), eq(tickets.id, ticket.id)));
  await addTimelineEntry(tx, ctx, ticket, {
    kind: "sla_applied",
    data: { policy: policy?.name ?? null, reason, ...(agreed && { agreement: agreed.contractNo }) },
  });
  if (effective) await insertClocks(tx, ctx, ticket, effective, calendars, metrics, now);
}

/**
 * The customer's service agreement (C082) decides what it promised: its response and arrival hours
 * replace the policy's first-response and on-site targets, counted in natural hours on the 7×24
 * calendar (the office calendar when there is none).
 */
async function withAgreement(tx: Executor, ticket: Ticket, policy: SlaPolicy) {
  if (!ticket.customerId) return null;
  const { byId, office } = await orgCalendars(tx, ticket.orgId);
  const agreement = await agreementOn(
    tx,
    ticket.orgId,
    ticket.customerId,
    localIsoDate(ticket.receivedAt, office.timeZone),
  );
  if (!agreement?.responseHours && !agreement?.arrivalHours) return null;
  const calendars = [...byId];
  const [calendarId] = calendars.find(([, c]) => c.is24x7) ?? calendars[0];
  const promised = (hours: number | null) =>
    hours ? { amount: hours, unit: "hours" as const, calendarId } : undefined;
  const targets = { ...policy.targets };
  if (agreement.responseHours) targets.first_response = promised(agreement.responseHours);
  if (agreement.arrivalHours) targets.on_site = promised(agreement.arrivalHours);
  return { policy: { ...policy, targets }, contractNo: agreement.contractNo };
}

/**
 * When the ticket's live clock for a metric falls due (null when its time limits set none, or the
 * clock is paused): how other modules read a ticket's time limit, so a deadline is computed once.
 */
export async function liveClockDueAt(
  tx: Executor,
  ticket: Pick<Ticket, "id" | "orgId">,
  metric: SlaMetric,
): Promise<Date | null> {
  const [clock] = await tx
    .select({ dueAt: ticketSlaClocks.dueAt })
    .from(ticketSlaClocks)
    .where(
      and(
        eq(ticketSlaClocks.orgId, ticket.orgId),
        eq(ticketSlaClocks.ticketId, ticket.id),
        eq(ticketSlaClocks.metric, metric),
        inArray(ticketSlaClocks.state, ["running", "paused"]),
      ),
    )
    .limit(1);
  return clock?.dueAt ?? null;
}

/** A customer's grade changed: their open tickets are matched again (key customers may get tighter targets). */
export async function reapplyForCustomer(tx: Executor, ctx: Ctx, customerId: string) {
  const open = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.customerId, customerId), OPEN_TICKET));
  for (const ticket of open) await applyPolicy(tx, ctx, ticket, "grade_changed");
}

const REOPENED_FROM: readonly string[] = ["resolved", "callback_done", "closed"];

/**
 * Brings a ticket's clocks in line with its new state: stops each clock whose event happened,
 * pauses them while the customer is awaited and resumes after, starts the callback clock when the
 * ticket is resolved (stopped when the callback is recorded, even an unsatisfied one that reopens)
 * and resumes the resolution clock when it is reopened. Called by every change.
 */
export async function syncClocks(
  tx: Executor,
  ctx: Ctx,
  before: Ticket,
  after: Ticket,
  callbackRecorded = false,
): Promise<void> {
  if (!after.slaPolicyId) return;
  const now = new Date();
  const clocks = await ticketClocks(tx, after, true);
  const [policy] = await tx
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.orgId, after.orgId), eq(slaPolicies.id, after.slaPolicyId)));
  if (!policy) return;
  const steps: Steps = policy.escalation;
  const calendars = await loadCalendars(tx, after.orgId, [
    ...clocks.map((c) => c.calendarId),
    ...Object.values(policy.targets).map((t) => t.calendarId),
  ]);
  const reopened = REOPENED_FROM.includes(before.status) && !REOPENED_FROM.includes(after.status);
  const newlyResolved = before.status !== "resolved" && after.status === "resolved";
  let changed = false;
  for (const clock of clocks) {
    const calendar = calendars.get(clock.calendarId)!;
    let state: "running" | "paused" | "stopped" | null = null;
    let at = now;
    if (clock.state === "stopped") {
      if (reopened && clock.metric === "resolution") state = "running";
    } else if (clock.metric === "callback" && callbackRecorded) {
      state = "stopped";
    } else if (clock.metric === "callback" && (newlyResolved || reopened)) {
      // Reopened without a callback, or resolved again: the earlier callback no longer applies.
      await tx
        .update(ticketSlaClocks)
        .set({ state: "replaced", nextCheckAt: null })
        .where(and(eq(ticketSlaClocks.orgId, clock.orgId), eq(ticketSlaClocks.id, clock.id)));
      changed = true;
      continue;
    } else {
      const stopAt = stopEventAt(clock.metric, after, now);
      if (stopAt) {
        state = "stopped";
        at = stopAt;
      } else if (after.status === "waiting_customer" && clock.state === "running") state = "paused";
      else if (after.status !== "waiting_customer" && clock.state === "paused") state = "running";
    }
    if (!state) continue;
    const moved = moveClock(calendar, timingOf(clock), state, at, steps);
    await saveTiming(tx, clock, moved.clock);
    await recordEvents(tx, ctx, after, clock, moved.events);
    changed = true;
  }
  if (newlyResolved && policy.targets.callback) {
    await insertClocks(
      tx,
      ctx,
      after,
      policy,
      calendars,
      [{ metric: "callback", start: after.resolvedAt ?? now }],
      now,
    );
    changed = true;
  }
  if (changed) {
    await publish(tx, {
      orgId: after.orgId,
      type: "ticket.updated",
      ticketId: after.id,
      customerId: after.customerId,
    });
  }
}

/**
 * One pass of the breach sweep: claims the clocks whose next check has come (at risk, due, an
 * escalation step) — an index range, so the cost follows what is coming due, not the open tickets —
 * with SKIP LOCKED so that several servers never handle one clock twice. Returns how many it handled.
 */
export async function sweepClocks(db: Db, now: Date, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(ticketSlaClocks)
      .where(sql`${ticketSlaClocks.nextCheckAt} <= ${now.toISOString()}::timestamptz`)
      .orderBy(ticketSlaClocks.nextCheckAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return 0;
    const ticketRows = await tx
      .select()
      .from(tickets)
      // Each with its organisation: the key is (org_id, id), an id alone would read the whole index.
      .where(
        sql`(${tickets.orgId}, ${tickets.id}) IN (${sql.join(
          due.map((c) => sql`(${c.orgId}::uuid, ${c.ticketId}::uuid)`),
          sql`, `,
        )})`,
      );
    const policyRows = await tx
      .select()
      .from(slaPolicies)
      .where(
        sql`(${slaPolicies.orgId}, ${slaPolicies.id}) IN (${sql.join(
          due.map((c) => sql`(${c.orgId}::uuid, ${c.policyId}::uuid)`),
          sql`, `,
        )})`,
      );
    const byTicket = new Map(ticketRows.map((t) => [t.id, t]));
    const byPolicy = new Map(policyRows.map((p) => [p.id, p]));
    const calendars = new Map<string, BusinessCalendar>();
    for (const orgId of new Set(due.map((c) => c.orgId))) {
      const ids = due.filter((c) => c.orgId === orgId).map((c) => c.calendarId);
      for (const [id, calendar] of await loadCalendars(tx, orgId, ids)) calendars.set(id, calendar);
    }
    for (const clock of due) {
      const ticket = byTicket.get(clock.ticketId)!;
      const steps = byPolicy.get(clock.policyId)!.escalation;
      const swept = sweepClock(calendars.get(clock.calendarId)!, timingOf(clock), steps, now);
      await saveTiming(tx, clock, swept.clock);
      const ctx = systemCtx(db, clock.orgId);
      await recordEvents(tx, ctx, ticket, clock, swept.events);
      if (swept.events.length) {
        await publish(tx, {
          orgId: clock.orgId,
          type: "ticket.updated",
          ticketId: ticket.id,
          customerId: null,
        });
      }
    }
    return due.length;
  });
}

/** How often each server sweeps: a breach is seen within this long of its deadline. */
export const SLA_SWEEP_MS = 15_000;
const SWEEP_BATCH = 100;

/** Sweeps until nothing more is due (the periodic task of every server). */
export async function sweepDueClocks(db: Db, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await sweepClocks(db, now, SWEEP_BATCH);
    total += handled;
    if (handled < SWEEP_BATCH) return total;
  }
}

/** The ticket's policy and clocks as the ticket page shows them (business minutes used, now). */
export async function clocksView(
  tx: Executor,
  ticket: Ticket,
  now = new Date(),
): Promise<NonNullable<TicketDetail["sla"]>> {
  const clocks = await ticketClocks(tx, ticket);
  const [policy] = ticket.slaPolicyId
    ? await tx
        .select({ name: slaPolicies.name })
        .from(slaPolicies)
        .where(and(eq(slaPolicies.orgId, ticket.orgId), eq(slaPolicies.id, ticket.slaPolicyId)))
    : [];
  const calendars = clocks.length
    ? await tx
        .select()
        .from(businessCalendars)
        .where(
          and(
            eq(businessCalendars.orgId, ticket.orgId),
            inArray(
              businessCalendars.id,
              clocks.map((c) => c.calendarId),
            ),
          ),
        )
    : [];
  const order = (c: Clock) => SLA_METRICS.indexOf(c.metric);
  return {
    policy: policy?.name ?? null,
    clocks: clocks
      .sort((a, b) => order(a) - order(b))
      .map((c) => {
        const row = calendars.find((cal) => cal.id === c.calendarId)!;
        const calendar = toBusinessCalendar(row);
        return {
          id: c.id,
          metric: c.metric,
          status: clockStatus(c, now),
          state: c.state,
          targetMinutes: c.targetMinutes,
          usedMinutes: Math.round(usedMs(calendar, c, now) / 60_000),
          dueAt: iso(c.dueAt),
          atRiskAt: iso(c.atRiskAt),
          stoppedAt: iso(c.stoppedAt),
          breachedAt: iso(c.breachedAt),
          escalationLevel: c.escalationLevel,
          calendarName: row.name,
          calendar,
        };
      }),
  };
}
