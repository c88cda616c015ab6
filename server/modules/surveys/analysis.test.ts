import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { notifications, surveyInvitations } from "../../db/schema";
import { calendarPeriod } from "../../lib/periods";
import { codeOf, createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { changeTicketStatus } from "../tickets/change-status";
import { addImprovementAction, completeImprovementAction, quarterAnalysis, submitAnalysis } from "./analysis";
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
});
