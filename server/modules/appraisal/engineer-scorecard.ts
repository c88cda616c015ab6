import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { countRatings, satisfaction } from "../../../common/satisfaction";
import type { EngineerKpiRow, EngineerScorecard } from "../../../common/schemas/appraisal";
import { engineerScorecardQuery } from "../../../common/schemas/appraisal";
import { queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { monthRange } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";
import { FIXED_FIRST_TIME } from "../field-service/period-report";
import { holdsCapability } from "../identity/directory";
import { surveySettingsOf } from "../surveys/settings";
import { addCounts, pct } from "./scorecard";

type Counts = Omit<EngineerKpiRow, "key" | "name" | "servicePoint" | keyof Rates>;
type Rates = Pick<
  EngineerKpiRow,
  | "firstTimeFixRate"
  | "onTargetRate"
  | "onTimeRate"
  | "avgRepairHours"
  | "satisfactionIndex"
  | "satisfactionRate"
  | "qaScore"
>;

const share = (part: number, whole: number) => (whole ? part / whole : null);
const empty = (): Counts => ({
  completed: 0,
  firstTimeFixed: 0,
  withTarget: 0,
  onTarget: 0,
  onTime: 0,
  late: 0,
  noShows: 0,
  repairHours: 0,
  complaints: 0,
  qaInspections: 0,
  qaPoints: 0,
  ratings: countRatings([]),
});

/** An engineer's (or everybody's) rates from the counts: one definition for a row and the total. */
function withRates(c: Counts): Counts & Rates {
  const s = satisfaction(c.ratings);
  return {
    ...c,
    firstTimeFixRate: share(c.firstTimeFixed, c.completed),
    onTargetRate: share(c.onTarget, c.withTarget),
    onTimeRate: share(c.onTime, c.onTime + c.late + c.noShows),
    avgRepairHours: c.completed ? Math.round((c.repairHours / c.completed) * 10) / 10 : null,
    satisfactionIndex: s.index,
    satisfactionRate: s.rate,
    qaScore: c.qaInspections ? Math.round((c.qaPoints / c.qaInspections) * 10) / 10 : null,
  };
}

/**
 * 工程师月度绩效 (SPEC M8, C115): each engineer's month in the field — work orders completed, fixed the
 * first time, within their kind's time limit; appointments kept on time, late or missed; hours on site
 * to completion; customers' satisfaction with their work (C099); complaints naming them; inspections
 * of their work orders (SPEC M7).
 */
export async function engineerScorecard(
  ctx: Ctx,
  raw: z.input<typeof engineerScorecardQuery>,
): Promise<EngineerScorecard> {
  requireCapability(ctx.actor, "report.view");
  const { month } = engineerScorecardQuery.parse(raw);
  const { from, to } = await monthRange(ctx, month);
  const orgId = ctx.actor.orgId;
  const inMonth = (column: string) =>
    sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz AND ${sql.raw(column)} < ${to.toISOString()}::timestamptz`;
  const engineers = await queryRows<{ id: string; name: string; point: string | null }>(
    ctx.db,
    sql`SELECT u.id, u.display_name AS name, p.name AS point FROM users u
        LEFT JOIN service_points p ON p.org_id = u.org_id AND p.id = u.service_point_id
        WHERE u.org_id = ${orgId} AND NOT u.is_disabled AND ${holdsCapability("workorder.serve")}
        ORDER BY u.display_name`,
  );
  const counts = new Map(engineers.map((e) => [e.id, empty()]));
  const merge = (rows: ({ id: string } & Partial<Counts>)[]) => {
    for (const { id, ...r } of rows) if (counts.has(id)) Object.assign(counts.get(id)!, r);
  };
  merge(
    await queryRows(
      ctx.db,
      sql`SELECT w.engineer_id AS id, count(*)::int AS completed,
            count(*) FILTER (WHERE ${FIXED_FIRST_TIME})::int AS "firstTimeFixed",
            count(*) FILTER (WHERE w.complete_by IS NOT NULL)::int AS "withTarget",
            count(*) FILTER (WHERE w.completed_at <= w.complete_by)::int AS "onTarget",
            coalesce(sum(extract(epoch FROM w.completed_at - w.arrived_at)) / 3600, 0)::float8 AS "repairHours"
          FROM work_orders w
          WHERE w.org_id = ${orgId} AND w.engineer_id IS NOT NULL AND ${inMonth("w.completed_at")}
          GROUP BY 1`,
    ),
  );
  merge(
    await queryRows(
      ctx.db,
      sql`SELECT engineer_id AS id, count(*) FILTER (WHERE outcome = 'on_time')::int AS "onTime",
            count(*) FILTER (WHERE outcome = 'late')::int AS late,
            count(*) FILTER (WHERE outcome = 'no_show')::int AS "noShows"
          FROM arrival_records WHERE org_id = ${orgId} AND ${inMonth("recorded_at")} GROUP BY 1`,
    ),
  );
  merge(
    await queryRows(
      ctx.db,
      sql`SELECT accused_user_id AS id, count(*)::int AS complaints FROM complaints
          WHERE org_id = ${orgId} AND accused_user_id IS NOT NULL AND ${inMonth("created_at")} GROUP BY 1`,
    ),
  );
  merge(
    await queryRows(
      ctx.db,
      sql`SELECT agent_id AS id, count(*)::int AS "qaInspections", sum(final_total)::float8 AS "qaPoints"
          FROM qa_inspections WHERE org_id = ${orgId} AND work_order_id IS NOT NULL AND ${inMonth("scored_at")}
          GROUP BY 1`,
    ),
  );
  for (const r of await queryRows<{ id: string; rating: 1 | 2 | 3 | 4 | 5; n: number }>(
    ctx.db,
    sql`SELECT r.engineer_id AS id, r.rating, count(*)::int AS n FROM survey_ratings r
        JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
        WHERE r.org_id = ${orgId} AND r.engineer_id IS NOT NULL AND ${inMonth("r.submitted_at")}
        GROUP BY 1, 2`,
  ))
    if (counts.has(r.id)) counts.get(r.id)!.ratings[r.rating] += r.n;

  const total = empty();
  for (const c of counts.values()) addCounts(total, c);
  const { satisfactionTarget } = await surveySettingsOf(ctx.db, orgId);
  return {
    month,
    satisfactionTarget,
    total: withRates(total),
    rows: engineers.map((e) => ({
      key: e.id,
      name: e.name,
      servicePoint: e.point,
      ...withRates(counts.get(e.id)!),
    })),
  };
}

/** The engineers' scorecard as a spreadsheet, audited like every export. */
export async function exportEngineerScorecard(ctx: Ctx, raw: z.input<typeof engineerScorecardQuery>) {
  const card = await engineerScorecard(ctx, raw);
  const workbook = new ExcelJS.Workbook();
  const line = (name: string, point: string | null, r: EngineerScorecard["total"]) => ({
    name,
    point: point ?? "",
    completed: r.completed,
    firstTimeFixRate: pct(r.firstTimeFixRate),
    onTargetRate: pct(r.onTargetRate),
    onTimeRate: pct(r.onTimeRate),
    late: r.late,
    noShows: r.noShows,
    avgRepairHours: r.avgRepairHours ?? "—",
    complaints: r.complaints,
    satisfactionIndex: r.satisfactionIndex ?? "—",
    satisfactionRate: pct(r.satisfactionRate),
    qaScore: r.qaScore ?? "—",
  });
  addSheet(
    workbook,
    `工程师绩效 ${card.month}`,
    [
      { header: "工程师", key: "name", width: 14 },
      { header: "服务网点", key: "point", width: 12 },
      { header: "完工", key: "completed", width: 8 },
      { header: "一次修复率", key: "firstTimeFixRate", width: 12 },
      { header: "时限达标率", key: "onTargetRate", width: 12 },
      { header: "准时到场率", key: "onTimeRate", width: 12 },
      { header: "迟到", key: "late", width: 8 },
      { header: "爽约", key: "noShows", width: 8 },
      { header: "平均维修时长（小时）", key: "avgRepairHours", width: 18 },
      { header: "被投诉", key: "complaints", width: 8 },
      { header: "满意度指数", key: "satisfactionIndex", width: 12 },
      { header: "满意率", key: "satisfactionRate", width: 10 },
      { header: "质检得分", key: "qaScore", width: 10 },
    ],
    [...card.rows.map((r) => line(r.name, r.servicePoint, r)), line("合计", null, card.total)],
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "appraisal.engineer_scorecard_exported",
      entityType: "report",
      after: { month: card.month },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
