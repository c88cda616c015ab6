import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { formatShare } from "../../../common/format";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import {
  actionDoneInput,
  analysisSubmitInput,
  improvementActionInput,
  quarterParam,
} from "../../../common/schemas/surveys";
import { type Db, type Executor, queryRows } from "../../db/client";
import { improvementActions, organizations, satisfactionAnalyses, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, notFound } from "../../lib/errors";
import { calendarPeriod, officeToday, orgTimeZone } from "../../lib/periods";
import { addSheet } from "../../lib/xlsx";
import { usersWithCapability, usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { satisfactionFigures } from "./scores";

/** The comments a report lists, newest first; the problem counts cover every response. */
const COMMENTS_SHOWN = 500;

const quarterDays = (quarter: string) =>
  calendarPeriod(
    "quarter",
    `${quarter.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 1).padStart(2, "0")}-01`,
  );

type Answers = Record<string, number | string | string[]>;

/** C098: a quarter's satisfaction analysis is due by the 30th of its last month. */
export const analysisDueOn = (quarter: string) =>
  `${quarter.slice(0, 4)}-${String(Number(quarter.slice(6)) * 3).padStart(2, "0")}-30`;

/**
 * What a response complains of (C106): the question it rated lowest, at 一般 or below; null when it
 * rated everything satisfied.
 */
export function problemOf(questions: SurveyQuestion[], answers: Answers): string | null {
  let worst: { text: string; rating: number } | null = null;
  for (const q of questions)
    if (q.kind === "scale" && typeof answers[q.id] === "number" && (answers[q.id] as number) <= 3)
      if (!worst || (answers[q.id] as number) < worst.rating)
        worst = { text: q.text, rating: answers[q.id] as number };
  return worst?.text ?? null;
}

/**
 * 客户满意度调查分析报告 (C098, C106): a quarter's satisfaction overall, per department and per person;
 * the customers' comments classified by the problem they rated lowest, with how many responses
 * complain of each; the improvement actions with owners; whether it was submitted to management.
 * Raw comments are survey material: for its custodians only (C107).
 */
export async function quarterAnalysis(ctx: Ctx, quarter: string) {
  requireCapability(ctx.actor, "survey.raw.view");
  const q = quarterParam.parse(quarter);
  const days = quarterDays(q);
  const range = { from: days.first, to: days.last };
  const [overall, departments, agents] = await Promise.all(
    (["question", "department", "agent"] as const).map((by) =>
      satisfactionFigures(ctx.db, ctx.actor.orgId, { ...range, by }),
    ),
  );
  const timeZone = await orgTimeZone(ctx);
  const responses = await queryRows<{
    id: string;
    answers: Answers;
    questions: SurveyQuestion[];
    number: string | null;
    submitted_at: Date;
  }>(
    ctx.db,
    sql`SELECT s.id, s.answers, tpl.questions, t.number, s.submitted_at
        FROM survey_responses s
        JOIN survey_templates tpl ON tpl.org_id = s.org_id AND tpl.id = s.template_id
        JOIN survey_invitations i ON i.org_id = s.org_id AND i.id = s.invitation_id
        LEFT JOIN tickets t ON t.org_id = i.org_id AND t.id = i.ticket_id
        WHERE s.org_id = ${ctx.actor.orgId} AND s.valid
          AND s.submitted_at >= ${startOfLocalDay(days.first, timeZone).toISOString()}::timestamptz
          AND s.submitted_at < ${startOfLocalDay(addDays(days.last, 1), timeZone).toISOString()}::timestamptz
        ORDER BY s.submitted_at DESC`,
  );
  const problems = new Map<string, number>();
  const comments: {
    ticketNumber: string | null;
    submittedAt: string;
    problem: string | null;
    text: string;
  }[] = [];
  for (const r of responses) {
    const problem = problemOf(r.questions, r.answers);
    if (problem) problems.set(problem, (problems.get(problem) ?? 0) + 1);
    const text = r.questions
      .filter(
        (x) => x.kind === "text" && typeof r.answers[x.id] === "string" && (r.answers[x.id] as string).trim(),
      )
      .map((x) => r.answers[x.id] as string)
      .join("；");
    if (text && comments.length < COMMENTS_SHOWN)
      comments.push({
        ticketNumber: r.number,
        submittedAt: new Date(r.submitted_at).toISOString(),
        problem,
        text,
      });
  }
  const actions = await queryRows<{
    id: string;
    problem: string;
    action: string;
    ownerId: string;
    owner: string;
    dueOn: string;
    status: "open" | "done";
    result: string | null;
  }>(
    ctx.db,
    sql`SELECT a.id, a.problem, a.action, a.owner_id AS "ownerId", u.display_name AS owner, a.due_on::text AS "dueOn",
          a.status, a.result
        FROM improvement_actions a JOIN users u ON u.org_id = a.org_id AND u.id = a.owner_id
        WHERE a.org_id = ${ctx.actor.orgId} AND a.quarter = ${q}
        ORDER BY a.created_at, a.id`,
  );
  const [submitted] = await ctx.db
    .select({
      summary: satisfactionAnalyses.summary,
      submittedAt: satisfactionAnalyses.submittedAt,
      by: users.displayName,
    })
    .from(satisfactionAnalyses)
    .leftJoin(
      users,
      and(eq(users.orgId, satisfactionAnalyses.orgId), eq(users.id, satisfactionAnalyses.submittedBy)),
    )
    .where(and(eq(satisfactionAnalyses.orgId, ctx.actor.orgId), eq(satisfactionAnalyses.quarter, q)));
  return {
    quarter: q,
    from: days.first,
    to: days.last,
    dueOn: analysisDueOn(q),
    target: overall.target,
    overall: overall.overall,
    questions: overall.rows,
    departments: departments.rows,
    agents: agents.rows,
    responses: responses.length,
    problems: [...problems]
      .map(([problem, n]) => ({ problem, responses: n }))
      .sort((a, b) => b.responses - a.responses),
    comments,
    actions,
    submitted: submitted
      ? { summary: submitted.summary, at: submitted.submittedAt.toISOString(), by: submitted.by }
      : null,
  };
}
export type QuarterAnalysis = Awaited<ReturnType<typeof quarterAnalysis>>;

/**
 * Each person's satisfaction rate as a submitted analysis keeps it — its figures are what
 * quarterAnalysis gave when it was submitted — for that quarter's appraisal (C098).
 */
export async function submittedSatisfactionRates(tx: Executor, orgId: string, quarter: string) {
  const [row] = await tx
    .select({ figures: satisfactionAnalyses.figures })
    .from(satisfactionAnalyses)
    .where(and(eq(satisfactionAnalyses.orgId, orgId), eq(satisfactionAnalyses.quarter, quarter)));
  if (!row) return null;
  const agents = (row.figures as Pick<QuarterAnalysis, "agents">).agents;
  return new Map(agents.map((a) => [a.key, a.rate]));
}

/** 改进措施: an action against a problem of the quarter, with its owner and deadline; the owner is told. */
export async function addImprovementAction(
  ctx: Ctx,
  quarter: string,
  raw: z.input<typeof improvementActionInput>,
) {
  requireCapability(ctx.actor, "survey.raw.view");
  const q = quarterParam.parse(quarter);
  const input = improvementActionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.ownerId), eq(users.orgId, ctx.actor.orgId)));
    if (!owner) throw notFound("USER_NOT_FOUND");
    const [created] = await tx
      .insert(improvementActions)
      .values({ orgId: ctx.actor.orgId, quarter: q, ...input, createdBy: actorUserId(ctx.actor) })
      .returning();
    await writeAudit(tx, ctx, {
      action: "survey.action_added",
      entityType: "improvement_action",
      entityId: created.id,
      after: { quarter: q, ...input },
    });
    await notifyUsers(tx, ctx.actor.orgId, [input.ownerId], {
      kind: "improvement_action",
      params: {
        quarter: q,
        action: input.action,
        dueOn: input.dueOn,
        path: `/satisfaction-analysis?quarter=${q}`,
      },
    });
    return created;
  });
}

