import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { formatShare } from "../../../common/format";
import type { CompletenessRow, SupervisionReport } from "../../../common/schemas/quality";
import { type Db, type Executor, queryRows } from "../../db/client";
import { organizations, qaSupervisionReports } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can, requireCapability, systemCtx } from "../../lib/context";
import { calendarPeriod, monthRange, officeCalendar } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { completenessByAgent } from "./completeness";

/** How often every server looks for a finished month to report. */
export const SUPERVISION_REPORT_MS = 60 * 60_000;

type Figures = SupervisionReport["total"];
const NONE: Figures = {
  inspected: 0,
  averageScore: null,
  passed: 0,
  failed: 0,
  appeals: 0,
  revised: 0,
  mystery: 0,
  rectifications: 0,
  rectified: 0,
  rectificationsOverdue: 0,
  retraining: 0,
  records: 0,
  completeRecords: 0,
};

/**
 * 服务监督报告 (C113; seed 000 客户服务体系 一): the month's inspections per executing department —
 * how many, the average score, passes and failures, appeals and revisions, mystery-customer checks,
 * rectifications opened, passed, overdue and sent to re-training, and how complete the records were.
 */
export async function buildSupervisionReport(
  tx: Executor,
  orgId: string,
  month: string,
  from: Date,
  to: Date,
) {
  const range = (column: string) =>
    sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz AND ${sql.raw(column)} < ${to.toISOString()}::timestamptz`;
  const lastDay = addDays(calendarPeriod("month", `${month}-01`).last, 1);
  const rows = await queryRows<
    { department: string | null; sum_total: number } & Omit<
      Figures,
      "averageScore" | "records" | "completeRecords"
    >
  >(
    tx,
    sql`WITH scored AS (
          SELECT i.department_id, count(*)::int AS inspected, coalesce(sum(i.final_total), 0)::float AS sum_total,
            count(*) FILTER (WHERE i.passed)::int AS passed, count(*) FILTER (WHERE NOT i.passed)::int AS failed,
            count(*) FILTER (WHERE i.method = 'mystery')::int AS mystery
          FROM qa_inspections i WHERE i.org_id = ${orgId} AND ${range("i.scored_at")} GROUP BY 1),
        appeals AS (
          SELECT i.department_id, count(*) FILTER (WHERE ${range("i.appealed_at")})::int AS appeals,
            count(*) FILTER (WHERE i.decision = 'revised' AND ${range("i.decided_at")})::int AS revised
          FROM qa_inspections i WHERE i.org_id = ${orgId} AND i.appealed_at IS NOT NULL GROUP BY 1),
        rect AS (
          SELECT i.department_id, count(*) FILTER (WHERE ${range("r.created_at")})::int AS rectifications,
            count(*) FILTER (WHERE r.status = 'passed' AND ${range("r.checked_at")})::int AS rectified,
            count(*) FILTER (WHERE r.status IN ('open', 'retraining') AND r.due_on < ${lastDay}::date)::int AS "rectificationsOverdue",
            count(*) FILTER (WHERE r.status = 'retraining')::int AS retraining
          FROM qa_rectifications r JOIN qa_inspections i ON i.org_id = r.org_id AND i.id = r.inspection_id
          WHERE r.org_id = ${orgId} AND r.created_at < ${to.toISOString()}::timestamptz GROUP BY 1),
        deps AS (SELECT department_id FROM scored UNION SELECT department_id FROM appeals UNION SELECT department_id FROM rect)
        SELECT d.name AS department, coalesce(s.inspected, 0) AS inspected, coalesce(s.sum_total, 0) AS sum_total,
          coalesce(s.passed, 0) AS passed, coalesce(s.failed, 0) AS failed, coalesce(s.mystery, 0) AS mystery,
          coalesce(a.appeals, 0) AS appeals, coalesce(a.revised, 0) AS revised,
          coalesce(r.rectifications, 0) AS rectifications, coalesce(r.rectified, 0) AS rectified,
          coalesce(r."rectificationsOverdue", 0) AS "rectificationsOverdue", coalesce(r.retraining, 0) AS retraining
        FROM deps LEFT JOIN departments d ON d.org_id = ${orgId} AND d.id = deps.department_id
        LEFT JOIN scored s ON s.department_id IS NOT DISTINCT FROM deps.department_id
        LEFT JOIN appeals a ON a.department_id IS NOT DISTINCT FROM deps.department_id
        LEFT JOIN rect r ON r.department_id IS NOT DISTINCT FROM deps.department_id`,
  );
  const completeness = await completenessByAgent(tx, orgId, from, to);
  const byDepartment = new Map<string | null, Figures & { sumTotal: number }>();
  const entry = (department: string | null) =>
    byDepartment.get(department) ?? byDepartment.set(department, { ...NONE, sumTotal: 0 }).get(department)!;
  for (const { department, sum_total, ...figures } of rows)
    Object.assign(entry(department), figures, { sumTotal: sum_total });
  for (const c of completeness) {
    const e = entry(c.department);
    e.records += c.records;
    e.completeRecords += c.complete;
  }
  const finish = ({ sumTotal, ...f }: Figures & { sumTotal: number }): Figures => ({
    ...f,
    averageScore: f.inspected ? Math.round((sumTotal / f.inspected) * 10) / 10 : null,
  });
  const departments = [...byDepartment.entries()]
    .map(([department, f]) => ({ department, ...finish(f) }))
    .sort((a, b) => (a.department ?? "~").localeCompare(b.department ?? "~"));
  const sum = { ...NONE, sumTotal: 0 };
  for (const f of byDepartment.values())
    for (const key of Object.keys(sum) as (keyof typeof sum)[])
      if (key !== "averageScore") (sum[key] as number) += f[key] as number;
  const failures = await queryRows<SupervisionReport["failures"][number]>(
    tx,
    sql`SELECT a.display_name AS agent, d.name AS department, i.final_total AS total, i.findings
        FROM qa_inspections i JOIN users a ON a.org_id = i.org_id AND a.id = i.agent_id LEFT JOIN departments d ON d.org_id = i.org_id AND d.id = i.department_id
        WHERE i.org_id = ${orgId} AND ${range("i.scored_at")} AND NOT i.passed
        ORDER BY i.final_total, i.scored_at LIMIT 20`,
  );
  return {
    month,
    generatedAt: new Date().toISOString(),
    departments,
    total: finish(sum),
    failures,
  } satisfies SupervisionReport;
}

/** A month's report: as it was sent to the general manager, or — for a month not yet reported — as it stands now. */
export async function supervisionReport(ctx: Ctx, month: string) {
  requireCapability(ctx.actor, "report.view");
  const [stored] = await ctx.db
    .select()
    .from(qaSupervisionReports)
    .where(and(eq(qaSupervisionReports.orgId, ctx.actor.orgId), eq(qaSupervisionReports.month, month)));
  if (stored) return { report: stored.figures, sent: true };
  const { from, to } = await monthRange(ctx, month);
  return { report: await buildSupervisionReport(ctx.db, ctx.actor.orgId, month, from, to), sent: false };
}

/** Each organisation's last month, reported once at month end to the general managers (C113). */
export async function runSupervisionReports(db: Db, now = new Date()) {
  let sent = 0;
  for (const { id: orgId } of await db.select({ id: organizations.id }).from(organizations)) {
    const { timeZone } = await officeCalendar(db, orgId);
    const lastMonth = calendarPeriod("month", addDays(`${localIsoDate(now, timeZone).slice(0, 7)}-01`, -1));
    const done = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(qaSupervisionReports)
        .values({ orgId, month: lastMonth.key, figures: { ...NONE_REPORT, month: lastMonth.key } })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return false;
      const figures = await buildSupervisionReport(
        tx,
        orgId,
        lastMonth.key,
        startOfLocalDay(lastMonth.first, timeZone),
        startOfLocalDay(addDays(lastMonth.last, 1), timeZone),
      );
      await tx
        .update(qaSupervisionReports)
        .set({ figures })
        .where(and(eq(qaSupervisionReports.orgId, claimed.orgId), eq(qaSupervisionReports.id, claimed.id)));
      await writeAudit(tx, systemCtx(db, orgId), {
        action: "qa.supervision_reported",
        entityType: "qa_supervision_report",
        entityId: claimed.id,
        after: { month: lastMonth.key, inspected: figures.total.inspected },
      });
      await notifyUsers(tx, orgId, await usersWithRole(tx, orgId, ["general_manager"]), {
        kind: "qa_supervision_report",
        params: { month: lastMonth.key, path: `/quality?tab=report&month=${lastMonth.key}` },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
const NONE_REPORT: SupervisionReport = {
  month: "",
  generatedAt: "",
  departments: [],
  total: NONE,
  failures: [],
};

/** The report as a spreadsheet, audited like every export. */
export async function exportSupervisionReport(ctx: Ctx, month: string) {
  const { report } = await supervisionReport(ctx, month);
  const workbook = new ExcelJS.Workbook();
  const line = (department: string, f: Figures) => ({
    department,
    inspected: f.inspected,
    averageScore: f.averageScore ?? "—",
    passRate: formatShare(f.passed, f.inspected),
    failed: f.failed,
    mystery: f.mystery,
    appeals: `${f.appeals}/${f.revised}`,
    rectifications: f.rectifications,
    rectified: f.rectified,
    overdue: f.rectificationsOverdue,
    retraining: f.retraining,
    completeness: formatShare(f.completeRecords, f.records),
  });
  addSheet(
    workbook,
    `服务监督报告 ${month}`,
    [
      { header: "执行部门", key: "department", width: 16 },
      { header: "检查数", key: "inspected", width: 8 },
      { header: "平均分", key: "averageScore", width: 8 },
      { header: "合格率", key: "passRate", width: 8 },
      { header: "不合格", key: "failed", width: 8 },
      { header: "暗访", key: "mystery", width: 8 },
      { header: "申诉/改判", key: "appeals", width: 10 },
      { header: "整改", key: "rectifications", width: 8 },
      { header: "整改通过", key: "rectified", width: 10 },
      { header: "整改逾期", key: "overdue", width: 10 },
      { header: "再培训", key: "retraining", width: 8 },
      { header: "记录完整率", key: "completeness", width: 12 },
    ],
    [...report.departments.map((d) => line(d.department ?? "（未分部门）", d)), line("合计", report.total)],
  );
  addSheet(
    workbook,
    "不合格明细",
    [
      { header: "被检查人", key: "agent", width: 12 },
      { header: "部门", key: "department", width: 14 },
      { header: "得分", key: "total", width: 8 },
      { header: "问题", key: "findings", width: 60 },
    ],
    report.failures,
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, { action: "qa.supervision_exported", entityType: "report", after: { month } }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 记录完整率 for a month, per person (C110). */
export async function completenessReport(ctx: Ctx, month: string): Promise<CompletenessRow[]> {
  if (!can(ctx.actor, "qa.inspect")) requireCapability(ctx.actor, "qa.manage");
  const { from, to } = await monthRange(ctx, month);
  return completenessByAgent(ctx.db, ctx.actor.orgId, from, to);
}
