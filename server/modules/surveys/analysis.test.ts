import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { notifications, surveyInvitations, surveyResponses } from "../../db/schema";
import { calendarPeriod } from "../../lib/periods";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  defaultAnswers,
  setupTestOrg,
} from "../../test/factories";
import { appraisalResultsOf, openAppraisal, recalculateAppraisal } from "../appraisal/periods";
import { changeTicketStatus } from "../tickets/change-status";
import {
  addImprovementAction,
  analysisDueOn,
  completeImprovementAction,
  quarterAnalysis,
  remindAnalysisDue,
  submitAnalysis,
} from "./analysis";
import { answerSurvey } from "./answers";
import { DEFAULT_QUESTIONS } from "./templates";

const env = setupTestOrg();
const timeliness = DEFAULT_QUESTIONS.find((q) => q.id === "timeliness")!.text;

describe("quarterly satisfaction analysis", () => {
  it("C106 C098 scores the quarter per department and person, classifies comments by what was rated lowest, carries improvement actions and goes once to management", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent", { name: "葛客服" });
    const manager = await createStaff(env.database, org, "manager", { name: "奚经理" });
    const supervisor = await createStaff(env.database, org, "supervisor", { name: "范主管" });
    const gm = await createStaff(env.database, org, "general_manager");
    for (const answers of [
      { service: 5, timeliness: 5, result: 5, quality: 5, suggestion: "服务很好" },
      { service: 4, timeliness: 2, result: 4, quality: 3, suggestion: "上门太慢，等了三天" },
    ]) {
      const t = await createTestTicket(agent, { newCustomer: { name: "殷女士", phone: "13811112222" } });
      await changeTicketStatus(agent, t.id, { action: "start" });
      await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
      const [invitation] = await db
        .select()
        .from(surveyInvitations)
        .where(eq(surveyInvitations.ticketId, t.id));
      await answerSurvey(db, invitation.token, { answers });
    }
    const quarter = calendarPeriod("quarter", localIsoDate(new Date(), "Asia/Shanghai")).key;
    expect(await codeOf(quarterAnalysis(agent, quarter))).toBe("FORBIDDEN");
    const a = await quarterAnalysis(manager, quarter);
    expect(a.responses).toBe(2);
    // The second rated timeliness 2 and quality 3: the lowest, timeliness, is its problem.
    expect(a.problems).toEqual([{ problem: timeliness, responses: 1 }]);
    expect(a.comments.map((c) => [c.text, c.problem]).sort()).toEqual(
      [
        ["上门太慢，等了三天", timeliness],
        ["服务很好", null],
      ].sort(),
    );
    // 8 ratings: 5,5,5,5,4,2,4,3 → six of 4–5.
    expect(a.overall).toMatchObject({ n: 8, rate: 0.75 });
    expect(a.agents.find((r) => r.name === "葛客服")).toMatchObject({ n: 8 });
    expect(a.departments.find((r) => r.name === "客服部")).toMatchObject({ n: 8 });

    const dueOn = addDays(localIsoDate(new Date(), "Asia/Shanghai"), 30);
    const action = await addImprovementAction(manager, quarter, {
      problem: timeliness,
      action: "维修工单派工后 24 小时内上门，超时自动提醒派工员",
      ownerId: supervisor.actor.userId,
      dueOn,
    });
    const [told] = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, supervisor.actor.userId), eq(notifications.kind, "improvement_action")),
      );
    expect(told.params).toMatchObject({ quarter, dueOn });
    expect(await codeOf(completeImprovementAction(agent, action.id, { result: "已完成" }))).toBe("FORBIDDEN");
    await completeImprovementAction(supervisor, action.id, { result: "上线超时提醒，11 月平均上门 18 小时" });
    expect(await codeOf(completeImprovementAction(supervisor, action.id, { result: "再次" }))).toBe(
      "IMPROVEMENT_ACTION_DONE",
    );
    expect((await quarterAnalysis(manager, quarter)).actions).toMatchObject([
      { status: "done", owner: "范主管" },
    ]);

    expect(await codeOf(submitAnalysis(manager, "2020-Q1", { summary: "无" }))).toBe("ANALYSIS_NO_ANSWERS");
    await submitAnalysis(manager, quarter, { summary: "本季满意率 75%，主要问题为上门及时性" });
    expect(await codeOf(submitAnalysis(manager, quarter, { summary: "再交" }))).toBe("ANALYSIS_SUBMITTED");
    expect((await quarterAnalysis(manager, quarter)).submitted).toMatchObject({
      summary: "本季满意率 75%，主要问题为上门及时性",
      by: "奚经理",
    });
    const [gmTold] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, gm.actor.userId), eq(notifications.kind, "satisfaction_analysis")));
    expect(gmTold.params).toMatchObject({ quarter });
  });

  it("C098 the analysis is due by the 30th of the quarter's last month; its custodians are reminded a week before, once", async () => {
    expect(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map(analysisDueOn)).toEqual([
      "2026-03-30",
      "2026-06-30",
      "2026-09-30",
      "2026-12-30",
    ]);
    const org = await createOrg(env.database);
    const qa = await createStaff(env.database, org, "qa_inspector");
    const agent = await createStaff(env.database, org, "agent");
    const remindersOf = (userId: string) =>
      env.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, "analysis_due")));
    await remindAnalysisDue(env.database.db, new Date("2026-12-22T12:00:00+08:00"));
    expect(await remindersOf(qa.actor.userId)).toEqual([]);
    await remindAnalysisDue(env.database.db, new Date("2026-12-23T12:00:00+08:00"));
    await remindAnalysisDue(env.database.db, new Date("2026-12-24T12:00:00+08:00"));
    const told = await remindersOf(qa.actor.userId);
    expect(told).toHaveLength(1);
    expect(told[0].params).toMatchObject({ quarter: "2026-Q4", dueOn: "2026-12-30" });
    // Only those who keep the survey material.
    expect(await remindersOf(agent.actor.userId)).toEqual([]);
  });

  it("C098 a quarter's appraisal takes each person's satisfaction rate from the submitted analysis", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent", { name: "柏客服" });
    const manager = await createStaff(env.database, org, "manager");
    const supervisor = await createStaff(env.database, org, "supervisor");
    const t = await createTestTicket(agent);
    await changeTicketStatus(agent, t.id, { action: "start" });
    await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
    const [invitation] = await db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, t.id));
    await answerSurvey(db, invitation.token, { answers: defaultAnswers(5) });
    const today = localIsoDate(new Date(), "Asia/Shanghai");
    const quarter = calendarPeriod("quarter", today).key;
    const opened = await openAppraisal(supervisor, { cadence: "quarter", day: today });
    expect(opened.satisfactionFrom).toBe("data");
    await submitAnalysis(manager, quarter, { summary: "本季满意率 100%" });
    // Answers set aside after the hand-over do not change the figures QA handed over.
    await db
      .update(surveyResponses)
      .set({ valid: false, invalidReason: "重复" })
      .where(eq(surveyResponses.orgId, org.orgId));
    await recalculateAppraisal(supervisor, opened.id);
    const { period, results } = await appraisalResultsOf(supervisor, opened.id);
    expect(period.satisfactionFrom).toBe("analysis");
    expect(results.find((r) => r.userId === agent.actor.userId)!.kpis.satisfactionRate).toBe(1);
    // A month's appraisal reads the data: nothing valid is left.
    const month = await openAppraisal(supervisor, { cadence: "month", day: today });
    const monthly = await appraisalResultsOf(supervisor, month.id);
    expect(monthly.period.satisfactionFrom).toBe("data");
    expect(monthly.results.find((r) => r.userId === agent.actor.userId)!.kpis.satisfactionRate).toBeNull();
  });
});
