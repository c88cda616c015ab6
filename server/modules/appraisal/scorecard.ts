import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { formatShare } from "../../../common/format";
import { countRatings, type RatingCounts, satisfaction } from "../../../common/satisfaction";
import type { KpiRow, KpiScorecard } from "../../../common/schemas/appraisal";
import { scorecardQuery } from "../../../common/schemas/appraisal";
import { type Executor, queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { calendarPeriod, monthRange } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";
import { holdsCapability } from "../identity/directory";
import { surveySettingsOf } from "../surveys/settings";

type Counts = Omit<KpiRow, "key" | "name" | "department" | keyof Rates>;
type Rates = Pick<
  KpiRow,
  | "resolutionRate"
  | "firstContactRate"
  | "firstResponseRate"
  | "avgResolutionHours"
  | "complaintRate"
  | "callbackRate"
  | "satisfactionIndex"
  | "satisfactionRate"
  | "qaScore"
>;

const share = (part: number, whole: number) => (whole ? part / whole : null);

/** The rates of a row from its counts: one definition for a person, a department and the total. */
export function withRates(counts: Counts): Counts & Rates {
  const s = satisfaction(counts.ratings);
  return {
    ...counts,
    resolutionRate: share(counts.resolved, counts.handled),
    firstContactRate: share(counts.resolvedFirstContact, counts.resolved),
    firstResponseRate: share(Math.max(0, counts.handled - counts.firstResponseLate), counts.handled),
    avgResolutionHours: counts.resolved
      ? Math.round((counts.resolutionHours / counts.resolved) * 10) / 10
      : null,
    complaintRate: share(counts.complaints, counts.handled),
    callbackRate: share(counts.callbacksMade, counts.callbacksDue),
    satisfactionIndex: s.index,
    satisfactionRate: s.rate,
    qaScore: counts.qaInspections ? Math.round((counts.qaPoints / counts.qaInspections) * 10) / 10 : null,
  };
}

const empty = (): Counts => ({
  handled: 0,
  resolved: 0,
  resolvedFirstContact: 0,
  resolutionHours: 0,
  firstResponseLate: 0,
  overdue: 0,
  brokenPromises: 0,
  complaints: 0,
  callbacksDue: 0,
  callbacksMade: 0,
  qaInspections: 0,
  qaPoints: 0,
  ratings: countRatings([]),
});

/** Adds a row's counts into another's (a department's, the total): every count, and the ratings point by point. */
export function addCounts<C extends { ratings: RatingCounts }>(into: C, from: C) {
  for (const key of Object.keys(into) as (keyof C)[]) {
    if (key === "ratings") for (const r of [1, 2, 3, 4, 5] as const) into.ratings[r] += from.ratings[r];
    else (into[key] as number) += from[key] as number;
  }
}

/**
 * The KPI counts (SPEC M8, C115) of everyone who handles tickets, over [from, to) and its local days
 * [firstDay, lastDay]: the tickets received they now hold — resolved, resolved at first contact (never
 * reopened nor transferred), time to resolve, promises broken —; first responses due that came late
 * while they held the ticket; overdue (every service-time breach attributed to them); complaints naming
 * them (C063); callbacks due to them and made; satisfaction attributed to them (C099); the quality
 * inspections of their work scored in the period (SPEC M7).
 */
export async function kpiCounts(
  db: Executor,
  orgId: string,
  range: { from: Date; to: Date; firstDay: string; lastDay: string },
) {
  const [from, to] = [range.from.toISOString(), range.to.toISOString()];
  const people = await queryRows<{
    id: string;
    name: string;
    department: string | null;
    department_id: string | null;
  }>(
    db,
    sql`SELECT u.id, u.display_name AS name, d.name AS department, u.department_id FROM users u
        LEFT JOIN departments d ON d.org_id = u.org_id AND d.id = u.department_id
        WHERE u.org_id = ${orgId} AND NOT u.is_disabled AND ${holdsCapability("ticket.handle")}
        ORDER BY u.display_name`,
  );
  const counts = new Map(people.map((p) => [p.id, empty()]));
  const into = (id: string | null) => (id ? counts.get(id) : undefined);
  // Each figure is a short index walk of the month; on a small machine parallel workers cost more
  // than they save at this size (BENCHMARKS.md), so the reads run one after another without them.
  const [tickets, late, overdue, complaints, callbacks, ratings, inspections] = await db.transaction(
    async (tx) => {
      await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
      return [
        await queryRows<{
          id: string;
          handled: number;
          resolved: number;
          first: number;
          hours: number;
          promises: number;
        }>(
          tx,
          sql`SELECT assignee_id AS id, count(*)::int AS handled, count(resolved_at)::int AS resolved,
            count(*) FILTER (WHERE resolved_at IS NOT NULL AND reopen_count = 0 AND transfer_count = 0)::int AS first,
            coalesce(sum(extract(epoch FROM resolved_at - received_at)) / 3600, 0)::float8 AS hours,
            sum(broken_promises)::int AS promises
          FROM tickets WHERE org_id = ${orgId} AND received_at >= ${from}::timestamptz AND received_at < ${to}::timestamptz
            AND assignee_id IS NOT NULL
          GROUP BY 1`,
        ),
        await queryRows<{ id: string; n: number }>(
          tx,
          sql`SELECT assignee_id AS id, count(*)::int AS n FROM sla_breaches
          WHERE org_id = ${orgId} AND metric = 'first_response'
            AND due_at >= ${from}::timestamptz AND due_at < ${to}::timestamptz
          GROUP BY 1`,
        ),
        await queryRows<{ id: string; n: number }>(
          tx,
          sql`SELECT assignee_id AS id, count(*)::int AS n FROM sla_breaches
          WHERE org_id = ${orgId} AND breached_at >= ${from}::timestamptz AND breached_at < ${to}::timestamptz
          GROUP BY 1`,
        ),
        await queryRows<{ id: string; n: number }>(
          tx,
          sql`SELECT accused_user_id AS id, count(*)::int AS n FROM complaints
          WHERE org_id = ${orgId} AND created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz
            AND accused_user_id IS NOT NULL
          GROUP BY 1`,
        ),
        await queryRows<{ id: string; due: number; made: number }>(
          tx,
          sql`SELECT assignee_id AS id, count(*)::int AS due, count(*) FILTER (WHERE status = 'done')::int AS made
          FROM callback_tasks
          WHERE org_id = ${orgId} AND due_on >= ${range.firstDay}::date AND due_on <= ${range.lastDay}::date
            AND assignee_id IS NOT NULL
          GROUP BY 1`,
        ),
        await queryRows<{ id: string; rating: 1 | 2 | 3 | 4 | 5; n: number }>(
          tx,
          sql`SELECT r.agent_id AS id, r.rating, count(*)::int AS n FROM survey_ratings r
          JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
          WHERE r.org_id = ${orgId} AND r.submitted_at >= ${from}::timestamptz AND r.submitted_at < ${to}::timestamptz
          GROUP BY 1, 2`,
        ),
        await queryRows<{ id: string; n: number; points: number }>(
          tx,
          sql`SELECT agent_id AS id, count(*)::int AS n, sum(final_total)::float8 AS points FROM qa_inspections
          WHERE org_id = ${orgId} AND scored_at >= ${from}::timestamptz AND scored_at < ${to}::timestamptz
          GROUP BY 1`,
        ),
      ] as const;
    },
  );
  for (const r of tickets) {
    const c = into(r.id);
    if (!c) continue;
    Object.assign(c, {
      handled: r.handled,
      resolved: r.resolved,
      resolvedFirstContact: r.first,
      resolutionHours: r.hours,
      brokenPromises: r.promises,
    });
  }
  for (const r of late) if (into(r.id)) into(r.id)!.firstResponseLate = r.n;
  for (const r of overdue) if (into(r.id)) into(r.id)!.overdue = r.n;
  for (const r of complaints) if (into(r.id)) into(r.id)!.complaints = r.n;
  for (const r of callbacks)
    if (into(r.id)) Object.assign(into(r.id)!, { callbacksDue: r.due, callbacksMade: r.made });
  for (const r of ratings) if (into(r.id)) into(r.id)!.ratings[r.rating] += r.n;
  for (const r of inspections)
    if (into(r.id)) Object.assign(into(r.id)!, { qaInspections: r.n, qaPoints: r.points });
  return { people, counts };
}

/** 月度绩效 KPI (SPEC M8, C115): each person's month (or their department's), and the total. */
export async function kpiScorecard(ctx: Ctx, raw: z.input<typeof scorecardQuery>): Promise<KpiScorecard> {
  requireCapability(ctx.actor, "report.view");
  const q = scorecardQuery.parse(raw);
  const { from, to } = await monthRange(ctx, q.month);
  const { first, last } = calendarPeriod("month", `${q.month}-01`);
  const orgId = ctx.actor.orgId;
  const { people, counts } = await kpiCounts(ctx.db, orgId, { from, to, firstDay: first, lastDay: last });

  const total = empty();
  for (const c of counts.values()) addCounts(total, c);
  let rows: KpiRow[];
  if (q.by === "agent") {
    rows = people.map((p) => ({
      key: p.id,
      name: p.name,
      department: p.department,
      ...withRates(counts.get(p.id)!),
    }));
  } else {
    // A team (售后服务部 / 维修服务组) counts in its own row and in each department above it.
    const tree = await queryRows<{ id: string; name: string; parent_id: string | null }>(
      ctx.db,
      sql`SELECT id, name, parent_id FROM departments WHERE org_id = ${orgId}`,
    );
    const byId = new Map(tree.map((d) => [d.id, d]));
    /** A department and those above it, nearest first; no department is a row of its own. */
    const chainOf = (id: string | null): string[] => {
      const d = id ? byId.get(id) : undefined;
      return d ? [d.id, ...(d.parent_id ? chainOf(d.parent_id) : [])] : [""];
    };
    const pathOf = (id: string) =>
      chainOf(id)
        .reverse()
        .map((d) => byId.get(d)!.name)
        .join(" / ");
    const byDepartment = new Map<string, Counts>();
    for (const p of people)
      for (const key of chainOf(p.department_id)) {
        const d = byDepartment.get(key) ?? empty();
        addCounts(d, counts.get(p.id)!);
        byDepartment.set(key, d);
      }
    rows = [...byDepartment]
      .map(([id, c]) => ({ key: id, name: id ? pathOf(id) : null, department: null, ...withRates(c) }))
      .sort((a, b) => (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff", "zh-CN"));
  }
  const { satisfactionTarget } = await surveySettingsOf(ctx.db, orgId);
  return { month: q.month, by: q.by, satisfactionTarget, total: withRates(total), rows };
}

/** A rate as an export shows it. */
export const pct = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? "—" : formatShare(rate, 1);

/** The scorecard as a spreadsheet, audited like every export. */
export async function exportKpiScorecard(ctx: Ctx, raw: z.input<typeof scorecardQuery>) {
  const card = await kpiScorecard(ctx, raw);
  const workbook = new ExcelJS.Workbook();
  const line = (name: string, department: string | null, r: KpiScorecard["total"]) => ({
    name,
    department: department ?? "",
    handled: r.handled,
    resolved: r.resolved,
    resolutionRate: pct(r.resolutionRate),
    firstContactRate: pct(r.firstContactRate),
    firstResponseRate: pct(r.firstResponseRate),
    avgResolutionHours: r.avgResolutionHours ?? "—",
    overdue: r.overdue,
    brokenPromises: r.brokenPromises,
    complaints: r.complaints,
    callbackRate: r.callbacksDue ? `${r.callbacksMade}/${r.callbacksDue}` : "—",
    satisfactionIndex: r.satisfactionIndex ?? "—",
    satisfactionRate: pct(r.satisfactionRate),
    qaScore: r.qaScore ?? "—",
  });
  addSheet(
    workbook,
    `绩效 ${card.month}`,
    [
      { header: card.by === "agent" ? "姓名" : "部门", key: "name", width: 16 },
      { header: "部门", key: "department", width: 14 },
      { header: "受理", key: "handled", width: 8 },
      { header: "解决", key: "resolved", width: 8 },
      { header: "解决率", key: "resolutionRate", width: 10 },
      { header: "一次解决率", key: "firstContactRate", width: 12 },
      { header: "首次响应达标率", key: "firstResponseRate", width: 14 },
      { header: "平均解决时长（小时）", key: "avgResolutionHours", width: 18 },
      { header: "逾期", key: "overdue", width: 8 },
      { header: "失约", key: "brokenPromises", width: 8 },
      { header: "被投诉", key: "complaints", width: 8 },
      { header: "回访完成", key: "callbackRate", width: 10 },
      { header: "满意度指数", key: "satisfactionIndex", width: 12 },
      { header: "满意率", key: "satisfactionRate", width: 10 },
      { header: "质检得分", key: "qaScore", width: 10 },
    ],
    [...card.rows.map((r) => line(r.name ?? "（未指定）", r.department, r)), line("合计", null, card.total)],
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "appraisal.scorecard_exported",
      entityType: "report",
      after: { month: card.month, by: card.by },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
