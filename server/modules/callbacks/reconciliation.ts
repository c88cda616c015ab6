import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { STATUS_LABELS } from "../../../common/labels";
import type { CallbackReconciliation } from "../../../common/schemas/callbacks";
import { queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { calendarPeriod, orgTimeZone } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";

/** The ticket states in which its work still counts as done: resolved, called back, closed. */
const DONE_STATES = sql`('resolved', 'callback_done', 'closed')`;

/**
 * 回访核对 (C094, seed 002 回访明细统计表 checked against the system's customers) and the month's
 * 电话回访汇总表 (C088): per callback agent, the callbacks due to them in the month — made, nobody
 * reached, not made by the month's end (completed work left without its call) and made about work that
 * is not (or no longer) done: the ticket reopened, the work order not completed. Per day, what was
 * due and what came of it. For the agents' appraisal.
 */
export async function callbackReconciliation(ctx: Ctx, month: string): Promise<CallbackReconciliation> {
  requireCapability(ctx.actor, "report.view");
  const orgId = ctx.actor.orgId;
  const timeZone = await orgTimeZone(ctx);
  const { first, last } = calendarPeriod("month", `${month}-01`);
  const tasks = sql`
    SELECT c.id AS task_id, c.ticket_id, t.number, c.assignee_id, u.display_name AS assignee,
      c.due_on::text AS due_on, c.status, c.satisfied,
      c.status <> 'open' AND (c.done_at AT TIME ZONE ${timeZone})::date <= ${last}::date AS made_in_time,
      c.status <> 'open' AND (t.status NOT IN ${DONE_STATES}
        OR (w.id IS NOT NULL AND w.status NOT IN ('completed', 'archived'))) AS unmatched,
      t.status AS ticket_status
    FROM callback_tasks c
    JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id
    LEFT JOIN work_orders w ON w.org_id = c.org_id AND w.id = c.work_order_id
    LEFT JOIN users u ON u.org_id = c.org_id AND u.id = c.assignee_id
    WHERE c.org_id = ${orgId} AND c.due_on BETWEEN ${first}::date AND ${last}::date`;
  const rows = await queryRows<CallbackReconciliation["rows"][number]>(
    ctx.db,
    sql`SELECT assignee_id AS "userId", assignee AS name, count(*)::int AS due,
          count(*) FILTER (WHERE status = 'done')::int AS done,
          count(*) FILTER (WHERE status = 'unreachable')::int AS unreachable,
          count(*) FILTER (WHERE NOT made_in_time)::int AS missing,
          count(*) FILTER (WHERE unmatched)::int AS unmatched
        FROM (${tasks}) x GROUP BY 1, 2 ORDER BY 2 NULLS LAST`,
  );
  const missing = await queryRows<CallbackReconciliation["missing"][number]>(
    ctx.db,
    sql`SELECT task_id AS "taskId", ticket_id AS "ticketId", number, assignee, due_on AS "dueOn"
        FROM (${tasks}) x WHERE NOT made_in_time ORDER BY due_on, number LIMIT 500`,
  );
  const unmatched = await queryRows<CallbackReconciliation["unmatched"][number]>(
    ctx.db,
    sql`SELECT task_id AS "taskId", ticket_id AS "ticketId", number, assignee, ticket_status AS status
        FROM (${tasks}) x WHERE unmatched ORDER BY due_on, number LIMIT 500`,
  );
  const days = await queryRows<CallbackReconciliation["days"][number]>(
    ctx.db,
    sql`SELECT due_on AS day, count(*)::int AS due,
          count(*) FILTER (WHERE status = 'done')::int AS done,
          count(*) FILTER (WHERE status = 'unreachable')::int AS unreachable,
          count(*) FILTER (WHERE satisfied)::int AS satisfied,
          count(*) FILTER (WHERE satisfied = false)::int AS unsatisfied
        FROM (${tasks}) x GROUP BY 1 ORDER BY 1`,
  );
  return { month, rows, days, missing, unmatched };
}

/** The reconciliation as a workbook (audited). */
export async function exportCallbackReconciliation(ctx: Ctx, month: string) {
  const report = await callbackReconciliation(ctx, month);
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    `回访核对 ${month}`,
    [
      { header: "回访人", key: "name", width: 14 },
      { header: "应回访", key: "due", width: 8 },
      { header: "已回访", key: "done", width: 8 },
      { header: "未能联系", key: "unreachable", width: 10 },
      { header: "月底未回访", key: "missing", width: 12 },
      { header: "与实际不符", key: "unmatched", width: 12 },
    ],
    report.rows.map((r) => ({ ...r, name: r.name ?? "（未分配）" })),
  );
  addSheet(
    workbook,
    "电话回访汇总表",
    [
      { header: "日期", key: "day", width: 12 },
      { header: "应回访", key: "due", width: 8 },
      { header: "已回访", key: "done", width: 8 },
      { header: "未能联系", key: "unreachable", width: 10 },
      { header: "满意", key: "satisfied", width: 8 },
      { header: "不满意", key: "unsatisfied", width: 8 },
    ],
    report.days,
  );
  addSheet(
    workbook,
    "未回访明细",
    [
      { header: "工单号", key: "number", width: 18 },
      { header: "回访人", key: "assignee", width: 14 },
      { header: "应回访日期", key: "dueOn", width: 12 },
    ],
    report.missing,
  );
  addSheet(
    workbook,
    "与实际不符明细",
    [
      { header: "工单号", key: "number", width: 18 },
      { header: "回访人", key: "assignee", width: 14 },
      { header: "工单当前状态", key: "status", width: 14 },
    ],
    report.unmatched.map((u) => ({ ...u, status: STATUS_LABELS[u.status]["zh-CN"] })),
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "callback.reconciliation_exported",
      entityType: "report",
      after: { month },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
