import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import {
  APPRAISAL_KPIS,
  type AppraisalPeriod,
  type AppraisalResult,
  type AppraisalScheme,
  appraisalAppealInput,
  appraisalDecisionInput,
  appraisalSchemeDto,
  type KpiRates,
  openAppraisalInput,
  scoreResultInput,
} from "../../../common/schemas/appraisal";
import { type Executor, queryRows } from "../../db/client";
import { appraisalPeriods, appraisalResults, appraisalSettings } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, notFound } from "../../lib/errors";
import { calendarPeriod, officeCalendar } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { submittedSatisfactionRates } from "../surveys/analysis";
import { kpiCounts, pct, withRates } from "./scorecard";

/**
 * The default 考核方案: satisfaction first (seed 000 公司客服日常管理制度 四.1: 主要以客户满意度、问题解决率、
 * 客户投诉率等指标来评定), the other KPIs after it, 20 points scored by the manager on 服务态度、服务质量、
 * 工作态度与纪律 (seed 001 售后服务考核管理制度 第六条); appeals within 7 days, answered within 7 (C118's
 * blank days).
 */
export const DEFAULT_SCHEME: AppraisalScheme = {
  kpiWeights: {
    satisfactionRate: 30,
    resolutionRate: 15,
    firstResponseRate: 10,
    firstContactRate: 5,
    callbackRate: 5,
    complaintRate: 5,
    qaScore: 10,
  },
  criteria: [
    { id: "attitude", label: "服务态度（沟通能力、服务意识、责任心）", weight: 10 },
    { id: "quality", label: "服务质量", weight: 5 },
    { id: "discipline", label: "工作态度与纪律", weight: 5 },
  ],
  appealDays: 7,
  answerDays: 7,
};

export async function appraisalSchemeOf(db: Executor, orgId: string): Promise<AppraisalScheme> {
  const [row] = await db.select().from(appraisalSettings).where(eq(appraisalSettings.orgId, orgId));
  return row?.scheme ?? DEFAULT_SCHEME;
}

const weightsOf = (s: AppraisalScheme) =>
  Object.values(s.kpiWeights).reduce((sum, w) => sum + (w ?? 0), 0) +
  s.criteria.reduce((sum, c) => sum + c.weight, 0);

export async function updateAppraisalScheme(ctx: Ctx, raw: z.input<typeof appraisalSchemeDto>) {
  requireCapability(ctx.actor, "settings.manage");
  const scheme = appraisalSchemeDto.parse(raw);
  if (weightsOf(scheme) !== 100) throw invalid("APPRAISAL_WEIGHTS_NOT_100", { sum: weightsOf(scheme) });
  return ctx.db.transaction(async (tx) => {
    const before = await appraisalSchemeOf(tx, ctx.actor.orgId);
    const values = { scheme, updatedBy: actorUserId(ctx.actor), updatedAt: new Date() };
    await tx
      .insert(appraisalSettings)
      .values({ orgId: ctx.actor.orgId, ...values })
      .onConflictDoUpdate({ target: appraisalSettings.orgId, set: values });
    await writeAudit(tx, ctx, {
      action: "appraisal.scheme_updated",
      entityType: "appraisal_settings",
      entityId: ctx.actor.orgId,
      before,
      after: scheme,
    });
    return scheme;
  });
}

/** A KPI as the appraisal reads it, 0–1 with higher better: fewer complaints score more. */
const kpiValue = (kpi: (typeof APPRAISAL_KPIS)[number], rates: KpiRates) => {
  const v = rates[kpi];
  return v === null ? null : kpi === "complaintRate" ? Math.max(0, 1 - v) : v;
};

/**
 * The appraisal score, 0–100 (C115, C116): the weighted mean of the KPIs the period has figures for
 * (one with nothing to measure — no callbacks due, no inspection — leaves the others to carry its
 * weight) and of the manager's criteria; null until every criterion is scored.
 */
