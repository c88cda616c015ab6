import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { formatShare } from "../../../common/format";
import { WORK_ORDER_KIND_LABELS } from "../../../common/labels";
import { queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { orgTimeZone } from "../../lib/periods";

export const weekParam = z.iso.date();

/** The Monday of the week a day falls in (weeks run Monday to Sunday, as Chinese weekly reports do). */
export function weekStart(day: string) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

type Summary = {
  created: number;
  completed: number;
  first_time_fixed: number;
  repeat_visits: number;
  taken_back: number;
  arrived: number;
  on_time: number;
  avg_arrive_hours: number | null;
  avg_repair_hours: number | null;
  revenue_fen: number;
  confirmed_fen: number;
};

/**
 * 售后服务周报 (C074, SPEC M5): the week's work orders (Monday to Sunday in the organisation's time
 * zone) — created, completed, fixed the first time (no repeat visit, nothing taken back), repeat
 * visits, arrivals on time (C069), hours from dispatch to arrival and from arrival to completion,
 * chargeable revenue and what finance confirmed; completions per day and per kind, per engineer, the
 * parts used, and the technical problems engineers flagged for the weekly technical meeting.
 */
export async function weeklyServiceReport(ctx: Ctx, day: string) {
  requireCapability(ctx.actor, "report.view");
  const monday = weekStart(weekParam.parse(day));
  const timeZone = await orgTimeZone(ctx);
  const from = startOfLocalDay(monday, timeZone).toISOString();
  const to = startOfLocalDay(addDays(monday, 7), timeZone).toISOString();
  const orgId = ctx.actor.orgId;
  const inWeek = (column: string) => {
    const c = sql.raw(`w.${column}`);
    return sql`${c} >= ${from}::timestamptz AND ${c} < ${to}::timestamptz`;
  };
  const completedInWeek = sql`w.org_id = ${orgId} AND ${inWeek("completed_at")}`;

  const [summary] = await queryRows<Summary>(
    ctx.db,
    sql`SELECT
      count(*) FILTER (WHERE ${inWeek("created_at")})::int AS created,
      count(*) FILTER (WHERE ${inWeek("completed_at")})::int AS completed,
      count(*) FILTER (WHERE ${inWeek("completed_at")}
        AND NOT EXISTS (SELECT 1 FROM work_orders r WHERE r.previous_work_order_id = w.id)
        AND NOT EXISTS (SELECT 1 FROM repair_returns x WHERE x.work_order_id = w.id))::int AS first_time_fixed,
      count(*) FILTER (WHERE ${inWeek("created_at")} AND w.previous_work_order_id IS NOT NULL)::int AS repeat_visits,
      (SELECT count(*)::int FROM repair_returns x WHERE x.org_id = ${orgId}
        AND x.received_at >= ${from}::timestamptz AND x.received_at < ${to}::timestamptz) AS taken_back,
      count(*) FILTER (WHERE ${inWeek("arrived_at")})::int AS arrived,
      count(*) FILTER (WHERE ${inWeek("arrived_at")} AND w.late_minutes = 0)::int AS on_time,
      round((avg(extract(epoch FROM w.arrived_at - w.dispatched_at)) FILTER (WHERE ${inWeek("arrived_at")}) / 3600)::numeric, 1)::float AS avg_arrive_hours,
      round((avg(extract(epoch FROM w.completed_at - w.arrived_at)) FILTER (WHERE ${inWeek("completed_at")}) / 3600)::numeric, 1)::float AS avg_repair_hours,
      coalesce(sum(w.labour_fen + w.travel_fen + w.parts_fen) FILTER (WHERE ${inWeek("completed_at")} AND w.chargeable), 0)::bigint AS revenue_fen,
      coalesce(sum(w.labour_fen + w.travel_fen + w.parts_fen) FILTER (WHERE ${inWeek("settled_at")} AND w.settlement_status = 'confirmed'), 0)::bigint AS confirmed_fen
    FROM work_orders w WHERE w.org_id = ${orgId}`,
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
  const engineers = await queryRows<{
    engineer: string;
    completed: number;
    on_time: number;
    arrived: number;
    avg_repair_hours: number | null;
  }>(
    ctx.db,
    sql`SELECT u.display_name AS engineer, count(*)::int AS completed,
          count(*) FILTER (WHERE w.late_minutes = 0)::int AS on_time,
          count(w.arrived_at)::int AS arrived,
          round((avg(extract(epoch FROM w.completed_at - w.arrived_at)) / 3600)::numeric, 1)::float AS avg_repair_hours
        FROM work_orders w JOIN users u ON u.id = w.engineer_id
        WHERE ${completedInWeek} GROUP BY u.display_name ORDER BY 2 DESC, 1`,
  );
  const parts = await queryRows<{ code: string; name: string; unit: string; used: number }>(
    ctx.db,
    sql`SELECT p.code, p.name, p.unit, sum(l.used)::int AS used
        FROM work_order_parts l JOIN work_orders w ON w.id = l.work_order_id JOIN spare_parts p ON p.id = l.part_id
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
        FROM work_orders w LEFT JOIN users u ON u.id = w.engineer_id
        WHERE ${completedInWeek} AND w.technical_problem IS NOT NULL ORDER BY w.completed_at`,
  );
  const counts = new Map(byDay.map((d) => [d.day, d.completed]));
  return {
    weekStart: monday,
    weekEnd: addDays(monday, 6),
    summary: {
      created: summary.created,
      completed: summary.completed,
      firstTimeFixed: summary.first_time_fixed,
      repeatVisits: summary.repeat_visits,
      takenBack: summary.taken_back,
      arrived: summary.arrived,
      onTime: summary.on_time,
      avgArriveHours: summary.avg_arrive_hours,
      avgRepairHours: summary.avg_repair_hours,
      revenueFen: Number(summary.revenue_fen),
      confirmedFen: Number(summary.confirmed_fen),
    },
    days: Array.from({ length: 7 }, (_, i) => {
      const date = addDays(monday, i);
      return { day: date, completed: counts.get(date) ?? 0 };
    }),
    kinds: byKind,
    engineers: engineers.map((e) => ({
      engineer: e.engineer,
      completed: e.completed,
      onTime: e.on_time,
      arrived: e.arrived,
      avgRepairHours: e.avg_repair_hours,
    })),
    parts,
    problems,
  };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The weekly report as a spreadsheet for the vice-president (C074), audited like every export. */
export async function exportWeeklyServiceReport(ctx: Ctx, day: string): Promise<Buffer> {
  const r = await weeklyServiceReport(ctx, day);
  const s = r.summary;
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet("汇总");
  summary.columns = [
    { header: `售后服务周报 ${r.weekStart} 至 ${r.weekEnd}`, key: "label", width: 28 },
    { header: "", key: "value", width: 18 },
  ];
  summary.getRow(1).font = { bold: true };
  for (const [label, value] of [
    ["新建派工单", s.created],
    ["完工派工单", s.completed],
    ["一次修复率", formatShare(s.firstTimeFixed, s.completed)],
    ["重复上门", s.repeatVisits],
    ["带回返修", s.takenBack],
    ["准时到达率", formatShare(s.onTime, s.arrived)],
    ["平均到达时长（小时）", s.avgArriveHours ?? "—"],
    ["平均维修时长（小时）", s.avgRepairHours ?? "—"],
    ["收费服务金额（元）", yuan(s.revenueFen)],
    ["财务确认收款（元）", yuan(s.confirmedFen)],
    ...r.kinds.map((k) => [`完工：${WORK_ORDER_KIND_LABELS[k.kind]["zh-CN"]}`, k.completed]),
  ] as [string, string | number][])
    summary.addRow({ label, value });
  const engineers = workbook.addWorksheet("工程师");
  engineers.columns = [
    { header: "工程师", key: "engineer", width: 14 },
    { header: "完工", key: "completed", width: 8 },
    { header: "准时到达率", key: "onTime", width: 12 },
    { header: "平均维修时长（小时）", key: "avgRepairHours", width: 20 },
  ];
  for (const e of r.engineers) engineers.addRow({ ...e, onTime: formatShare(e.onTime, e.arrived) });
  const parts = workbook.addWorksheet("备件消耗");
  parts.columns = [
    { header: "备件编码", key: "code", width: 14 },
    { header: "名称", key: "name", width: 24 },
    { header: "数量", key: "used", width: 8 },
    { header: "单位", key: "unit", width: 6 },
  ];
  for (const p of r.parts) parts.addRow(p);
  const problems = workbook.addWorksheet("技术问题");
  problems.columns = [
    { header: "派工单号", key: "number", width: 16 },
    { header: "产品", key: "product", width: 20 },
    { header: "工程师", key: "engineer", width: 10 },
    { header: "技术问题", key: "problem", width: 40 },
    { header: "技术会结论", key: "outcome", width: 40 },
  ];
  for (const p of r.problems) problems.addRow(p);
  for (const sheet of [engineers, parts, problems]) sheet.getRow(1).font = { bold: true };
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "field_service.weekly_report_exported",
      entityType: "report",
      after: { weekStart: r.weekStart },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
