import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { CAUSE_CATEGORY_LABELS, COMPLAINT_SEVERITY_LABELS } from "../../../common/labels";
import type { ComplaintAnalysis } from "../../../common/schemas/complaints";
import { monthParam } from "../../../common/schemas/fields";
import { queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { monthRange } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";

type Count = { key: string | null; name: string | null; count: number };

/**
 * 月度客诉分析 (C062): the month's complaints by cause (a Pareto: causes by count with the cumulative
 * share), by product (料号), by responsible department and by category and severity, and the
 * customers who complained more than once in the twelve months to the month's end. Each query is a
 * range on complaints_org_created, so the cost follows the month's complaints, not all tickets.
 */
export async function complaintAnalysis(ctx: Ctx, month: string): Promise<ComplaintAnalysis> {
  requireCapability(ctx.actor, "report.view");
  const { from, to } = await monthRange(ctx, monthParam.parse(month));
  const orgId = ctx.actor.orgId;
  const yearBefore = new Date(to.getTime() - 365 * 86_400_000);
  const inMonth = sql`c.org_id = ${orgId} AND c.created_at >= ${from.toISOString()}::timestamptz
    AND c.created_at < ${to.toISOString()}::timestamptz`;
  const counts = (select: ReturnType<typeof sql>) => queryRows<Count>(ctx.db, select);
  // A complaint ticket counts from when it was received, whether or not its record is open yet.
  const ticketsInMonth = sql`t.org_id = ${orgId} AND t.type = 'complaint'
    AND t.received_at >= ${from.toISOString()}::timestamptz AND t.received_at < ${to.toISOString()}::timestamptz`;
  const noRecord = sql`NOT EXISTS (SELECT 1 FROM complaints c WHERE c.org_id = t.org_id AND c.ticket_id = t.id)`;
  const [[ticketCounts], unrecorded] = await Promise.all([
    queryRows<{ total: number; unrecorded: number }>(
      ctx.db,
      sql`SELECT count(*)::int AS total, (count(*) FILTER (WHERE ${noRecord}))::int AS unrecorded
        FROM tickets t WHERE ${ticketsInMonth}`,
    ),
    queryRows<{ id: string; number: string; title: string; received_at: Date | string }>(
      ctx.db,
      sql`SELECT t.id, t.number, t.title, t.received_at FROM tickets t
        WHERE ${ticketsInMonth} AND ${noRecord} ORDER BY t.received_at LIMIT 50`,
    ),
  ]);
  const [causes, products, departments, categories, severities, repeats] = await Promise.all([
    counts(sql`SELECT c.cause_category AS key, NULL AS name, count(*)::int AS count FROM complaints c
      WHERE ${inMonth} GROUP BY 1 ORDER BY 3 DESC, 1`),
    counts(sql`SELECT c.part_no AS key, NULL AS name, count(*)::int AS count FROM complaints c
      WHERE ${inMonth} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 10`),
    counts(sql`SELECT c.responsible_department_id AS key, d.name, count(*)::int AS count FROM complaints c
      LEFT JOIN departments d ON d.org_id = c.org_id AND d.id = c.responsible_department_id
      WHERE ${inMonth} GROUP BY 1, 2 ORDER BY 3 DESC, 2`),
    counts(sql`SELECT c.category_id AS key, k.name, count(*)::int AS count FROM complaints c
      JOIN complaint_categories k ON k.org_id = c.org_id AND k.id = c.category_id
      WHERE ${inMonth} GROUP BY 1, 2 ORDER BY 3 DESC, 2`),
    counts(sql`SELECT c.severity AS key, NULL AS name, count(*)::int AS count FROM complaints c
      WHERE ${inMonth} GROUP BY 1 ORDER BY 3 DESC`),
    counts(sql`SELECT t.customer_id AS key, cu.name, count(*)::int AS count FROM complaints c
      JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id JOIN customers cu ON cu.org_id = t.org_id AND cu.id = t.customer_id
      WHERE c.org_id = ${orgId} AND c.created_at >= ${yearBefore.toISOString()}::timestamptz
        AND c.created_at < ${to.toISOString()}::timestamptz
      GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 3 DESC, 2 LIMIT 20`),
  ]);
  const total = causes.reduce((sum, c) => sum + Number(c.count), 0);
  let running = 0;
  const plain = (rows: Count[]) => rows.map((r) => ({ key: r.key, name: r.name, count: Number(r.count) }));
  return {
    month,
    total,
    causes: causes.map((c) => {
      running += Number(c.count);
      return {
        key: c.key,
        count: Number(c.count),
        cumulativePercent: total ? Math.round((running / total) * 1000) / 10 : 0,
      };
    }),
    products: plain(products),
    departments: plain(departments),
    categories: plain(categories),
    severities: plain(severities),
    repeatCustomers: plain(repeats),
    complaintTickets: Number(ticketCounts.total),
    withoutRecord: {
      count: Number(ticketCounts.unrecorded),
      tickets: unrecorded.map((t) => ({
        id: t.id,
        number: t.number,
        title: t.title,
        receivedAt: new Date(t.received_at).toISOString(),
      })),
    },
  };
}

/** The analysis as a workbook: one sheet per view, audited like every export. */
export async function exportComplaintAnalysis(ctx: Ctx, month: string): Promise<Buffer> {
  const a = await complaintAnalysis(ctx, month);
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, headers: string[], rows: (string | number)[][]) =>
    addSheet(
      workbook,
      name,
      headers.map((header, i) => ({ header, key: String(i), width: 18 })),
      rows,
    );
  const cause = (key: string | null) =>
    key ? CAUSE_CATEGORY_LABELS[key as keyof typeof CAUSE_CATEGORY_LABELS]["zh-CN"] : "未分析";
  sheet(
    "原因排列图",
    ["原因类别", "件数", "累计占比%"],
    a.causes.map((c) => [cause(c.key), c.count, c.cumulativePercent]),
  );
  sheet(
    "按产品",
    ["料号", "件数"],
    a.products.map((p) => [p.key ?? "（未填）", p.count]),
  );
  sheet(
    "按责任部门",
    ["部门", "件数"],
    a.departments.map((d) => [d.name ?? "（未判定）", d.count]),
  );
  sheet(
    "按类别",
    ["类别", "件数"],
    a.categories.map((c) => [c.name ?? "", c.count]),
  );
  sheet(
    "按严重程度",
    ["严重程度", "件数"],
    a.severities.map((s) => [
      COMPLAINT_SEVERITY_LABELS[s.key as keyof typeof COMPLAINT_SEVERITY_LABELS]["zh-CN"],
      s.count,
    ]),
  );
  sheet(
    "重复投诉客户",
    ["客户", "近 12 个月投诉次数"],
    a.repeatCustomers.map((r) => [r.name ?? "", r.count]),
  );
  sheet(
    "未建客诉处理单",
    ["工单号", "标题", "受理时间"],
    a.withoutRecord.tickets.map((t) => [t.number, t.title, t.receivedAt]),
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "complaint.analysis_exported",
      entityType: "report",
      after: { month, total: a.total },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
