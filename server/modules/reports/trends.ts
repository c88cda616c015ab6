import { type SQL, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { formatShare } from "../../../common/format";
import { CHANNEL_LABELS, TYPE_LABELS } from "../../../common/labels";
import { countRatings, satisfaction } from "../../../common/satisfaction";
import type { TrendBucket, TrendReport } from "../../../common/schemas/reports";
import { trendQuery } from "../../../common/schemas/reports";
import { type Executor, queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { invalid } from "../../lib/errors";
import { calendarPeriod, officeCalendar } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";

/** At most this many weeks or months side by side. */
export const MAX_BUCKETS = 26;

/** The weeks or months from the one `from` falls in to the one `to` falls in. */
function bucketsOf(granularity: "week" | "month", from: string, to: string) {
  const buckets: ReturnType<typeof calendarPeriod>[] = [];
  for (
    let p = calendarPeriod(granularity, from);
    p.first <= to;
    p = calendarPeriod(granularity, addDays(p.last, 1))
  ) {
    buckets.push(p);
    if (buckets.length > MAX_BUCKETS) break;
  }
  return buckets;
}

/**
 * 服务趋势 (SPEC M12): per week or month — tickets received, by channel and type, and resolved; first
 * responses and resolutions on time against their service times (of the tickets received then);
 * breaches; satisfaction (C095); quality inspections scored; and the range's work orders by product.
 */
export async function trendReport(
  db: Executor,
  orgId: string,
  raw: z.input<typeof trendQuery>,
): Promise<TrendReport> {
  const q = trendQuery.parse(raw);
  if (q.from > q.to) throw invalid("REPORT_RANGE_INVALID");
  const periods = bucketsOf(q.granularity, q.from, q.to);
  if (periods.length > MAX_BUCKETS) throw invalid("REPORT_RANGE_TOO_LONG", { max: MAX_BUCKETS });
  const { timeZone } = await officeCalendar(db, orgId);
  const from = startOfLocalDay(periods[0].first, timeZone).toISOString();
  const to = startOfLocalDay(addDays(periods[periods.length - 1].last, 1), timeZone).toISOString();
  const bucket = (column: SQL) =>
    q.granularity === "month"
      ? sql`to_char(${column} AT TIME ZONE ${timeZone}, 'YYYY-MM')`
      : sql`to_char(${column} AT TIME ZONE ${timeZone}, 'IYYY-"W"IW')`;
  const within = (column: SQL) => sql`${column} >= ${from}::timestamptz AND ${column} < ${to}::timestamptz`;
  const [tickets, clocks, breaches, ratings, inspections, byProduct] = await Promise.all([
    queryRows<{ b: string; channel: string; type: string; n: number; resolved: number }>(
      db,
      sql`SELECT ${bucket(sql`received_at`)} AS b, channel, type, count(*)::int AS n, count(resolved_at)::int AS resolved
          FROM tickets WHERE org_id = ${orgId} AND channel <> 'internal' AND ${within(sql`received_at`)}
          GROUP BY 1, 2, 3`,
    ),
    queryRows<{ b: string; metric: string; met: number; breached: number }>(
      db,
      sql`SELECT ${bucket(sql`t.received_at`)} AS b, c.metric,
            count(*) FILTER (WHERE c.state = 'stopped' AND c.breached_at IS NULL)::int AS met,
            count(c.breached_at)::int AS breached
          FROM ticket_sla_clocks c JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id
          WHERE c.org_id = ${orgId} AND c.metric IN ('first_response', 'resolution') AND c.state <> 'replaced'
            AND ${within(sql`t.received_at`)}
          GROUP BY 1, 2`,
    ),
    queryRows<{ b: string; n: number }>(
      db,
      sql`SELECT ${bucket(sql`breached_at`)} AS b, count(*)::int AS n FROM sla_breaches
          WHERE org_id = ${orgId} AND ${within(sql`breached_at`)} GROUP BY 1`,
    ),
    queryRows<{ b: string; rating: 1 | 2 | 3 | 4 | 5; n: number }>(
      db,
      sql`SELECT ${bucket(sql`r.submitted_at`)} AS b, r.rating, count(*)::int AS n
          FROM survey_ratings r JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
          WHERE r.org_id = ${orgId} AND ${within(sql`r.submitted_at`)} GROUP BY 1, 2`,
    ),
    queryRows<{ b: string; n: number; avg: number }>(
      db,
      sql`SELECT ${bucket(sql`scored_at`)} AS b, count(*)::int AS n, avg(final_total)::float8 AS avg
          FROM qa_inspections WHERE org_id = ${orgId} AND ${within(sql`scored_at`)} GROUP BY 1`,
    ),
    queryRows<{ product: string; n: number }>(
      db,
      sql`SELECT product, count(*)::int AS n FROM work_orders
          WHERE org_id = ${orgId} AND ${within(sql`created_at`)}
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
    ),
  ]);
  const buckets = periods.map((p): TrendBucket => {
    const mine = tickets.filter((t) => t.b === p.key);
    const sum = (key: "channel" | "type") => {
      const totals: Record<string, number> = {};
      for (const t of mine) totals[t[key]] = (totals[t[key]] ?? 0) + t.n;
      return totals;
    };
    const clock = (metric: string) => {
      const c = clocks.find((x) => x.b === p.key && x.metric === metric);
      return { met: c?.met ?? 0, breached: c?.breached ?? 0 };
    };
    const counts = countRatings([]);
    for (const r of ratings.filter((x) => x.b === p.key)) counts[r.rating] += r.n;
    const s = satisfaction(counts);
    const qa = inspections.find((x) => x.b === p.key);
    return {
      key: p.key,
      first: p.first,
      last: p.last,
      received: mine.reduce((n, t) => n + t.n, 0),
      resolved: mine.reduce((n, t) => n + t.resolved, 0),
      byChannel: sum("channel"),
      byType: sum("type"),
      firstResponse: clock("first_response"),
      resolution: clock("resolution"),
      overdue: breaches.find((x) => x.b === p.key)?.n ?? 0,
      ratings: counts,
      satisfactionRate: s.rate,
      satisfactionIndex: s.index,
      qaInspections: qa?.n ?? 0,
      qaAverage: qa ? Math.round(qa.avg * 10) / 10 : null,
    };
  });
  return { granularity: q.granularity, buckets, byProduct };
}

export async function trendReportFor(ctx: Ctx, raw: z.input<typeof trendQuery>) {
  requireCapability(ctx.actor, "report.view");
  return trendReport(ctx.db, ctx.actor.orgId, raw);
}

const attainment = (m: { met: number; breached: number }) => formatShare(m.met, m.met + m.breached);

/** The trend as a spreadsheet: the periods, their channels and types, the products. */
export async function trendWorkbook(report: TrendReport) {
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    report.granularity === "week" ? "服务周报" : "服务月报",
    [
      { header: "期间", key: "key", width: 12 },
      { header: "受理", key: "received", width: 8 },
      { header: "解决", key: "resolved", width: 8 },
      { header: "首次响应达标率", key: "firstResponse", width: 14 },
      { header: "解决时限达标率", key: "resolution", width: 14 },
      { header: "超时", key: "overdue", width: 8 },
      { header: "满意率", key: "satisfactionRate", width: 10 },
      { header: "满意度指数", key: "satisfactionIndex", width: 12 },
      { header: "质检数", key: "qaInspections", width: 8 },
      { header: "质检平均分", key: "qaAverage", width: 12 },
    ],
    report.buckets.map((b) => ({
      ...b,
      firstResponse: attainment(b.firstResponse),
      resolution: attainment(b.resolution),
      satisfactionRate: b.satisfactionRate === null ? "—" : formatShare(b.satisfactionRate, 1),
      satisfactionIndex: b.satisfactionIndex ?? "—",
      qaAverage: b.qaAverage ?? "—",
    })),
  );
  const channels = [...new Set(report.buckets.flatMap((b) => Object.keys(b.byChannel)))];
  const types = [...new Set(report.buckets.flatMap((b) => Object.keys(b.byType)))];
  addSheet(
    workbook,
    "渠道与类型",
    [
      { header: "期间", key: "key", width: 12 },
      ...channels.map((c) => ({
        header: CHANNEL_LABELS[c as keyof typeof CHANNEL_LABELS]?.["zh-CN"] ?? c,
        key: `c_${c}`,
        width: 10,
      })),
      ...types.map((x) => ({
        header: TYPE_LABELS[x as keyof typeof TYPE_LABELS]?.["zh-CN"] ?? x,
        key: `t_${x}`,
        width: 10,
      })),
    ],
    report.buckets.map((b) => ({
      key: b.key,
      ...Object.fromEntries(channels.map((c) => [`c_${c}`, b.byChannel[c] ?? 0])),
      ...Object.fromEntries(types.map((x) => [`t_${x}`, b.byType[x] ?? 0])),
    })),
  );
  addSheet(
    workbook,
    "产品",
    [
      { header: "产品", key: "product", width: 24 },
      { header: "派工单", key: "n", width: 10 },
    ],
    report.byProduct,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportTrendReport(ctx: Ctx, raw: z.input<typeof trendQuery>) {
  const report = await trendReportFor(ctx, raw);
  const content = await trendWorkbook(report);
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "report.trend_exported",
      entityType: "report",
      after: trendQuery.parse(raw),
    }),
  );
  return content;
}
