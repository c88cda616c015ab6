import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { fenToYuan, formatShare } from "../../../common/format";
import { WORK_ORDER_KIND_LABELS } from "../../../common/labels";
import { reportPeriodQuery } from "../../../common/schemas/field-service";
import { queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { calendarPeriod, orgTimeZone, weekStart } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";

/**
 * A condition on a work order (aliased `w`): it fixed the matter the first time — no repeat visit
 * followed it and nothing was taken back for repair (C074).
 */
export const FIXED_FIRST_TIME = sql`NOT EXISTS (SELECT 1 FROM work_orders r WHERE r.previous_work_order_id = w.id)
  AND NOT EXISTS (SELECT 1 FROM repair_returns x WHERE x.work_order_id = w.id)`;

type Punctuality = { arrived: number; on_time: number; late: number; no_shows: number; violations: number };
const NO_PUNCTUALITY: Punctuality = { arrived: 0, on_time: 0, late: 0, no_shows: 0, violations: 0 };
const punctualityOf = (p: Punctuality) => ({
  appointments: p.arrived + p.no_shows,
  arrived: p.arrived,
  onTime: p.on_time,
  late: p.late,
  noShows: p.no_shows,
  violations: p.violations,
});

type Summary = {
  created: number;
  completed: number;
  first_time_fixed: number;
  repeat_visits: number;
  taken_back: number;
  with_target: number;
  on_target: number;
  avg_arrive_hours: number | null;
  avg_repair_hours: number | null;
  revenue_fen: number;
  confirmed_fen: number;
};

/**
 * 售后服务周报 and the monthly after-sales statistics (C074, SPEC M5): the period's work orders (in the
 * organisation's time zone) — created, completed, fixed the first time (no repeat visit, nothing taken
 * back), repeat visits, appointments kept on time, late or missed and the violations among them
 * (C069), hours from dispatch to arrival and from arrival to completion, chargeable revenue and what
 * finance confirmed; completions per day and per kind, per engineer, the parts used, the technical
 * problems engineers flagged for the weekly technical meeting, and the engineers' weekly summaries.
 */
export async function fieldServiceReport(ctx: Ctx, raw: z.input<typeof reportPeriodQuery>) {
  requireCapability(ctx.actor, "report.view");
  const query = reportPeriodQuery.parse(raw);
  const { first, last } = calendarPeriod(query.period, query.day);
  const timeZone = await orgTimeZone(ctx);
  const from = startOfLocalDay(first, timeZone).toISOString();
  const to = startOfLocalDay(addDays(last, 1), timeZone).toISOString();
  const orgId = ctx.actor.orgId;
  const inWeek = (column: string) => {
    const c = sql.raw(`w.${column}`);
    return sql`${c} >= ${from}::timestamptz AND ${c} < ${to}::timestamptz`;
  };
  const completedInWeek = sql`w.org_id = ${orgId} AND ${inWeek("completed_at")}`;
  const recordedInPeriod = sql`a.org_id = ${orgId} AND a.recorded_at >= ${from}::timestamptz AND a.recorded_at < ${to}::timestamptz`;

  const [summary] = await queryRows<Summary>(
    ctx.db,
    sql`SELECT
      count(*) FILTER (WHERE ${inWeek("created_at")})::int AS created,
      count(*) FILTER (WHERE ${inWeek("completed_at")})::int AS completed,
      count(*) FILTER (WHERE ${inWeek("completed_at")} AND ${FIXED_FIRST_TIME})::int AS first_time_fixed,
      count(*) FILTER (WHERE ${inWeek("created_at")} AND w.previous_work_order_id IS NOT NULL)::int AS repeat_visits,
      count(*) FILTER (WHERE ${inWeek("completed_at")} AND w.complete_by IS NOT NULL)::int AS with_target,
      count(*) FILTER (WHERE ${inWeek("completed_at")} AND w.completed_at <= w.complete_by)::int AS on_target,
      (SELECT count(*)::int FROM repair_returns x WHERE x.org_id = ${orgId}
        AND x.received_at >= ${from}::timestamptz AND x.received_at < ${to}::timestamptz) AS taken_back,
      round((avg(extract(epoch FROM w.arrived_at - w.dispatched_at)) FILTER (WHERE ${inWeek("arrived_at")}) / 3600)::numeric, 1)::float AS avg_arrive_hours,
      round((avg(extract(epoch FROM w.completed_at - w.arrived_at)) FILTER (WHERE ${inWeek("completed_at")}) / 3600)::numeric, 1)::float AS avg_repair_hours,
      coalesce(sum(w.labour_fen + w.travel_fen + w.parts_fen) FILTER (WHERE ${inWeek("completed_at")} AND w.chargeable), 0)::bigint AS revenue_fen,
      coalesce(sum(w.labour_fen + w.travel_fen + w.parts_fen) FILTER (WHERE ${inWeek("settled_at")} AND w.settlement_status = 'confirmed'), 0)::bigint AS confirmed_fen
    FROM work_orders w WHERE w.org_id = ${orgId}`,
  );
  // Repair requests resolved in the period: by phone or remotely, or on site (C065).
  const [resolved] = await queryRows<{ remote: number; on_site: number }>(
    ctx.db,
    sql`SELECT count(*) FILTER (WHERE t.resolution_mode = 'remote')::int AS remote,
          count(*) FILTER (WHERE t.resolution_mode = 'on_site')::int AS on_site
        FROM tickets t WHERE t.org_id = ${orgId} AND t.type = 'repair'
          AND t.resolved_at >= ${from}::timestamptz AND t.resolved_at < ${to}::timestamptz`,
  );
  const punctuality = await queryRows<Punctuality & { engineer_id: string; engineer: string }>(
    ctx.db,
    sql`SELECT a.engineer_id, u.display_name AS engineer,
          count(*) FILTER (WHERE a.outcome <> 'no_show')::int AS arrived,
          count(*) FILTER (WHERE a.outcome = 'on_time')::int AS on_time,
          count(*) FILTER (WHERE a.outcome = 'late')::int AS late,
          count(*) FILTER (WHERE a.outcome = 'no_show')::int AS no_shows,
          count(*) FILTER (WHERE a.violation)::int AS violations
        FROM arrival_records a JOIN users u ON u.org_id = a.org_id AND u.id = a.engineer_id
        WHERE ${recordedInPeriod} GROUP BY a.engineer_id, u.display_name`,
  );
  const byDay = await queryRows<{ day: string; completed: number }>(
    ctx.db,
    sql`SELECT to_char(w.completed_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(*)::int AS completed
        FROM work_orders w WHERE ${completedInWeek} GROUP BY 1`,
  );
  const byKind = await queryRows<{ kind: keyof typeof WORK_ORDER_KIND_LABELS; completed: number }>(
    ctx.db,
    sql`SELECT w.kind, count(*)::int AS completed FROM work_orders w WHERE ${completedInWeek} GROUP BY 1 ORDER BY 2 DESC`,
  );
  const completions = await queryRows<{
    engineer_id: string;
    engineer: string;
    completed: number;
    avg_repair_hours: number | null;
  }>(
    ctx.db,
    sql`SELECT u.id AS engineer_id, u.display_name AS engineer, count(*)::int AS completed,
          round((avg(extract(epoch FROM w.completed_at - w.arrived_at)) / 3600)::numeric, 1)::float AS avg_repair_hours
        FROM work_orders w JOIN users u ON u.org_id = w.org_id AND u.id = w.engineer_id
        WHERE ${completedInWeek} GROUP BY u.id, u.display_name`,
  );
  const summaries = await queryRows<{
    engineer_id: string;
    engineer: string;
    week_start: string;
    work_done: string;
    problems: string | null;
    next_week: string | null;
  }>(
    ctx.db,
    sql`SELECT s.engineer_id, u.display_name AS engineer, s.week_start::text, s.work_done, s.problems, s.next_week
        FROM engineer_week_summaries s JOIN users u ON u.org_id = s.org_id AND u.id = s.engineer_id
        WHERE s.org_id = ${orgId} AND s.week_start >= ${weekStart(first)}::date AND s.week_start <= ${last}::date
        ORDER BY s.week_start, u.display_name`,
  );
  const names = new Map([...completions, ...punctuality].map((e) => [e.engineer_id, e.engineer]));
  const engineers = [...names]
    .map(([id, engineer]) => {
      const done = completions.find((c) => c.engineer_id === id);
      return {
        engineer,
        completed: done?.completed ?? 0,
        avgRepairHours: done?.avg_repair_hours ?? null,
        ...punctualityOf(punctuality.find((p) => p.engineer_id === id) ?? NO_PUNCTUALITY),
        summaryFiled: summaries.some((x) => x.engineer_id === id),
      };
    })
    .sort((a, b) => b.completed - a.completed || a.engineer.localeCompare(b.engineer, "zh-CN"));
  const parts = await queryRows<{ code: string; name: string; unit: string; used: number }>(
    ctx.db,
    sql`SELECT p.code, p.name, p.unit, sum(l.used)::int AS used
        FROM work_order_parts l JOIN work_orders w ON w.org_id = l.org_id AND w.id = l.work_order_id JOIN spare_parts p ON p.org_id = l.org_id AND p.id = l.part_id
        WHERE ${completedInWeek} AND l.used > 0 GROUP BY p.code, p.name, p.unit ORDER BY 4 DESC, 1`,
  );
  const problems = await queryRows<{
    id: string;
    number: string;
    product: string;
    engineer: string | null;
    problem: string;
    outcome: string | null;
  }>(
    ctx.db,
    sql`SELECT w.id, w.number, w.product, u.display_name AS engineer, w.technical_problem AS problem,
          w.technical_outcome AS outcome
        FROM work_orders w LEFT JOIN users u ON u.org_id = w.org_id AND u.id = w.engineer_id
        WHERE ${completedInWeek} AND w.technical_problem IS NOT NULL ORDER BY w.completed_at`,
  );
  const counts = new Map(byDay.map((d) => [d.day, d.completed]));
  const all = punctuality.reduce(
    (sum, p) => ({
      arrived: sum.arrived + p.arrived,
      on_time: sum.on_time + p.on_time,
      late: sum.late + p.late,
      no_shows: sum.no_shows + p.no_shows,
      violations: sum.violations + p.violations,
    }),
    NO_PUNCTUALITY,
  );
  return {
    period: query.period,
    from: first,
    to: last,
    summary: {
      created: summary.created,
      completed: summary.completed,
      firstTimeFixed: summary.first_time_fixed,
      repeatVisits: summary.repeat_visits,
      takenBack: summary.taken_back,
      resolvedRemotely: resolved.remote,
      resolvedOnSite: resolved.on_site,
      withTarget: summary.with_target,
      onTarget: summary.on_target,
      ...punctualityOf(all),
      avgArriveHours: summary.avg_arrive_hours,
      avgRepairHours: summary.avg_repair_hours,
      revenueFen: Number(summary.revenue_fen),
      confirmedFen: Number(summary.confirmed_fen),
    },
    days: daysFrom(first, last).map((date) => ({ day: date, completed: counts.get(date) ?? 0 })),
    kinds: byKind,
    engineers,
    parts,
    problems,
    summaries: summaries.map((x) => ({
      engineer: x.engineer,
      weekStart: x.week_start,
      workDone: x.work_done,
      problems: x.problems,
      nextWeek: x.next_week,
    })),
  };
}

const daysFrom = (first: string, last: string) => {
  const days = [first];
  while (days[days.length - 1] < last) days.push(addDays(days[days.length - 1], 1));
  return days;
};

const yuan = (fen: number) => fenToYuan(fen)!.toFixed(2);

export const REPORT_TITLES = { week: "售后服务周报", month: "售后服务月度统计" } as const;

/** The report as a spreadsheet for the vice-president (C074), audited like every export. */
export async function exportFieldServiceReport(
  ctx: Ctx,
  query: z.input<typeof reportPeriodQuery>,
): Promise<Buffer> {
  const r = await fieldServiceReport(ctx, query);
  const s = r.summary;
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    "汇总",
    [
      { header: `${REPORT_TITLES[r.period]} ${r.from} 至 ${r.to}`, key: "label", width: 28 },
      { header: "", key: "value", width: 18 },
    ],
    [
      ["新建派工单", s.created],
      ["完工派工单", s.completed],
      ["一次修复率", formatShare(s.firstTimeFixed, s.completed)],
      ["重复上门", s.repeatVisits],
      ["带回返修", s.takenBack],
      ["报修远程解决率", formatShare(s.resolvedRemotely, s.resolvedRemotely + s.resolvedOnSite)],
      ["按时完工率（按服务类别时限）", formatShare(s.onTarget, s.withTarget)],
      ["准时到达率", formatShare(s.onTime, s.appointments)],
      ["迟到", s.late],
      ["爽约", s.noShows],
      ["未提前告知客户的迟到/爽约", s.violations],
      ["平均到达时长（小时）", s.avgArriveHours ?? "—"],
      ["平均维修时长（小时）", s.avgRepairHours ?? "—"],
      ["收费服务金额（元）", yuan(s.revenueFen)],
      ["财务确认收款（元）", yuan(s.confirmedFen)],
      ...r.kinds.map((k) => [`完工：${WORK_ORDER_KIND_LABELS[k.kind]["zh-CN"]}`, k.completed]),
    ],
  );
  addSheet(
    workbook,
    "工程师",
    [
      { header: "工程师", key: "engineer", width: 14 },
      { header: "完工", key: "completed", width: 8 },
      { header: "准时到达率", key: "onTime", width: 12 },
      { header: "迟到", key: "late", width: 8 },
      { header: "爽约", key: "noShows", width: 8 },
      { header: "违规", key: "violations", width: 8 },
      { header: "平均维修时长（小时）", key: "avgRepairHours", width: 20 },
    ],
    r.engineers.map((e) => ({ ...e, onTime: formatShare(e.onTime, e.appointments) })),
  );
  addSheet(
    workbook,
    "备件消耗",
    [
      { header: "备件编码", key: "code", width: 14 },
      { header: "名称", key: "name", width: 24 },
      { header: "数量", key: "used", width: 8 },
      { header: "单位", key: "unit", width: 6 },
    ],
    r.parts,
  );
  addSheet(
    workbook,
    "技术问题",
    [
      { header: "派工单号", key: "number", width: 16 },
      { header: "产品", key: "product", width: 20 },
      { header: "工程师", key: "engineer", width: 10 },
      { header: "技术问题", key: "problem", width: 40 },
      { header: "技术会结论", key: "outcome", width: 40 },
    ],
    r.problems,
  );
  addSheet(
    workbook,
    "工程师周总结",
    [
      { header: "周", key: "weekStart", width: 12 },
      { header: "工程师", key: "engineer", width: 10 },
      { header: "本周工作", key: "workDone", width: 40 },
      { header: "问题与建议", key: "problems", width: 30 },
      { header: "下周计划", key: "nextWeek", width: 30 },
    ],
    r.summaries,
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "field_service.report_exported",
      entityType: "report",
      after: { period: r.period, from: r.from, to: r.to },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
