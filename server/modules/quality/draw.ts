import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import type { QaSubject } from "../../../common/enums";
import { addDays } from "../../../common/field-service";
import { type Db, type Executor, queryRows } from "../../db/client";
import { organizations, qaDraws, qaInspections, qaPlans } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { conflict, notFound } from "../../lib/errors";
import { calendarPeriod, officeCalendar } from "../../lib/periods";
import { drawOf } from "../callbacks/sample";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { ensureQaDefaults } from "./settings";

/** How often every server looks for a finished period to draw. */
export const QA_DRAW_MS = 60 * 60_000;

type Candidate = {
  id: string;
  ticket_id: string;
  work_order_id: string | null;
  agent_id: string;
  department_id: string | null;
};

/** The period's finished work of each kind, with whose it is: the pool a plan draws from. */
function population(tx: Executor, orgId: string, subject: QaSubject, from: Date, to: Date) {
  const query = {
    ticket: sql`SELECT t.id, t.id AS ticket_id, NULL::uuid AS work_order_id, t.assignee_id AS agent_id, u.department_id
        FROM tickets t JOIN users u ON u.org_id = t.org_id AND u.id = t.assignee_id
        WHERE t.org_id = ${orgId} AND t.channel <> 'internal' AND t.status IN ('resolved', 'callback_done', 'closed')
          AND t.resolved_at >= ${from.toISOString()}::timestamptz AND t.resolved_at < ${to.toISOString()}::timestamptz`,
    work_order: sql`SELECT w.id, w.ticket_id, w.id AS work_order_id, w.engineer_id AS agent_id, u.department_id
        FROM work_orders w JOIN users u ON u.org_id = w.org_id AND u.id = w.engineer_id
        WHERE w.org_id = ${orgId} AND w.status = 'completed'
          AND w.completed_at >= ${from.toISOString()}::timestamptz AND w.completed_at < ${to.toISOString()}::timestamptz`,
    complaint: sql`SELECT c.id, c.ticket_id, NULL::uuid AS work_order_id, t.assignee_id AS agent_id, u.department_id
        FROM complaints c JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id JOIN users u ON u.org_id = t.org_id AND u.id = t.assignee_id
        WHERE c.org_id = ${orgId} AND c.status = 'closed'
          AND c.closed_at >= ${from.toISOString()}::timestamptz AND c.closed_at < ${to.toISOString()}::timestamptz`,
  }[subject];
  return queryRows<Candidate>(tx, sql`${query} ORDER BY 1`);
}