export function appraisalScore(scheme: AppraisalScheme, rates: KpiRates, manual: Record<string, number>) {
  if (scheme.criteria.some((c) => manual[c.id] === undefined)) return null;
  let points = 0;
  let weights = 0;
  for (const kpi of APPRAISAL_KPIS) {
    const w = scheme.kpiWeights[kpi] ?? 0;
    const v = kpiValue(kpi, rates);
    if (!w || v === null) continue;
    points += w * v * 100;
    weights += w;
  }
  for (const c of scheme.criteria) {
    points += c.weight * manual[c.id];
    weights += c.weight;
  }
  return weights ? Math.round((points / weights) * 10) / 10 : null;
}

const clamp = (n: number) => Math.min(100, Math.max(0, Math.round(n * 10) / 10));
const finalOf = (computed: number | null, adjustment: number) =>
  computed === null ? null : clamp(computed + adjustment);

/**
 * The KPIs of everyone who handles tickets over a period's days. A quarter's satisfaction rates are
 * the quarter's satisfaction analysis's once QA has submitted it (C098: due by the 30th of the
 * quarter's last month, and used in that quarter's appraisal); until then, the data's.
 */
async function periodKpis(
  tx: Executor,
  orgId: string,
  period: { cadence: AppraisalPeriod["cadence"]; key: string; first: string; last: string },
) {
  const { first, last } = period;
  const submitted =
    period.cadence === "quarter" ? await submittedSatisfactionRates(tx, orgId, period.key) : null;
  const { timeZone } = await officeCalendar(tx, orgId);
  const { people, counts } = await kpiCounts(tx, orgId, {
    from: startOfLocalDay(first, timeZone),
    to: startOfLocalDay(addDays(last, 1), timeZone),
    firstDay: first,
    lastDay: last,
  });
  const rows = people.map((p) => {
    const r = withRates(counts.get(p.id)!);
    const kpis = Object.fromEntries(
      APPRAISAL_KPIS.map((k) => [k, k === "qaScore" ? (r.qaScore === null ? null : r.qaScore / 100) : r[k]]),
    ) as KpiRates;
    if (submitted) kpis.satisfactionRate = submitted.get(p.id) ?? null;
    return { userId: p.id, departmentId: p.department_id, kpis };
  });
  return { people: rows, satisfactionFrom: submitted ? ("analysis" as const) : ("data" as const) };
}

/**
 * Opens a period's appraisal (C117): everyone who handles tickets, with the period's KPIs computed,
 * on the scheme of today (kept with the period). A draft until published.
 */
