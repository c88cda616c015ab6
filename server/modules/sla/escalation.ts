import { and, eq, inArray } from "drizzle-orm";
import type { Locale, SlaMetric } from "../../../common/enums";
import { SLA_METRIC_LABELS } from "../../../common/labels";
import type { Executor } from "../../db/client";
import { departments, users } from "../../db/schema";
import type { Ctx } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { sendMessage } from "../messaging/outbox";
import type { Ticket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import type { ClockEvent } from "./clock-math";

/**
 * The people an escalation step names: the ticket's handler or first responder, the head of its
 * department, everyone holding a role, or the head of a named department (its members if it has no
 * head, e.g. 法务部). A step that reaches nobody falls back to the supervisors, then the managers,
 * then the administrators, so no escalation is lost.
 */
const FALLBACK = ["role:supervisor", "role:manager", "role:admin"];

export async function escalationRecipients(
  tx: Executor,
  ticket: Ticket,
  notify: string[],
): Promise<string[]> {
  const ids = new Set<string>();
  const roleKeys: string[] = [];
  const departmentIds: string[] = [];
  const headsOnly: string[] = [];
  for (const who of notify) {
    if (who === "assignee" && ticket.assigneeId) ids.add(ticket.assigneeId);
    else if (who === "first_responder" && ticket.firstResponderId) ids.add(ticket.firstResponderId);
    else if (who === "department_head" && ticket.departmentId) headsOnly.push(ticket.departmentId);
    else if (who.startsWith("role:")) roleKeys.push(who.slice(5));
    else if (who.startsWith("department:")) departmentIds.push(who.slice(11));
  }
  const active = and(eq(users.orgId, ticket.orgId), eq(users.isDisabled, false));
  for (const id of await usersWithRole(tx, ticket.orgId, roleKeys)) ids.add(id);
  if (departmentIds.length || headsOnly.length) {
    const depts = await tx
      .select({ id: departments.id, headUserId: departments.headUserId })
      .from(departments)
      .where(
        and(eq(departments.orgId, ticket.orgId), inArray(departments.id, [...departmentIds, ...headsOnly])),
      );
    const headless = depts.filter((d) => !d.headUserId && departmentIds.includes(d.id)).map((d) => d.id);
    for (const d of depts) if (d.headUserId) ids.add(d.headUserId);
    if (headless.length) {
      const members = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(active, inArray(users.departmentId, headless)));
      for (const m of members) ids.add(m.id);
    }
  }
  if (ids.size || !notify.length) return [...ids];
  // Nobody holds what the step names: the next supervisory role that somebody holds hears of it.
  const fallback = FALLBACK.slice(FALLBACK.indexOf(notify.join()) + 1);
  return fallback.length ? escalationRecipients(tx, ticket, [fallback[0]]) : [];
}

const EMAIL: Record<Locale, (p: { number: string; title: string; metric: string; level: number }) => string> =
  {
    "zh-CN": (p) =>
      `工单 ${p.number}「${p.title}」的${p.metric}时限已逾期，现升级至第 ${p.level} 级，请跟进处理。`,
    "en-US": (p) =>
      `Ticket ${p.number} "${p.title}" is past its ${p.metric} deadline and has been escalated to level ${p.level}. Please follow up.`,
    "zh-TW": (p) =>
      `工單 ${p.number}「${p.title}」的${p.metric}時限已逾期，現升級至第 ${p.level} 級，請跟進處理。`,
  };
const SUBJECT: Record<Locale, (number: string) => string> = {
  "zh-CN": (n) => `[${n}] 工单逾期升级`,
  "en-US": (n) => `[${n}] Overdue ticket escalated`,
  "zh-TW": (n) => `[${n}] 工單逾期升級`,
};

/**
 * Tells people what a clock did: the handler and first responder hear of a clock at risk or
 * breached (in-app, live); each escalation step reaches its recipients in-app and by email, and the
 * timeline records breach and escalation for everyone handling the ticket to see.
 */
export async function announceClockEvents(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  metric: SlaMetric,
  events: ClockEvent[],
  notify = true,
): Promise<void> {
  const params = { number: ticket.number, title: ticket.title, metric };
  const owners = [ticket.assigneeId, ticket.firstResponderId];
  for (const event of events) {
    if (event.kind === "at_risk") {
      if (notify)
        await notifyUsers(tx, ticket.orgId, owners, { kind: "sla_at_risk", params, ticketId: ticket.id });
    } else if (event.kind === "breached") {
      const breach = { metric, dueAt: event.dueAt.toISOString() };
      await addTimelineEntry(tx, ctx, ticket, { kind: "sla_breached", data: breach });
      await emit(tx, ctx, "sla.breached", { ticketId: ticket.id, number: ticket.number, ...breach });
      if (notify)
        await notifyUsers(tx, ticket.orgId, owners, { kind: "sla_breached", params, ticketId: ticket.id });
    } else {
      const recipients = await escalationRecipients(tx, ticket, event.notify);
      const people = recipients.length
        ? await tx
            .select({ id: users.id, name: users.displayName, email: users.email, locale: users.locale })
            .from(users)
            .where(and(eq(users.orgId, ticket.orgId), inArray(users.id, recipients)))
        : [];
      await addTimelineEntry(tx, ctx, ticket, {
        kind: "sla_escalated",
        data: { metric, level: event.level, to: people.map((p) => p.name) },
      });
      await notifyUsers(tx, ticket.orgId, recipients, {
        kind: "sla_escalated",
        params: { ...params, level: String(event.level) },
        ticketId: ticket.id,
      });
      for (const person of people) {
        if (!person.email) continue;
        const locale = (person.locale ?? "zh-CN") as Locale;
        const text = { ...params, level: event.level, metric: SLA_METRIC_LABELS[metric][locale] };
        await sendMessage(
          tx,
          ticket.orgId,
          {
            channel: "email",
            recipient: person.email,
            subject: SUBJECT[locale](ticket.number),
            body: EMAIL[locale](text),
          },
          { ticketId: ticket.id, escalationLevel: event.level },
        );
      }
    }
  }
}
