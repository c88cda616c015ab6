import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { formatShare } from "../../../common/format";
import { countRatings, type RatingCounts, satisfaction } from "../../../common/satisfaction";
import { satisfactionQuery } from "../../../common/schemas/surveys";
import { type Executor, queryRows } from "../../db/client";
import { surveyTemplates } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { officeCalendar } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";
import { surveySettingsOf } from "./settings";

const GROUP_SQL = {
  agent: sql`r.agent_id::text AS key, u.display_name AS name`,
  engineer: sql`r.engineer_id::text AS key, u.display_name AS name`,
  department: sql`r.department_id::text AS key, d.name AS name`,
  product: sql`r.product AS key, r.product AS name`,
  question: sql`r.question_id AS key, r.question_id AS name`,
} as const;
const JOIN_SQL = {
  agent: sql`LEFT JOIN users u ON u.org_id = r.org_id AND u.id = r.agent_id`,
  engineer: sql`LEFT JOIN users u ON u.org_id = r.org_id AND u.id = r.engineer_id`,
  department: sql`LEFT JOIN departments d ON d.org_id = r.org_id AND d.id = r.department_id`,
  product: sql``,
  question: sql``,
} as const;

/**
 * Satisfaction per agent, engineer, department, product or question over local days (C099): the
 * answers at each point, the raw weighted sum, the index and the rate, from valid responses only
 * (C105), with the rows below the organisation's pass mark flagged (C097).
 */
export async function satisfactionReport(ctx: Ctx, raw: z.input<typeof satisfactionQuery>) {
  requireCapability(ctx.actor, "report.view");
  return satisfactionFigures(ctx.db, ctx.actor.orgId, raw);
}

/** The figures of a satisfaction report, for whoever has already been let see them. */
export async function satisfactionFigures(
  db: Executor,
  orgId: string,
  raw: z.input<typeof satisfactionQuery>,
) {
  const query = satisfactionQuery.parse(raw);
  const { timeZone } = await officeCalendar(db, orgId);
  const from = startOfLocalDay(query.from, timeZone).toISOString();
  const to = startOfLocalDay(addDays(query.to, 1), timeZone).toISOString();
  const rows = await queryRows<{ key: string | null; name: string | null; rating: number; n: number }>(
    db,
    sql`SELECT ${GROUP_SQL[query.by]}, r.rating, count(*)::int AS n
        FROM survey_ratings r
        JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
        ${JOIN_SQL[query.by]}
        WHERE r.org_id = ${orgId}
          AND r.submitted_at >= ${from}::timestamptz AND r.submitted_at < ${to}::timestamptz
        GROUP BY 1, 2, 3`,
  );
  // Question ids stay across a questionnaire's versions; the newest wording names them.
  const templates = await db
    .select({ questions: surveyTemplates.questions })
    .from(surveyTemplates)
    .where(eq(surveyTemplates.orgId, orgId))
    .orderBy(surveyTemplates.createdAt);
  const questions = new Map(templates.flatMap((t) => t.questions.map((q) => [q.id, q.text] as const)));
  const groups = new Map<string, { key: string | null; name: string | null; counts: RatingCounts }>();
  const all = countRatings([]);
  for (const row of rows) {
    const id = row.key ?? "";
    const group = groups.get(id) ?? { key: row.key, name: row.name, counts: countRatings([]) };
    group.counts[row.rating as keyof RatingCounts] += row.n;
    all[row.rating as keyof RatingCounts] += row.n;
    groups.set(id, group);
  }
  const { satisfactionTarget: target } = await surveySettingsOf(db, orgId);
  const scored = scoredAgainst(target);
  return {
    ...query,
    target,
    overall: scored(all),
    rows: [...groups.values()]
      .map((g) => ({
        key: g.key,
        name: query.by === "question" ? (questions.get(g.key ?? "") ?? g.key) : g.name,
        ...scored(g.counts),
      }))
      .sort((a, b) => b.n - a.n),
  };
}

/** The figures of some answers (C095) with the flag for a rate below the pass mark (C097). */
export const scoredAgainst = (target: number) => (counts: RatingCounts) => {
  const s = satisfaction(counts);
  return { counts, ...s, belowTarget: s.rate !== null && s.rate < target };
};

/** The report as a spreadsheet, audited like every export. */
export async function exportSatisfactionReport(ctx: Ctx, raw: z.input<typeof satisfactionQuery>) {
  const r = await satisfactionReport(ctx, raw);
  const workbook = new ExcelJS.Workbook();
  const row = (name: string, s: typeof r.overall) => ({
    name,
    n5: s.counts[5],
    n4: s.counts[4],
    n3: s.counts[3],
    n2: s.counts[2],
    n1: s.counts[1],
    n: s.n,
    weightedSum: s.weightedSum,
    index: s.index ?? "—",
    rate: s.rate === null ? "—" : formatShare(s.counts[4] + s.counts[5], s.n),
    flag: s.belowTarget ? "低于目标" : "",
  });
  addSheet(
    workbook,
    `满意度 ${r.from} 至 ${r.to}`,
    [
      { header: "对象", key: "name", width: 24 },
      { header: "很满意", key: "n5", width: 8 },
      { header: "满意", key: "n4", width: 8 },
      { header: "一般", key: "n3", width: 8 },
      { header: "不满意", key: "n2", width: 8 },
      { header: "很不满意", key: "n1", width: 8 },
      { header: "评价数", key: "n", width: 8 },
      { header: "满意度（加权和）", key: "weightedSum", width: 16 },
      { header: "满意度指数", key: "index", width: 12 },
      { header: "满意率", key: "rate", width: 10 },
      { header: `目标 ${r.target * 100}%`, key: "flag", width: 12 },
    ],
    [row("合计", r.overall), ...r.rows.map((x) => row(x.name ?? "（未指定）", x))],
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "survey.satisfaction_exported",
      entityType: "report",
      after: { from: r.from, to: r.to, by: r.by },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
