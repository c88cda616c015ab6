import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { type PolicyInput, policyInput } from "../../../common/schemas/service-time";
import type { Executor } from "../../db/client";
import {
  businessCalendars,
  departments,
  type EscalationStep,
  roles,
  type SlaTarget,
  slaPolicies,
  ticketSlaClocks,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { orgCache } from "../../lib/org-cache";

export type SlaPolicy = typeof slaPolicies.$inferSelect;

const FIXED_RECIPIENTS = new Set(["assignee", "first_responder", "department_head"]);
const policyInvalid = (detail: string) => invalid("SLA_POLICY_INVALID", { detail });

/** Targets on calendars of this organisation; recipients that name existing roles and departments. */
async function checkPolicy(tx: Executor, orgId: string, input: z.infer<typeof policyInput>) {
  const targets = Object.values(input.targets);
  if (!targets.length) throw policyInvalid("no target");
  const calendarIds = [...new Set(targets.map((t) => t.calendarId))];
  const found = await tx
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(and(eq(businessCalendars.orgId, orgId), inArray(businessCalendars.id, calendarIds)));
  if (found.length !== calendarIds.length) throw policyInvalid("calendar");
  if (input.departmentIds.length) {
    const known = new Set(
      (
        await tx
          .select({ id: departments.id })
          .from(departments)
          .where(and(eq(departments.orgId, orgId), inArray(departments.id, input.departmentIds)))
      ).map((d) => d.id),
    );
    const i = input.departmentIds.findIndex((id) => !known.has(id));
    if (i >= 0) throw invalidField(`departmentIds/${i}`, "reference");
  }
  const steps = input.escalation;
  steps.forEach((step, i) => {
    if (i > 0 && step.afterMinutes <= steps[i - 1].afterMinutes)
      throw policyInvalid("escalation steps must come later one after another");
  });
  const recipients = steps.flatMap((s) => s.notify).filter((n) => !FIXED_RECIPIENTS.has(n));
  const roleKeys = recipients.filter((n) => n.startsWith("role:")).map((n) => n.slice(5));
  const departmentIds = recipients.filter((n) => n.startsWith("department:")).map((n) => n.slice(11));
  if (roleKeys.length + departmentIds.length !== recipients.length)
    throw policyInvalid(`recipient ${recipients.find((n) => !/^(role|department):/.test(n))}`);
  if (roleKeys.length) {
    const known = await tx
      .select({ key: roles.key })
      .from(roles)
      .where(and(eq(roles.orgId, orgId), inArray(roles.key, roleKeys)));
    const missing = roleKeys.find((k) => !known.some((r) => r.key === k));
    if (missing) throw policyInvalid(`role ${missing}`);
  }
  if (departmentIds.length) {
    if (departmentIds.some((d) => !z.uuid().safeParse(d).success)) throw policyInvalid("department");
    const known = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.orgId, orgId), inArray(departments.id, departmentIds)));
    if (known.length !== new Set(departmentIds).size) throw policyInvalid("department");
  }
}

export const listPolicies = (db: Executor, orgId: string) =>
  db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.orgId, orgId))
    .orderBy(asc(slaPolicies.rank), asc(slaPolicies.createdAt));

/** The organisation's policies by rank, kept in memory for every ticket event (lib/org-cache.ts). */
export const orgPolicies = orgCache("service_time", listPolicies);

async function loadPolicy(tx: Executor, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.orgId, orgId), eq(slaPolicies.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Creates (id null) or replaces a policy. Tickets keep the clocks they have; new ones use the change. */
export async function savePolicy(ctx: Ctx, id: string | null, raw: PolicyInput) {
  requireCapability(ctx.actor, "settings.manage");
  const input = policyInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    await checkPolicy(tx, orgId, input);
    if (!id) {
      const [row] = await tx
        .insert(slaPolicies)
        .values({ orgId, ...input })
        .returning();
      await writeAudit(tx, ctx, {
        action: "sla_policy.created",
        entityType: "sla_policy",
        entityId: row.id,
        after: input,
      });
      return row;
    }
    const before = await loadPolicy(tx, orgId, id);
    const [row] = await tx
      .update(slaPolicies)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(slaPolicies.orgId, ctx.actor.orgId), eq(slaPolicies.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "sla_policy.updated",
      entityType: "sla_policy",
      entityId: id,
      before,
      after: input,
    });
    return row;
  });
}

/** A policy that timed tickets is history: it can be deactivated, not deleted. */
export async function deletePolicy(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "settings.manage");
  return ctx.db.transaction(async (tx) => {
    const before = await loadPolicy(tx, ctx.actor.orgId, id);
    const [used] = await tx
      .select({ id: ticketSlaClocks.id })
      .from(ticketSlaClocks)
      .where(and(eq(ticketSlaClocks.orgId, ctx.actor.orgId), eq(ticketSlaClocks.policyId, id)))
      .limit(1);
    if (used) throw conflict("SLA_POLICY_IN_USE");
    await tx.delete(slaPolicies).where(and(eq(slaPolicies.orgId, ctx.actor.orgId), eq(slaPolicies.id, id)));
    await writeAudit(tx, ctx, {
      action: "sla_policy.deleted",
      entityType: "sla_policy",
      entityId: id,
      before,
    });
  });
}