export async function openAppraisal(ctx: Ctx, raw: z.input<typeof openAppraisalInput>) {
  requireCapability(ctx.actor, "appraisal.manage");
  const input = openAppraisalInput.parse(raw);
  const period = calendarPeriod(input.cadence, input.day);
  const { timeZone } = await officeCalendar(ctx.db, ctx.actor.orgId);
  if (period.first > localIsoDate(new Date(), timeZone)) throw invalid("APPRAISAL_PERIOD_FUTURE");
  return ctx.db.transaction(async (tx) => {
    const orgId = ctx.actor.orgId;
    const scheme = await appraisalSchemeOf(tx, orgId);
    const { people, satisfactionFrom } = await periodKpis(tx, orgId, { cadence: input.cadence, ...period });
    const [created] = await tx
      .insert(appraisalPeriods)
      .values({
        orgId,
        cadence: input.cadence,
        period: period.key,
        startsOn: period.first,
        endsOn: period.last,
        scheme,
        satisfactionFrom,
        createdBy: actorUserId(ctx.actor),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict("APPRAISAL_EXISTS", { period: period.key });
    if (people.length)
      await tx.insert(appraisalResults).values(
        people.map((p) => {
          const computed = appraisalScore(scheme, p.kpis, {});
          return { orgId, periodId: created.id, ...p, computed, final: finalOf(computed, 0) };
        }),
      );
    await writeAudit(tx, ctx, {
      action: "appraisal.opened",
      entityType: "appraisal_period",
      entityId: created.id,
      after: { period: period.key, people: people.length, scheme, satisfactionFrom },
    });
    return created;
  });
}

async function loadPeriod(tx: Executor, ctx: Ctx, id: string) {
  const [p] = await tx
    .select()
    .from(appraisalPeriods)
    .where(and(eq(appraisalPeriods.id, id), eq(appraisalPeriods.orgId, ctx.actor.orgId)));
  if (!p) throw notFound("APPRAISAL_NOT_FOUND");
  return p;
}

/** A draft's KPIs computed again (data came in late): the manager's scores and adjustments stay. */
export async function recalculateAppraisal(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "appraisal.manage");
  return ctx.db.transaction(async (tx) => {
    const p = await loadPeriod(tx, ctx, id);
    if (p.status !== "draft") throw conflict("APPRAISAL_PUBLISHED");
    const existing = await tx
      .select()
      .from(appraisalResults)
      .where(and(eq(appraisalResults.orgId, p.orgId), eq(appraisalResults.periodId, id)));
    const { people, satisfactionFrom } = await periodKpis(tx, ctx.actor.orgId, {
      cadence: p.cadence,
      key: p.period,
      first: p.startsOn,
      last: p.endsOn,
    });
    await tx
      .update(appraisalPeriods)
      .set({ satisfactionFrom })
      .where(and(eq(appraisalPeriods.orgId, ctx.actor.orgId), eq(appraisalPeriods.id, id)));
    for (const person of people) {
      const had = existing.find((r) => r.userId === person.userId);
      const computed = appraisalScore(p.scheme, person.kpis, had?.manual ?? {});
      const values = { kpis: person.kpis, computed, final: finalOf(computed, had?.adjustment ?? 0) };
      if (had)
        await tx
          .update(appraisalResults)
          .set(values)
          .where(and(eq(appraisalResults.orgId, had.orgId), eq(appraisalResults.id, had.id)));
      else
        await tx.insert(appraisalResults).values({
          orgId: ctx.actor.orgId,
          periodId: id,
          userId: person.userId,
          departmentId: person.departmentId,
          ...values,
        });
    }
    await writeAudit(tx, ctx, {
      action: "appraisal.recalculated",
      entityType: "appraisal_period",
      entityId: id,
      after: { satisfactionFrom },
    });
    return p;
  });
}

export async function listAppraisals(ctx: Ctx): Promise<AppraisalPeriod[]> {
  requireCapability(ctx.actor, "appraisal.manage");
  const rows = await queryRows<AppraisalPeriod & { createdAt: Date; publishedAt: Date | null }>(
    ctx.db,
    sql`SELECT p.id, p.cadence, p.period, p.status, p.scheme, p.satisfaction_from AS "satisfactionFrom",
          p.created_at AS "createdAt", p.published_at AS "publishedAt",
          count(r.id)::int AS people, count(r.computed)::int AS scored,
          count(r.appealed_at) FILTER (WHERE r.decided_at IS NULL)::int AS appeals
        FROM appraisal_periods p LEFT JOIN appraisal_results r ON r.org_id = p.org_id AND r.period_id = p.id
        WHERE p.org_id = ${ctx.actor.orgId}
        GROUP BY p.org_id, p.id ORDER BY p.created_at DESC`,
  );
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
  }));
}

type ResultRow = typeof appraisalResults.$inferSelect & {
  name: string;
  department: string | null;
  period: string;
  status: string;
  published_at: Date | null;
  appeal_days: number;
};

async function resultRows(db: Executor, orgId: string, where: ReturnType<typeof sql>) {
  return queryRows<ResultRow>(
    db,
    sql`SELECT r.id, r.period_id AS "periodId", r.user_id AS "userId", r.kpis, r.manual, r.computed, r.adjustment,
          r.adjustment_reason AS "adjustmentReason", r.final, r.appeal_reason AS "appealReason",
          r.appealed_at AS "appealedAt", r.answer_due_on::text AS "answerDueOn", r.decision,
          r.decision_note AS "decisionNote", r.decided_at AS "decidedAt",
          u.display_name AS name, d.name AS department, p.period, p.status, p.published_at,
          (p.scheme->>'appealDays')::int AS appeal_days
        FROM appraisal_results r JOIN appraisal_periods p ON p.org_id = r.org_id AND p.id = r.period_id
        JOIN users u ON u.org_id = r.org_id AND u.id = r.user_id LEFT JOIN departments d ON d.org_id = r.org_id AND d.id = r.department_id
        WHERE r.org_id = ${orgId} AND ${where}
        ORDER BY p.created_at DESC, r.final DESC NULLS LAST, u.display_name`,
  );
}