/** The owner (or a custodian of the survey) records what the action achieved. */
export async function completeImprovementAction(ctx: Ctx, id: string, raw: z.input<typeof actionDoneInput>) {
  const input = actionDoneInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(improvementActions)
      .where(and(eq(improvementActions.id, id), eq(improvementActions.orgId, ctx.actor.orgId)))
      .for("update");
    if (!a) throw notFound("IMPROVEMENT_ACTION_NOT_FOUND");
    if (a.ownerId !== actorUserId(ctx.actor) && !can(ctx.actor, "survey.raw.view"))
      throw new AppError("FORBIDDEN", 403, { capability: "survey.raw.view" });
    if (a.status === "done") throw conflict("IMPROVEMENT_ACTION_DONE");
    const [saved] = await tx
      .update(improvementActions)
      .set({ status: "done", result: input.result, doneAt: new Date() })
      .where(and(eq(improvementActions.orgId, ctx.actor.orgId), eq(improvementActions.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "survey.action_done",
      entityType: "improvement_action",
      entityId: id,
      after: input,
    });
    return saved;
  });
}

/**
 * Submits the quarter's analysis to the 业务部经理 and 总经理 (C106): the figures are kept as they are
 * now, once a quarter — and only once the quarter has begun to have answers.
 */
export async function submitAnalysis(ctx: Ctx, quarter: string, raw: z.input<typeof analysisSubmitInput>) {
  const input = analysisSubmitInput.parse(raw);
  const analysis = await quarterAnalysis(ctx, quarter);
  if (!analysis.responses) throw invalid("ANALYSIS_NO_ANSWERS");
  return ctx.db.transaction(async (tx) => {
    const { submitted: _, ...figures } = analysis;
    const [saved] = await tx
      .insert(satisfactionAnalyses)
      .values({
        orgId: ctx.actor.orgId,
        quarter: analysis.quarter,
        summary: input.summary,
        figures,
        submittedBy: actorUserId(ctx.actor),
      })
      .onConflictDoNothing()
      .returning();
    if (!saved) throw conflict("ANALYSIS_SUBMITTED", { quarter: analysis.quarter });
    await writeAudit(tx, ctx, {
      action: "survey.analysis_submitted",
      entityType: "satisfaction_analysis",
      entityId: saved.id,
      after: { quarter: analysis.quarter, summary: input.summary },
    });
    await notifyUsers(
      tx,
      ctx.actor.orgId,
      await usersWithRole(tx, ctx.actor.orgId, ["manager", "general_manager"]),
      {
        kind: "satisfaction_analysis",
        params: { quarter: analysis.quarter, path: `/satisfaction-analysis?quarter=${analysis.quarter}` },
      },
    );
    return saved;
  });
}

