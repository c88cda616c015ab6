import { createHmac, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { localIsoDate, nextWorkingDay, startOfLocalDay } from "../../../common/business-time";
import { PRIORITIES, type Priority } from "../../../common/enums";
import { addDays } from "../../../common/field-service";
import type { CallbackSampleReport } from "../../../common/schemas/callbacks";
import { type Db, type Executor, queryRows } from "../../db/client";
import { callbackSamples, callbackTasks, organizations } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { monthRange, officeCalendar } from "../../lib/periods";
import { usersWithCapability, usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { surveySettingsOf } from "../surveys/settings";

/** How often every server looks for a day to draw. */
export const CALLBACK_SAMPLE_MS = 10 * 60_000;

/**
 * A ticket's draw in [0, 1): the HMAC-SHA256 of its id keyed by the sample's seed. The same seed
 * always gives the same draw, so a stored sample can be drawn again and checked (C086).
 */
export function drawOf(seed: string, ticketId: string): number {
  return createHmac("sha256", seed).update(ticketId).digest().readUIntBE(0, 6) / 2 ** 48;
}

export const isDrawn = (
  seed: string,
  rates: Record<Priority, number>,
  t: { id: string; priority: Priority },
) => drawOf(seed, t.id) < rates[t.priority];

/** The tickets resolved on a local day and not reopened since: whom a sample draws from. */
export async function resolvedOn(tx: Executor, orgId: string, day: string, timeZone: string) {
  return queryRows<{ id: string; priority: Priority }>(
    tx,
    sql`SELECT id, priority FROM tickets
        WHERE org_id = ${orgId} AND channel <> 'internal'
          AND status IN ('resolved', 'callback_done', 'closed')
          AND resolved_at >= ${startOfLocalDay(day, timeZone).toISOString()}::timestamptz
          AND resolved_at < ${startOfLocalDay(addDays(day, 1), timeZone).toISOString()}::timestamptz
        ORDER BY resolved_at, id`,
  );
}

/** A list as one PostgreSQL array literal: one parameter however long it is. */
const pgArray = (ids: string[]) => `{${ids.join(",")}}`;

/** Everybody who had a hand in each ticket: whoever wrote on it, owned it, or was sent on site. */
export async function handlersOf(tx: Executor, orgId: string, ticketIds: string[]) {
  const ids = pgArray(ticketIds);
  const rows = await queryRows<{ ticket_id: string; user_id: string }>(
    tx,
    sql`SELECT ticket_id, actor_id AS user_id FROM ticket_events
          WHERE org_id = ${orgId} AND ticket_id = ANY(${ids}::uuid[]) AND actor_type = 'user' AND actor_id IS NOT NULL
        UNION SELECT id, unnest(ARRAY[first_responder_id, assignee_id]) FROM tickets
          WHERE org_id = ${orgId} AND id = ANY(${ids}::uuid[])
        UNION SELECT ticket_id, engineer_id FROM work_orders WHERE org_id = ${orgId} AND ticket_id = ANY(${ids}::uuid[])`,
  );
  const byTicket = new Map<string, Set<string>>();
  for (const r of rows.filter((r) => r.user_id))
    byTicket.set(r.ticket_id, (byTicket.get(r.ticket_id) ?? new Set()).add(r.user_id));
  return byTicket;
}

/**
 * Draws one local day's resolved tickets for satisfaction callbacks by priority (C086; seed 002
 * §4.2: P1 80%, P2 50%, P3 20%, P4 5%) and gives each to the QA callback desk (`survey.callback`),
 * never to someone who handled the case (C087) — in the order they were resolved, each to the least
 * loaded agent then; due the next working day.
 * Once per day: the seed and the rates are stored with the sample and audited.
 */
export async function drawCallbackSample(
  db: Db,
  orgId: string,
  day: string,
  seed = randomBytes(16).toString("hex"),
) {
  return db.transaction(async (tx) => {
    const { samplingRates: rates } = await surveySettingsOf(tx, orgId);
    const [sample] = await tx
      .insert(callbackSamples)
      .values({ orgId, day, seed, rates, population: 0, drawn: 0 })
      .onConflictDoNothing()
      .returning();
    if (!sample) return null;
    const calendar = await officeCalendar(tx, orgId);
    const population = await resolvedOn(tx, orgId, day, calendar.timeZone);
    const drawn = population.filter((t) => isDrawn(seed, rates, t));
    const dueOn = nextWorkingDay(calendar, startOfLocalDay(day, calendar.timeZone));
    const desk = await usersWithCapability(tx, orgId, "survey.callback");
    const load = new Map(desk.map((id) => [id, 0]));
    for (const r of await queryRows<{ assignee_id: string; n: number }>(
      tx,
      sql`SELECT assignee_id, count(*)::int AS n FROM callback_tasks
          WHERE org_id = ${orgId} AND status = 'open' AND assignee_id = ANY(${pgArray(desk)}::uuid[]) GROUP BY 1`,
    ))
      load.set(r.assignee_id, r.n);
    const handlers = drawn.length
      ? await handlersOf(
          tx,
          orgId,
          drawn.map((t) => t.id),
        )
      : new Map();
    const tasks = drawn.map((t) => {
      const excluded = handlers.get(t.id) ?? new Set<string>();
      const assigneeId =
        desk
          .filter((id) => !excluded.has(id))
          .sort((a, b) => load.get(a)! - load.get(b)! || a.localeCompare(b))[0] ?? null;
      if (assigneeId) load.set(assigneeId, load.get(assigneeId)! + 1);
      return { orgId, ticketId: t.id, assigneeId, dueOn, reason: "satisfaction_sample", sampleId: sample.id };
    });
    for (let i = 0; i < tasks.length; i += 1000)
      await tx.insert(callbackTasks).values(tasks.slice(i, i + 1000));
    await tx
      .update(callbackSamples)
      .set({ population: population.length, drawn: drawn.length })
      .where(and(eq(callbackSamples.orgId, orgId), eq(callbackSamples.id, sample.id)));
    await writeAudit(tx, systemCtx(db, orgId), {
      action: "callback.sampled",
      entityType: "callback_sample",
      entityId: sample.id,
      after: { day, seed, rates, population: population.length, drawn: drawn.length },
    });
    const given = new Map<string, number>();
    for (const t of tasks) if (t.assigneeId) given.set(t.assigneeId, (given.get(t.assigneeId) ?? 0) + 1);
    for (const [userId, count] of given)
      await notifyUsers(tx, orgId, [userId], {
        kind: "callback_sample",
        params: { count: String(count), dueOn },
      });
    const unassigned = tasks.filter((t) => !t.assigneeId).length;
    if (unassigned)
      await notifyUsers(tx, orgId, await usersWithRole(tx, orgId, ["supervisor", "manager"]), {
        kind: "callback_unassigned",
        params: { count: String(unassigned), dueOn },
      });
    return { ...sample, population: population.length, drawn: drawn.length };
  });
}

/** Every organisation's yesterday, drawn once (the servers may all try: the day's row decides). */
export async function runCallbackSampling(db: Db, now = new Date()) {
  let samples = 0;
  for (const { id } of await db.select({ id: organizations.id }).from(organizations)) {
    const { timeZone } = await officeCalendar(db, id);
    if (await drawCallbackSample(db, id, addDays(localIsoDate(now, timeZone), -1))) samples++;
  }
  return samples;
}

/** The month's draws and, per priority, how many resolved tickets were called back against the rate (C086). */
export async function callbackSampleReport(ctx: Ctx, month: string): Promise<CallbackSampleReport> {
  requireCapability(ctx.actor, "report.view");
  const { from, to } = await monthRange(ctx, month);
  const orgId = ctx.actor.orgId;
  const samples = await queryRows<CallbackSampleReport["samples"][number]>(
    ctx.db,
    sql`SELECT s.id, s.day::text AS day, s.seed, s.rates, s.population, s.drawn,
          count(t.id) FILTER (WHERE t.status = 'done')::int AS called,
          count(t.id) FILTER (WHERE t.status = 'unreachable')::int AS unreachable,
          count(t.id) FILTER (WHERE t.satisfied = false)::int AS unsatisfied
        FROM callback_samples s LEFT JOIN callback_tasks t ON t.org_id = s.org_id AND t.sample_id = s.id
        WHERE s.org_id = ${orgId} AND s.kind = 'tickets' AND s.day >= ${`${month}-01`}::date
          AND s.day < (${`${month}-01`}::date + interval '1 month')
        GROUP BY s.org_id, s.id ORDER BY s.day DESC`,
  );
  const counts = await queryRows<{ priority: Priority; resolved: number; drawn: number; called: number }>(
    ctx.db,
    sql`SELECT t.priority, count(DISTINCT t.id)::int AS resolved, count(c.id)::int AS drawn,
          count(c.id) FILTER (WHERE c.status = 'done')::int AS called
        FROM tickets t
        LEFT JOIN callback_tasks c ON c.org_id = t.org_id AND c.ticket_id = t.id AND c.reason = 'satisfaction_sample'
        WHERE t.org_id = ${orgId} AND t.channel <> 'internal' AND t.status IN ('resolved', 'callback_done', 'closed')
          AND t.resolved_at >= ${from.toISOString()}::timestamptz AND t.resolved_at < ${to.toISOString()}::timestamptz
        GROUP BY 1`,
  );
  const { samplingRates } = await surveySettingsOf(ctx.db, orgId);
  return {
    month,
    samples,
    byPriority: PRIORITIES.map((priority) => {
      const c = counts.find((r) => r.priority === priority) ?? { resolved: 0, drawn: 0, called: 0 };
      return {
        priority,
        resolved: c.resolved,
        drawn: c.drawn,
        called: c.called,
        attained: c.resolved ? c.called / c.resolved : null,
        target: samplingRates[priority],
      };
    }),
  };
}