/** The last moment an appeal can be made: so many days after publication. */
const appealBy = (r: ResultRow) =>
  r.published_at ? new Date(new Date(r.published_at).getTime() + r.appeal_days * 86_400_000) : null;

function present(ctx: Ctx, r: ResultRow): AppraisalResult {
  const me = actorUserId(ctx.actor);
  const until = appealBy(r);
  return {
    id: r.id,
    periodId: r.periodId,
    period: r.period,
    userId: r.userId,
    name: r.name,
    department: r.department,
    kpis: r.kpis,
    manual: r.manual,
    computed: r.computed,
    adjustment: r.adjustment,
    adjustmentReason: r.adjustmentReason,
    final: r.final,
    appealReason: r.appealReason,
    appealedAt: r.appealedAt ? new Date(r.appealedAt).toISOString() : null,
    answerDueOn: r.answerDueOn,
    decision: r.decision,
    decisionNote: r.decisionNote,
    appealBy: until?.toISOString() ?? null,
    may: {
      score: r.status === "draft" && can(ctx.actor, "appraisal.manage") && me !== r.userId,
      appeal:
        r.status === "published" && me === r.userId && !r.appealedAt && Boolean(until && until > new Date()),
      decide: Boolean(r.appealedAt) && !r.decidedAt && can(ctx.actor, "appraisal.manage") && me !== r.userId,
    },
  };
}

export async function appraisalResultsOf(ctx: Ctx, periodId: string) {
  requireCapability(ctx.actor, "appraisal.manage");
  const period = await loadPeriod(ctx.db, ctx, periodId);
  const rows = await resultRows(ctx.db, ctx.actor.orgId, sql`r.period_id = ${periodId}`);
  return {
    period: {
      id: period.id,
      period: period.period,
      cadence: period.cadence,
      status: period.status,
      scheme: period.scheme,
      satisfactionFrom: period.satisfactionFrom,
    },
    results: rows.map((r) => present(ctx, r)),
  };
}

/** 我的考核: one's published results. */
export async function myAppraisals(ctx: Ctx) {
  const me = actorUserId(ctx.actor);
  if (!me) throw new AppError("FORBIDDEN", 403, { capability: "appraisal.manage" });
  const rows = await resultRows(ctx.db, ctx.actor.orgId, sql`r.user_id = ${me} AND p.status = 'published'`);
  return rows.map((r) => present(ctx, r));
}

async function loadResult(tx: Executor, ctx: Ctx, id: string) {
  const [row] = await tx
    .select({ result: appraisalResults, period: appraisalPeriods })
    .from(appraisalResults)
    .innerJoin(
      appraisalPeriods,
      and(
        eq(appraisalPeriods.orgId, appraisalResults.orgId),
        eq(appraisalPeriods.id, appraisalResults.periodId),
      ),
    )
    .where(and(eq(appraisalResults.id, id), eq(appraisalResults.orgId, ctx.actor.orgId)))
    .for("update", { of: appraisalResults });
  if (!row) throw notFound("APPRAISAL_NOT_FOUND");
  return row;
}

/**
 * The manager scores the criteria of the rubric (C116) and may adjust the total, with the reason
 * (C117); nobody scores their own.
 */