const rate = (s: { counts: Record<number, number>; n: number }) =>
  formatShare(s.counts[4] + s.counts[5], s.n);

/** The analysis as a spreadsheet: scores, problems, comments, actions — audited like every export. */
export async function exportAnalysis(ctx: Ctx, quarter: string) {
  const a = await quarterAnalysis(ctx, quarter);
  const workbook = new ExcelJS.Workbook();
  const scoreColumns = [
    { header: "对象", key: "name", width: 28 },
    { header: "评价数", key: "n", width: 8 },
    { header: "满意度指数", key: "index", width: 12 },
    { header: "满意率", key: "rate", width: 10 },
  ];
  const scoreRow = (name: string | null, s: QuarterAnalysis["overall"]) => ({
    name: name ?? "（未指定）",
    n: s.n,
    index: s.index ?? "—",
    rate: rate(s),
  });
  addSheet(workbook, `满意度 ${a.quarter}`, scoreColumns, [
    scoreRow("合计", a.overall),
    ...a.questions.map((x) => scoreRow(x.name, x)),
  ]);
  addSheet(
    workbook,
    "部门",
    scoreColumns,
    a.departments.map((x) => scoreRow(x.name, x)),
  );
  addSheet(
    workbook,
    "人员",
    scoreColumns,
    a.agents.map((x) => scoreRow(x.name, x)),
  );
  addSheet(
    workbook,
    "问题分类",
    [
      { header: "问题", key: "problem", width: 40 },
      { header: "不满意答卷", key: "responses", width: 12 },
    ],
    a.problems,
  );
  addSheet(
    workbook,
    "客户意见",
    [
      { header: "工单", key: "ticketNumber", width: 18 },
      { header: "问题", key: "problem", width: 30 },
      { header: "意见", key: "text", width: 60 },
    ],
    a.comments.map((c) => ({ ...c, problem: c.problem ?? "（满意）" })),
  );
  addSheet(
    workbook,
    "改进措施",
    [
      { header: "问题", key: "problem", width: 24 },
      { header: "措施", key: "action", width: 40 },
      { header: "负责人", key: "owner", width: 10 },
      { header: "期限", key: "dueOn", width: 12 },
      { header: "结果", key: "result", width: 40 },
    ],
    a.actions.map((x) => ({ ...x, result: x.result ?? "进行中" })),
  );
  await ctx.db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: "survey.analysis_exported",
      entityType: "report",
      after: { quarter: a.quarter },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** How often every server looks for a quarter's analysis coming due. */
export const ANALYSIS_REMINDER_MS = 60 * 60_000;
/** Days before the 30th that the custodians of survey material are reminded. */
export const ANALYSIS_REMINDER_DAYS = 7;

/**
 * C098: a week before the 30th of a quarter's last month, whoever keeps the survey material
 * (`survey.raw.view`) is reminded — once — that the quarter's analysis is due, unless it has been
 * submitted. Returns how many organisations were reminded.
 */
export async function remindAnalysisDue(db: Db, now = new Date()) {
  let reminded = 0;
  for (const { id: orgId } of await db.select({ id: organizations.id }).from(organizations)) {
    const today = await officeToday(db, orgId, now);
    const { key: quarter } = calendarPeriod("quarter", today);
    const dueOn = analysisDueOn(quarter);
    if (today < addDays(dueOn, -ANALYSIS_REMINDER_DAYS) || today > dueOn) continue;
    await db.transaction(async (tx) => {
      // One reminder a quarter, whichever server gets here first.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`analysis-due:${orgId}`}))`);
      const [done] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT (SELECT count(*) FROM satisfaction_analyses WHERE org_id = ${orgId} AND quarter = ${quarter})
              + (SELECT count(*) FROM notifications WHERE org_id = ${orgId} AND kind = 'analysis_due'
                  AND params->>'quarter' = ${quarter}) AS n`,
      );
      if (Number(done.n) > 0) return;
      await notifyUsers(tx, orgId, await usersWithCapability(tx, orgId, "survey.raw.view"), {
        kind: "analysis_due",
        params: { quarter, dueOn, path: `/satisfaction-analysis?quarter=${quarter}` },
      });
      reminded++;
    });
  }
  return reminded;
}