type DefaultsContext = {
  officeCalendarId: string;
  dutyCalendarId: string;
  salesDepartmentId?: string;
  legalDepartmentId?: string;
};

const WORKING_DAY = 450;

/**
 * The seeds' time limits (SPEC M3): 30 minutes to start handling a call, chat or portal request
 * (C038), email within 24 hours (002), repair response within 24 hours and on site within 3 working
 * days (C039, C040), a complaint's solution within 3 days (C041), callback the next working day.
 */
export function defaultPolicies(c: DefaultsContext): PolicyInput[] {
  const office = (amount: number, unit: SlaTarget["unit"]) => ({
    amount,
    unit,
    calendarId: c.officeCalendarId,
  });
  const duty = (hours: number) => ({ amount: hours, unit: "hours" as const, calendarId: c.dutyCalendarId });
  const chain: EscalationStep[] = [
    { afterMinutes: 0, notify: ["assignee", "first_responder", "role:supervisor"] },
    { afterMinutes: WORKING_DAY, notify: ["department_head", "role:manager"] },
    { afterMinutes: 2 * WORKING_DAY, notify: ["role:general_manager"] },
  ];
  const complaintChain: EscalationStep[] = [
    { afterMinutes: 0, notify: ["assignee", "first_responder", "role:supervisor"] },
    {
      afterMinutes: 2 * WORKING_DAY,
      notify: [
        "role:manager",
        ...(c.salesDepartmentId ? [`department:${c.salesDepartmentId}`] : []),
        ...(c.legalDepartmentId ? [`department:${c.legalDepartmentId}`] : []),
      ],
    },
    { afterMinutes: 4 * WORKING_DAY, notify: ["role:general_manager"] },
  ];
  return [
    {
      name: "紧急（P1）",
      rank: 10,
      priorities: ["P1"],
      targets: {
        first_response: office(15, "minutes"),
        resolution: office(4, "hours"),
        callback: office(1, "working_days"),
      },
      escalation: chain,
    },
    {
      name: "客户投诉",
      rank: 20,
      types: ["complaint"],
      targets: {
        first_response: office(30, "minutes"),
        solution: office(3, "working_days"),
        resolution: office(7, "working_days"),
        callback: office(1, "working_days"),
      },
      escalation: complaintChain,
    },
    {
      name: "报修",
      rank: 30,
      types: ["repair"],
      targets: {
        first_response: duty(24),
        on_site: office(3, "working_days"),
        resolution: office(5, "working_days"),
        callback: office(1, "working_days"),
      },
      escalation: chain,
    },
    {
      name: "电子邮件",
      rank: 40,
      channels: ["email"],
      targets: {
        first_response: duty(24),
        resolution: office(3, "working_days"),
        callback: office(1, "working_days"),
      },
      escalation: chain,
    },
    {
      name: "标准",
      rank: 100,
      targets: {
        first_response: office(30, "minutes"),
        resolution: office(3, "working_days"),
        callback: office(1, "working_days"),
      },
      escalation: chain,
    },
  ];
}

/** Writes the default policies for an organisation that has none (seed, or the settings' empty state). */
export async function insertDefaultPolicies(tx: Executor, orgId: string) {
  const calendars = await tx
    .select({
      id: businessCalendars.id,
      is24x7: businessCalendars.is24x7,
      isDefault: businessCalendars.isDefault,
    })
    .from(businessCalendars)
    .where(eq(businessCalendars.orgId, orgId));
  const office = calendars.find((c) => c.isDefault) ?? calendars.find((c) => !c.is24x7);
  const duty = calendars.find((c) => c.is24x7) ?? office;
  if (!office || !duty) throw policyInvalid("calendar");
  const depts = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), inArray(departments.name, ["销售部", "法务部"])));
  const policies = defaultPolicies({
    officeCalendarId: office.id,
    dutyCalendarId: duty.id,
    salesDepartmentId: depts.find((d) => d.name === "销售部")?.id,
    legalDepartmentId: depts.find((d) => d.name === "法务部")?.id,
  });
  return tx
    .insert(slaPolicies)
    .values(policies.map((p) => ({ orgId, ...policyInput.parse(p) })))
    .returning();
}

export async function restoreDefaultPolicies(ctx: Ctx) {
  requireCapability(ctx.actor, "settings.manage");
  return ctx.db.transaction(async (tx) => {
    if ((await listPolicies(tx, ctx.actor.orgId)).length)
      throw conflict("SLA_POLICY_INVALID", { detail: "exists" });
    const rows = await insertDefaultPolicies(tx, ctx.actor.orgId);
    await writeAudit(tx, ctx, {
      action: "sla_policy.defaults_restored",
      entityType: "sla_policy",
      entityId: null,
      after: { names: rows.map((r) => r.name) },
    });
    return rows;
  });
}