export async function scoreAppraisal(ctx: Ctx, id: string, raw: z.input<typeof scoreResultInput>) {
  requireCapability(ctx.actor, "appraisal.manage");
  const input = scoreResultInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { result, period } = await loadResult(tx, ctx, id);
    if (period.status !== "draft") throw conflict("APPRAISAL_PUBLISHED");
    if (result.userId === actorUserId(ctx.actor)) throw conflict("APPRAISAL_OWN");
    if (input.adjustment !== 0 && !input.adjustmentReason) throw invalid("APPRAISAL_ADJUSTMENT_REASON");
    const manual = Object.fromEntries(
      period.scheme.criteria
        .filter((c) => input.manual[c.id] !== undefined)
        .map((c) => [c.id, input.manual[c.id]]),
    );
    const computed = appraisalScore(period.scheme, result.kpis, manual);
    const [saved] = await tx
      .update(appraisalResults)
      .set({
        manual,
        computed,
        adjustment: input.adjustment,
        adjustmentReason: input.adjustment ? input.adjustmentReason : null,
        adjustedBy: input.adjustment ? actorUserId(ctx.actor) : null,
        final: finalOf(computed, input.adjustment),
      })
      .where(and(eq(appraisalResults.orgId, ctx.actor.orgId), eq(appraisalResults.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "appraisal.scored",
      entityType: "appraisal_result",
      entityId: id,
      before: { manual: result.manual, adjustment: result.adjustment, final: result.final },
      after: { manual, adjustment: input.adjustment, reason: input.adjustmentReason, final: saved.final },
    });
    return saved;
  });
}

/** 公示 (C117): once everyone is scored, the results are published and each person told. */
export async function publishAppraisal(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "appraisal.manage");
  return ctx.db.transaction(async (tx) => {
    const period = await loadPeriod(tx, ctx, id);
    if (period.status !== "draft") throw conflict("APPRAISAL_PUBLISHED");
    const unscored = await queryRows<{ name: string }>(
      tx,
      sql`SELECT u.display_name AS name FROM appraisal_results r JOIN users u ON u.org_id = r.org_id AND u.id = r.user_id
          WHERE r.org_id = ${period.orgId} AND r.period_id = ${id} AND r.computed IS NULL ORDER BY u.display_name`,
    );
    if (unscored.length)
      throw invalid("APPRAISAL_UNSCORED", { names: unscored.map((u) => u.name).join("、") });
    const [published] = await tx
      .update(appraisalPeriods)
      .set({ status: "published", publishedBy: actorUserId(ctx.actor), publishedAt: new Date() })
      .where(and(eq(appraisalPeriods.orgId, ctx.actor.orgId), eq(appraisalPeriods.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "appraisal.published",
      entityType: "appraisal_period",
      entityId: id,
      after: { period: period.period },
    });
    const people = await tx
      .select({ userId: appraisalResults.userId })
      .from(appraisalResults)
      .where(and(eq(appraisalResults.orgId, ctx.actor.orgId), eq(appraisalResults.periodId, id)));
    await notifyUsers(
      tx,
      ctx.actor.orgId,
      people.map((p) => p.userId),
      {
        kind: "appraisal_published",
        params: {
          period: period.period,
          days: String(period.scheme.appealDays),
          path: "/appraisals?tab=mine",
        },
      },
    );
    return published;
  });
}

/** 申诉 (C118): the person, within the scheme's days of publication, once; the answer is due in its days. */
export async function appealAppraisal(ctx: Ctx, id: string, raw: z.input<typeof appraisalAppealInput>) {
  const input = appraisalAppealInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { result, period } = await loadResult(tx, ctx, id);
    if (result.userId !== actorUserId(ctx.actor) || period.status !== "published" || result.appealedAt)
      throw conflict("APPRAISAL_APPEAL_NOT_ALLOWED");
    const until = new Date(period.publishedAt!.getTime() + period.scheme.appealDays * 86_400_000);
    if (until <= new Date())
      throw conflict("APPRAISAL_APPEAL_CLOSED", { until: until.toISOString().slice(0, 10) });
    const { timeZone } = await officeCalendar(tx, ctx.actor.orgId);
    const answerDueOn = addDays(localIsoDate(new Date(), timeZone), period.scheme.answerDays);
    const [saved] = await tx
      .update(appraisalResults)
      .set({ appealReason: input.reason, appealedAt: new Date(), answerDueOn })
      .where(and(eq(appraisalResults.orgId, ctx.actor.orgId), eq(appraisalResults.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "appraisal.appealed",
      entityType: "appraisal_result",
      entityId: id,
      after: { reason: input.reason, answerDueOn },
    });
    await notifyUsers(
      tx,
      ctx.actor.orgId,
      (await usersWithCapability(tx, ctx.actor.orgId, "appraisal.manage")).filter((u) => u !== result.userId),
      {
        kind: "appraisal_appealed",
        params: {
          name: ctx.actor.name,
          period: period.period,
          dueOn: answerDueOn,
          path: `/appraisals/${period.id}`,
        },
      },
    );
    return saved;
  });
}

