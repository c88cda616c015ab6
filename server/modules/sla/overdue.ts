import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { SLA_METRICS, type SlaMetric, type TicketStatus } from "../../../common/enums";
import { SLA_METRIC_LABELS } from "../../../common/labels";
import { monthParam } from "../../../common/schemas/fields";
import type { OverdueReportRow } from "../../../common/schemas/service-time";
import { breachListQuery } from "../../../common/schemas/service-time";
import { queryRows } from "../../db/client";
import { departments, slaBreaches, tickets, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { monthRange } from "../../lib/periods";
import { iso } from "../../lib/present";
import { addSheet } from "../../lib/xlsx";
import { visibleTickets } from "../tickets/policy";

/** 逾期清单 (C047): the month's breaches, per department, with their reasons; within the actor's scope. */
export async function listBreaches(ctx: Ctx, raw: z.input<typeof breachListQuery>) {
  requireCapability(ctx.actor, "ticket.view");
  const q = breachListQuery.parse(raw);
  const { from, to } = await monthRange(ctx, q.month);
  const where = and(
    eq(slaBreaches.orgId, ctx.actor.orgId),
    gte(slaBreaches.breachedAt, from),
    lt(slaBreaches.breachedAt, to),
    q.departmentId ? eq(slaBreaches.departmentId, q.departmentId) : undefined,
    q.metric ? eq(slaBreaches.metric, q.metric) : undefined,
    visibleTickets(ctx.actor),
  );
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(slaBreaches)
    .innerJoin(tickets, and(eq(tickets.orgId, slaBreaches.orgId), eq(tickets.id, slaBreaches.ticketId)))
    .where(where);
  const rows = await ctx.db
    .select({
      b: slaBreaches,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      departmentName: departments.name,
      assigneeName: users.displayName,
    })
    .from(slaBreaches)
    .innerJoin(tickets, and(eq(tickets.orgId, slaBreaches.orgId), eq(tickets.id, slaBreaches.ticketId)))
    .leftJoin(
      departments,
      and(eq(departments.orgId, slaBreaches.orgId), eq(departments.id, slaBreaches.departmentId)),
    )
    .leftJoin(users, and(eq(users.orgId, slaBreaches.orgId), eq(users.id, slaBreaches.assigneeId)))
    .where(where)
    .orderBy(desc(slaBreaches.breachedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => ({
      id: r.b.id,
      ticketId: r.b.ticketId,
      number: r.number,
      title: r.title,
      ticketStatus: r.status as TicketStatus,
      metric: r.b.metric,
      dueAt: iso(r.b.dueAt),
      department:
        r.b.departmentId && r.departmentName ? { id: r.b.departmentId, name: r.departmentName } : null,
      assignee: r.b.assigneeId && r.assigneeName ? { id: r.b.assigneeId, name: r.assigneeName } : null,
      reason: r.b.reason,
      canExplain:
        r.b.assigneeId === (ctx.actor.type === "user" ? ctx.actor.userId : null) ||
        can(ctx.actor, "ticket.assign"),
    })),
    Number(n),
  );
}

/** The handler (or a supervisor) records why a deadline was missed; the reason is audited. */
export async function explainBreach(ctx: Ctx, id: string, reason: string) {
  requireCapability(ctx.actor, "ticket.handle");
  const text = z.string().trim().min(1).max(500).parse(reason);
  return ctx.db.transaction(async (tx) => {
    const [breach] = await tx
      .select()
      .from(slaBreaches)
      .where(and(eq(slaBreaches.orgId, ctx.actor.orgId), eq(slaBreaches.id, id)));
    if (!breach) throw notFound();
    const userId = ctx.actor.type === "user" ? ctx.actor.userId : null;
    if (breach.assigneeId !== userId && !can(ctx.actor, "ticket.assign"))
      throw new AppError("FORBIDDEN", 403, { capability: "ticket.assign" });
    await tx
      .update(slaBreaches)
      .set({ reason: text, reasonBy: userId, reasonAt: new Date() })
      .where(and(eq(slaBreaches.orgId, ctx.actor.orgId), eq(slaBreaches.id, id)));
    await writeAudit(tx, ctx, {
      action: "sla.breach_explained",
      entityType: "ticket",
      entityId: breach.ticketId,
      before: { reason: breach.reason },
      after: { reason: text, metric: breach.metric },
    });
  });
}

/**
 * 月度逾期报告 (C047): per department, the clocks due in the month, how many were met, the breaches
 * per clock, how many have a reason and how many are still overdue.
 */
export async function overdueReport(ctx: Ctx, month: string): Promise<OverdueReportRow[]> {
  requireCapability(ctx.actor, "report.view");
  const { from, to } = await monthRange(ctx, monthParam.parse(month));
  const orgId = ctx.actor.orgId;
  const rows = await queryRows<{
    department_id: string | null;
    department_name: string | null;
    metric: SlaMetric;
    due: number;
    met: number;
    breached: number;
    explained: number;
    still_overdue: number;
  }>(
    ctx.db,
    sql`
    WITH due AS (
      SELECT t.department_id, c.metric,
        count(*)::int AS due,
        count(*) FILTER (WHERE c.state = 'stopped' AND c.breached_at IS NULL)::int AS met
      FROM ticket_sla_clocks c JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id
      WHERE c.org_id = ${orgId} AND c.state <> 'replaced'
        AND c.due_at >= ${from.toISOString()}::timestamptz AND c.due_at < ${to.toISOString()}::timestamptz
      GROUP BY 1, 2),
    late AS (
      SELECT b.department_id, b.metric,
        count(*)::int AS breached,
        count(b.reason)::int AS explained,
        count(*) FILTER (WHERE c.state IN ('running', 'paused'))::int AS still_overdue
      FROM sla_breaches b JOIN ticket_sla_clocks c ON c.org_id = b.org_id AND c.id = b.clock_id
      WHERE b.org_id = ${orgId}
        AND b.breached_at >= ${from.toISOString()}::timestamptz AND b.breached_at < ${to.toISOString()}::timestamptz
      GROUP BY 1, 2)
    SELECT coalesce(due.department_id, late.department_id) AS department_id, d.name AS department_name,
      coalesce(due.metric, late.metric) AS metric,
      coalesce(due.due, 0) AS due, coalesce(due.met, 0) AS met, coalesce(late.breached, 0) AS breached,
      coalesce(late.explained, 0) AS explained, coalesce(late.still_overdue, 0) AS still_overdue
    FROM due FULL JOIN late ON late.department_id IS NOT DISTINCT FROM due.department_id AND late.metric = due.metric
    LEFT JOIN departments d ON d.org_id = ${orgId} AND d.id = coalesce(due.department_id, late.department_id)
    ORDER BY d.sort_order NULLS LAST`,
  );
  const byDepartment = new Map<string, OverdueReportRow>();
  for (const r of rows) {
    const key = r.department_id ?? "";
    let row = byDepartment.get(key);
    if (!row) {
      row = {
        departmentId: r.department_id,
        departmentName: r.department_name,
        due: 0,
        met: 0,
        breaches: Object.fromEntries(SLA_METRICS.map((m) => [m, 0])) as Record<SlaMetric, number>,
        breached: 0,
        explained: 0,
        stillOverdue: 0,
      };
      byDepartment.set(key, row);
    }
    row.due += Number(r.due);
    row.met += Number(r.met);
    row.breaches[r.metric] += Number(r.breached);
    row.breached += Number(r.breached);
    row.explained += Number(r.explained);
    row.stillOverdue += Number(r.still_overdue);
  }
  return [...byDepartment.values()];
}

/** The monthly report as a spreadsheet (audited like every export). */
export async function exportOverdueReport(ctx: Ctx, month: string): Promise<Buffer> {
  const rows = await overdueReport(ctx, month);
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    `逾期报告 ${month}`,
    [
      { header: "部门", key: "department", width: 18 },
      { header: "到期时限数", key: "due", width: 12 },
      { header: "按时完成", key: "met", width: 10 },
      ...SLA_METRICS.map((m) => ({ header: `逾期：${SLA_METRIC_LABELS[m]["zh-CN"]}`, key: m, width: 14 })),
      { header: "逾期合计", key: "breached", width: 10 },
      { header: "已说明原因", key: "explained", width: 12 },
      { header: "仍逾期未办结", key: "stillOverdue", width: 14 },
    ],
    rows.map((r) => ({ ...r, ...r.breaches, department: r.departmentName ?? "（未分配部门）" })),
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "sla.overdue_report_exported",
      entityType: "report",
      after: { month, rows: rows.length },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