/** Inspectors (qa.inspect) with their department and how many inspections they have open. */
async function inspectorsOf(tx: Executor, orgId: string) {
  const ids = await usersWithCapability(tx, orgId, "qa.inspect");
  if (!ids.length) return [];
  return queryRows<{ id: string; department_id: string | null; open: number }>(
    tx,
    sql`SELECT u.id, u.department_id,
          (SELECT count(*)::int FROM qa_inspections i WHERE i.org_id = u.org_id AND i.inspector_id = u.id
            AND i.status = 'open') AS open
        FROM users u WHERE u.org_id = ${orgId} AND u.id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
  );
}

/**
 * The inspector for a piece of work: service and supervision on separate lines (C114) — never the
 * person themself nor anyone of their department; the least loaded of the rest.
 */
export function pickInspector(
  inspectors: { id: string; department_id: string | null; open: number }[],
  agent: { agent_id: string; department_id: string | null },
) {
  return (
    inspectors
      .filter((i) => i.id !== agent.agent_id && !(i.department_id && i.department_id === agent.department_id))
      .sort((a, b) => a.open - b.open || a.id.localeCompare(b.id))[0] ?? null
  );
}

/**
 * Draws one plan's period (C109): per person, the `perAgent` pieces of finished work with the lowest
 * HMAC draw under a stored seed — random, and the same seed draws the same again. Each goes to an
 * inspector of another department; once per plan and period.
 */
export async function drawQaPlan(
  db: Db,
  orgId: string,
  planId: string,
  day: string,
  seed = randomBytes(16).toString("hex"),
) {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .select()
      .from(qaPlans)
      .where(and(eq(qaPlans.id, planId), eq(qaPlans.orgId, orgId)));
    if (!plan) throw notFound("QA_PLAN_NOT_FOUND");
    const period = calendarPeriod(plan.cadence, day);
    const [draw] = await tx
      .insert(qaDraws)
      .values({ orgId, planId, period: period.key, seed, perAgent: plan.perAgent, population: 0, drawn: 0 })
      .onConflictDoNothing()
      .returning();
    if (!draw) return null;
    const { timeZone } = await officeCalendar(tx, orgId);
    const pool = await population(
      tx,
      orgId,
      plan.subject,
      startOfLocalDay(period.first, timeZone),
      startOfLocalDay(addDays(period.last, 1), timeZone),
    );
    const byAgent = new Map<string, Candidate[]>();
    for (const c of pool) byAgent.set(c.agent_id, [...(byAgent.get(c.agent_id) ?? []), c]);
    const drawn = [...byAgent.values()].flatMap((items) =>
      items
        .map((c) => ({ c, draw: drawOf(seed, c.id) }))
        .sort((a, b) => a.draw - b.draw)
        .slice(0, plan.perAgent)
        .map((x) => x.c),
    );
    const inspectors = await inspectorsOf(tx, orgId);
    const rows = drawn.map((c) => {
      const inspector = pickInspector(inspectors, c);
      if (inspector) inspector.open++;
      return {
        orgId,
        drawId: draw.id,
        subject: plan.subject,
        ticketId: c.ticket_id,
        workOrderId: c.work_order_id,
        agentId: c.agent_id,
        departmentId: c.department_id,
        inspectorId: inspector?.id ?? null,
        method: plan.method,
        scorecardId: plan.scorecardId,
      };
    });
    for (let i = 0; i < rows.length; i += 1000)
      await tx.insert(qaInspections).values(rows.slice(i, i + 1000));
    await tx
      .update(qaDraws)
      .set({ population: pool.length, drawn: rows.length })
      .where(and(eq(qaDraws.orgId, draw.orgId), eq(qaDraws.id, draw.id)));
    await writeAudit(tx, systemCtx(db, orgId), {
      action: "qa.drawn",
      entityType: "qa_draw",
      entityId: draw.id,
      after: {
        plan: plan.name,
        period: period.key,
        seed,
        perAgent: plan.perAgent,
        population: pool.length,
        drawn: rows.length,
      },
    });
    const given = new Map<string, number>();
    for (const r of rows) if (r.inspectorId) given.set(r.inspectorId, (given.get(r.inspectorId) ?? 0) + 1);
    for (const [userId, count] of given)
      await notifyUsers(tx, orgId, [userId], {
        kind: "qa_assigned",
        params: { count: String(count), plan: plan.name, period: period.key, path: "/quality" },
      });
    const unassigned = rows.filter((r) => !r.inspectorId).length;
    if (unassigned)
      await notifyUsers(tx, orgId, await usersWithCapability(tx, orgId, "qa.manage"), {
        kind: "qa_unassigned",
        params: { count: String(unassigned), plan: plan.name, period: period.key, path: "/quality?tab=all" },
      });
    return { ...draw, population: pool.length, drawn: rows.length };
  });
}

/** Draws a plan's last finished period now (a manager need not wait for the hourly run). */
export async function drawLastPeriod(ctx: Ctx, planId: string) {
  requireCapability(ctx.actor, "qa.manage");
  const { timeZone } = await officeCalendar(ctx.db, ctx.actor.orgId);
  const [plan] = await ctx.db
    .select()
    .from(qaPlans)
    .where(and(eq(qaPlans.id, planId), eq(qaPlans.orgId, ctx.actor.orgId)));
  if (!plan) throw notFound("QA_PLAN_NOT_FOUND");
  const day = lastPeriodDay(plan.cadence, localIsoDate(new Date(), timeZone));
  const draw = await drawQaPlan(ctx.db, ctx.actor.orgId, planId, day);
  if (!draw) throw conflict("QA_ALREADY_DRAWN", { period: calendarPeriod(plan.cadence, day).key });
  return draw;
}

/** A day of the period before the one `today` is in. */
const lastPeriodDay = (cadence: "week" | "month" | "quarter", today: string) =>
  addDays(calendarPeriod(cadence, today).first, -1);

/** An organisation's active plans' last finished periods, each drawn once. */
export async function drawDuePlans(db: Db, orgId: string, now = new Date()) {
  await ensureQaDefaults(db, orgId);
  const { timeZone } = await officeCalendar(db, orgId);
  const today = localIsoDate(now, timeZone);
  const plans = await db
    .select()
    .from(qaPlans)
    .where(and(eq(qaPlans.orgId, orgId), eq(qaPlans.isActive, true)));
  let draws = 0;
  for (const plan of plans)
    if (await drawQaPlan(db, orgId, plan.id, lastPeriodDay(plan.cadence, today))) draws++;
  return draws;
}

/** Every organisation's due draws (the servers may all try: the draw's row decides). */
export async function runQaDraws(db: Db, now = new Date()) {
  let draws = 0;
  for (const { id: orgId } of await db.select({ id: organizations.id }).from(organizations))
    draws += await drawDuePlans(db, orgId, now);
  return draws;
}