/** The answer to an appeal, recorded (C118): the result stands or is revised. */
export async function decideAppraisalAppeal(
  ctx: Ctx,
  id: string,
  raw: z.input<typeof appraisalDecisionInput>,
) {
  requireCapability(ctx.actor, "appraisal.manage");
  const input = appraisalDecisionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { result, period } = await loadResult(tx, ctx, id);
    if (!result.appealedAt || result.decidedAt || result.userId === actorUserId(ctx.actor))
      throw conflict("APPRAISAL_APPEAL_NOT_PENDING");
    if (input.decision === "revised" && input.final === undefined)
      throw invalid("APPRAISAL_REVISED_FINAL_REQUIRED");
    const final = input.decision === "revised" ? clamp(input.final!) : result.final;
    const [saved] = await tx
      .update(appraisalResults)
      .set({
        decision: input.decision,
        decisionNote: input.note,
        decidedBy: actorUserId(ctx.actor),
        decidedAt: new Date(),
        final,
      })
      .where(and(eq(appraisalResults.orgId, ctx.actor.orgId), eq(appraisalResults.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "appraisal.appeal_decided",
      entityType: "appraisal_result",
      entityId: id,
      before: { final: result.final },
      after: { decision: input.decision, note: input.note, final },
    });
    await notifyUsers(tx, ctx.actor.orgId, [result.userId], {
      kind: `appraisal_${input.decision}`,
      params: { period: period.period, final: String(final), path: "/appraisals?tab=mine" },
    });
    return saved;
  });
}

/** The results as a spreadsheet for pay and promotion decisions (C117), audited like every export. */
export async function exportAppraisal(ctx: Ctx, id: string) {
  const { period, results } = await appraisalResultsOf(ctx, id);
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    `考核 ${period.period}`,
    [
      { header: "姓名", key: "name", width: 12 },
      { header: "部门", key: "department", width: 14 },
      { header: "满意率", key: "satisfactionRate", width: 10 },
      { header: "解决率", key: "resolutionRate", width: 10 },
      { header: "首次响应达标率", key: "firstResponseRate", width: 14 },
      { header: "一次解决率", key: "firstContactRate", width: 12 },
      { header: "回访完成率", key: "callbackRate", width: 12 },
      { header: "投诉率", key: "complaintRate", width: 10 },
      { header: "质检得分", key: "qaScore", width: 10 },
      ...period.scheme.criteria.map((c) => ({ header: c.label, key: `c_${c.id}`, width: 14 })),
      { header: "计算得分", key: "computed", width: 10 },
      { header: "调整", key: "adjustment", width: 8 },
      { header: "调整理由", key: "adjustmentReason", width: 24 },
      { header: "最终得分", key: "final", width: 10 },
      { header: "申诉", key: "appeal", width: 30 },
    ],
    results.map((r) => ({
      name: r.name,
      department: r.department ?? "",
      ...Object.fromEntries(APPRAISAL_KPIS.map((k) => [k, pct(r.kpis[k])])),
      ...Object.fromEntries(period.scheme.criteria.map((c) => [`c_${c.id}`, r.manual[c.id] ?? "—"])),
      computed: r.computed ?? "—",
      adjustment: r.adjustment,
      adjustmentReason: r.adjustmentReason ?? "",
      final: r.final ?? "—",
      appeal: r.appealReason
        ? `${r.appealReason}${r.decision ? ` → ${r.decision === "upheld" ? "维持" : "改判"}：${r.decisionNote}` : ""}`
        : "",
    })),
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "appraisal.exported",
      entityType: "appraisal_period",
      entityId: id,
      after: { period: period.period },
    }),
  );
  return { name: `考核结果-${period.period}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
