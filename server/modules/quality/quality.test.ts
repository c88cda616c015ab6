import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import {
  auditLog,
  notifications,
  qaDraws,
  qaInspections,
  qaPlans,
  qaSupervisionReports,
} from "../../db/schema";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  setupTestOrg,
  type TestOrg,
} from "../../test/factories";
import { drawOf } from "../callbacks/sample";
import { createWorkOrder } from "../field-service/create-work-order";
import { changeTicketStatus } from "../tickets/change-status";
import { drawQaPlan } from "./draw";
import {
  appealInspection,
  decideAppeal,
  getInspection,
  listInspections,
  recordInspection,
  scoreInspection,
} from "./inspections";
import { checkRectification, listRectifications, submitRectification } from "./rectifications";
import { ensureQaDefaults, listScorecards, saveScorecard } from "./settings";
import { completenessReport, runSupervisionReports, supervisionReport } from "./supervision";

const env = setupTestOrg();
const today = () => localIsoDate(new Date(), "Asia/Shanghai");
const thisMonth = () => today().slice(0, 7);
type Staff = Awaited<ReturnType<typeof createStaff>>;

/** Every criterion of the default scorecard at one score, or as given. */
const scoresOf = (
  s: Partial<Record<"attitude" | "accuracy" | "process" | "forbidden" | "timeliness", number>> = {},
) => ({
  attitude: 90,
  accuracy: 90,
  process: 90,
  forbidden: 90,
  timeliness: 90,
  ...s,
});

async function resolvedTickets(agent: Staff, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const ticket = await createTestTicket(agent, {
      newCustomer: { name: `客户${i}`, phone: `1380000${String(i).padStart(4, "0")}` },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已电话指导处理" });
    ids.push(ticket.id);
  }
  return ids;
}

async function planNamed(org: TestOrg, name: string) {
  await ensureQaDefaults(env.database.db, org.orgId);
  const [plan] = await env.database.db
    .select()
    .from(qaPlans)
    .where(and(eq(qaPlans.orgId, org.orgId), eq(qaPlans.name, name)));
  return plan;
}

/** An organisation with two agents of 客服部 who resolved tickets, and an inspector of 质量管理部. */
async function inspectedOrg(perAgent = 4) {
  const org = await createOrg(env.database);
  const agentA = await createStaff(env.database, org, "agent", { name: "甲客服" });
  const agentB = await createStaff(env.database, org, "agent", { name: "乙客服" });
  const tickets = [
    ...(await resolvedTickets(agentA, perAgent)),
    ...(await resolvedTickets(agentB, perAgent)),
  ];
  const inspector = await createStaff(env.database, org, "qa_inspector", {
    name: "质检员",
    department: "质量管理部",
  });
  const supervisor = await createStaff(env.database, org, "supervisor", { name: "主管" });
  return { org, agentA, agentB, tickets, inspector, supervisor };
}

const inspectionsOf = (orgId: string) =>
  env.database.db.select().from(qaInspections).where(eq(qaInspections.orgId, orgId));

describe("quality inspection draws", () => {
  it("C109 a monthly plan draws its number of each agent's resolved tickets, again the same from the stored seed, once a period", async () => {
    const { org, agentA, agentB, tickets, inspector } = await inspectedOrg(5);
    const plan = await planNamed(org, "主管每月抽查");
    expect(plan).toMatchObject({ subject: "ticket", cadence: "month", perAgent: 3 });
    const draw = (await drawQaPlan(env.database.db, org.orgId, plan.id, today()))!;
    expect(draw).toMatchObject({ period: thisMonth(), population: 10, drawn: 6 });
    const drawn = await inspectionsOf(org.orgId);
    for (const agent of [agentA, agentB]) {
      const theirs = drawn.filter((i) => i.agentId === agent.actor.userId);
      expect(theirs).toHaveLength(3);
      // Reproducible: the three of theirs with the lowest draw under the stored seed.
      const [stored] = await env.database.db.select().from(qaDraws).where(eq(qaDraws.id, draw.id));
      const mine = tickets.filter((_, i) => (agent === agentA ? i < 5 : i >= 5));
      const expected = mine.sort((a, b) => drawOf(stored.seed, a) - drawOf(stored.seed, b)).slice(0, 3);
      expect(theirs.map((i) => i.ticketId).sort()).toEqual(expected.sort());
    }
    expect(drawn.every((i) => i.inspectorId === inspector.actor.userId && i.status === "open")).toBe(true);
    expect(await drawQaPlan(env.database.db, org.orgId, plan.id, today())).toBeNull();
    const [audit] = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "qa.drawn")));
    expect(audit.after).toMatchObject({ period: thisMonth(), perAgent: 3, population: 10, drawn: 6 });
    const [note] = await env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, inspector.actor.userId), eq(notifications.kind, "qa_assigned")));
    expect(note.params).toMatchObject({ count: "6" });
  });

  it("C114 an inspector never gets their own department's work; with nobody independent the draw waits unassigned and QA managers are told", async () => {
    const org = await createOrg(env.database);
    const agent = await createStaff(env.database, org, "agent", { name: "丙客服" });
    await resolvedTickets(agent, 2);
    const sameDesk = await createStaff(env.database, org, "qa_inspector", {
      name: "本部门质检",
      department: "客服部",
    });
    const supervisor = await createStaff(env.database, org, "supervisor");
    const plan = await planNamed(org, "主管每月抽查");
    await drawQaPlan(env.database.db, org.orgId, plan.id, today());
    const drawn = await inspectionsOf(org.orgId);
    expect(drawn).toHaveLength(2);
    expect(drawn.every((i) => i.inspectorId === null)).toBe(true);
    const [note] = await env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, supervisor.actor.userId), eq(notifications.kind, "qa_unassigned")));
    expect(note.params).toMatchObject({ count: "2" });
    // Not in the same-department inspector's list, and refused if tried.
    expect((await listInspections(sameDesk, { view: "todo" })).total).toBe(0);
    expect(
      await codeOf(scoreInspection(sameDesk, drawn[0].id, { method: "form_check", scores: scoresOf() })),
    ).toBe("QA_SAME_DEPARTMENT");
    expect(
      await codeOf(
        recordInspection(sameDesk, {
          agentId: agent.actor.userId,
          scorecardId: drawn[0].scorecardId,
          method: "mystery",
          scores: scoresOf(),
          findings: "暗访电话",
        }),
      ),
    ).toBe("QA_SAME_DEPARTMENT");
    // An inspector of another department takes it from the shared queue.
    const independent = await createStaff(env.database, org, "qa_inspector", { department: "质量管理部" });
    expect((await listInspections(independent, { view: "todo" })).total).toBe(2);
    expect(
      await codeOf(scoreInspection(independent, drawn[0].id, { method: "form_check", scores: scoresOf() })),
    ).toBe("OK");
  });
});

describe("scoring, appeals and rectification", () => {
  it("C112 the total is the weighted mean; below the pass mark a rectification with a deadline is required", async () => {
    const { org, agentA, inspector } = await inspectedOrg(1);
    await drawQaPlan(env.database.db, org.orgId, (await planNamed(org, "主管每月抽查")).id, today());
    const [mine] = (await inspectionsOf(org.orgId)).filter((i) => i.agentId === agentA.actor.userId);
    const low = scoresOf({ attitude: 100, accuracy: 80, process: 60, forbidden: 100, timeliness: 40 });
    // (25·100 + 25·80 + 20·60 + 15·100 + 15·40) / 100 = 78.0 < 80
    expect(await codeOf(scoreInspection(inspector, mine.id, { method: "form_check", scores: low }))).toBe(
      "QA_RECTIFICATION_REQUIRED",
    );
    expect(
      await codeOf(scoreInspection(inspector, mine.id, { method: "form_check", scores: { attitude: 100 } })),
    ).toBe("QA_SCORES_INCOMPLETE");
    expect(
      await codeOf(
        scoreInspection(inspector, mine.id, {
          method: "form_check",
          scores: low,
          rectification: { requirement: "补录", dueOn: addDays(today(), -1) },
        }),
      ),
    ).toBe("QA_DUE_IN_PAST");
    await scoreInspection(inspector, mine.id, {
      method: "form_check",
      scores: low,
      findings: "未按时回复客户，处理时限超时",
      rectification: { requirement: "学习服务时效规定并补充回复记录", dueOn: addDays(today(), 7) },
    });
    const scored = await getInspection(agentA, mine.id);
    expect(scored).toMatchObject({
      status: "scored",
      total: 78,
      finalTotal: 78,
      passed: false,
      method: "form_check",
    });
    expect(scored.rectification).toMatchObject({ status: "open", dueOn: addDays(today(), 7) });
    expect(scored.may).toEqual({ score: false, appeal: true, decide: false });
    expect(
      await codeOf(scoreInspection(inspector, mine.id, { method: "form_check", scores: scoresOf() })),
    ).toBe("QA_ALREADY_SCORED");
  });

  it("C112 a failed re-check sends the person to re-training with a new deadline and tells the supervisor; it stays open until a re-check passes", async () => {
    const { agentA, inspector, supervisor } = await inspectedOrg(1);
    const inspection = await recordInspection(inspector, {
      agentId: agentA.actor.userId,
      scorecardId: (await listScorecards(supervisor))[0].id,
      method: "observation",
      scores: scoresOf({ attitude: 40, forbidden: 20 }),
      findings: "通话中使用服务禁语“这不归我们管”",
      rectification: { requirement: "服务用语整改", dueOn: addDays(today(), 3) },
    });
    const [r] = (await listRectifications(agentA, { view: "mine" })).items;
    expect(r).toMatchObject({
      inspectionId: inspection.id,
      status: "open",
      may: { submit: true, check: false },
    });
    expect(await codeOf(checkRectification(inspector, r.id, { passed: true, note: "通过" }))).toBe(
      "QA_RECTIFICATION_STATE",
    );
    await expect(submitRectification(agentA, r.id, { response: " " })).rejects.toThrow();
    await submitRectification(agentA, r.id, { response: "已学习服务用语规范" });
    expect(await codeOf(checkRectification(agentA, r.id, { passed: true, note: "自己通过" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(checkRectification(inspector, r.id, { passed: false, note: "复查仍有禁语" }))).toBe(
      "QA_DUE_IN_PAST",
    );
    await checkRectification(inspector, r.id, {
      passed: false,
      note: "复查仍有禁语",
      dueOn: addDays(today(), 10),
    });
    let [after] = (await listRectifications(inspector, { view: "all" })).items;
    expect(after).toMatchObject({ status: "retraining", failedChecks: 1, dueOn: addDays(today(), 10) });
    const [told] = await env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, supervisor.actor.userId), eq(notifications.kind, "qa_retraining")));
    expect(told).toBeDefined();
    await submitRectification(agentA, r.id, { response: "已参加服务规范再培训并通过考试" });
    await checkRectification(supervisor, r.id, { passed: true, note: "复查合格" });
    [after] = (await listRectifications(inspector, { view: "all" })).items;
    expect(after).toMatchObject({ status: "passed", failedChecks: 1, checkNote: "复查合格" });
  });

  it("C111 a mystery-customer call is recorded with its method, when it happened and what was found", async () => {
    const { org, agentB, inspector } = await inspectedOrg(1);
    const card = (await listScorecards(await createStaff(env.database, org, "manager")))[0];
    const input = {
      agentId: agentB.actor.userId,
      scorecardId: card.id,
      method: "mystery" as const,
      scores: scoresOf(),
      observedAt: new Date(Date.now() - 3_600_000).toISOString(),
      findings: "暗访来电：接听及时，问题解答准确",
    };
    await expect(recordInspection(inspector, { ...input, findings: "" })).rejects.toThrow();
    const recorded = await recordInspection(inspector, input);
    const seen = await getInspection(agentB, recorded.id);
    expect(seen).toMatchObject({
      method: "mystery",
      subject: null,
      findings: input.findings,
      passed: true,
      total: 90,
    });
    expect(seen.observedAt).toBe(input.observedAt);
    expect((await listInspections(agentB, { view: "about_me" })).items.map((i) => i.id)).toContain(
      recorded.id,
    );
  });

  it("C111 an inspection started from a work order inspects that job and its engineer", async () => {
    const { org, agentA, inspector } = await inspectedOrg(1);
    const engineer = await createStaff(env.database, org, "engineer", { name: "维修员" });
    const ticket = await createTestTicket(agentA, { type: "repair" });
    const order = await createWorkOrder(agentA, ticket.id, {
      product: "空调",
      fault: "不制冷",
      siteAddress: "上海市浦东新区 1 号",
    });
    const card = (await listScorecards(inspector))[0];
    const input = {
      agentId: engineer.actor.userId,
      workOrderId: order.id,
      scorecardId: card.id,
      method: "form_check" as const,
      scores: scoresOf(),
      findings: "派工单记录完整",
    };
    const foreign = await createStaff(env.database, await createOrg(env.database), "agent");
    const otherTicket = await createTestTicket(foreign, { type: "repair" });
    const elsewhere = await createWorkOrder(foreign, otherTicket.id, {
      product: "空调",
      fault: "异响",
      siteAddress: "北京",
    });
    expect(await codeOf(recordInspection(inspector, { ...input, workOrderId: elsewhere.id }))).toBe(
      "WORK_ORDER_NOT_FOUND",
    );
    const recorded = await recordInspection(inspector, input);
    expect(await getInspection(inspector, recorded.id)).toMatchObject({
      subject: "work_order",
      workOrderId: order.id,
      ticketId: ticket.id,
    });
  });

  it("the person inspected appeals once within the scorecard's days; the supervisor's revision to a pass withdraws the rectification", async () => {
    const { agentA, agentB, inspector, supervisor } = await inspectedOrg(1);
    const card = (await listScorecards(supervisor))[0];
    const failing = {
      agentId: agentA.actor.userId,
      scorecardId: card.id,
      method: "form_check" as const,
      scores: scoresOf({ accuracy: 30 }),
      findings: "解答错误",
      rectification: { requirement: "重新学习产品知识", dueOn: addDays(today(), 5) },
    };
    const first = await recordInspection(inspector, failing);
    expect(await codeOf(appealInspection(agentB, first.id, { reason: "不是我" }))).toBe(
      "QA_APPEAL_NOT_ALLOWED",
    );
    expect(await codeOf(decideAppeal(supervisor, first.id, { decision: "upheld", note: "维持" }))).toBe(
      "QA_APPEAL_NOT_PENDING",
    );
    await appealInspection(agentA, first.id, { reason: "客户描述有误，解答依据当时资料正确" });
    expect(await codeOf(appealInspection(agentA, first.id, { reason: "再申诉" }))).toBe(
      "QA_APPEAL_NOT_ALLOWED",
    );
    expect((await getInspection(supervisor, first.id)).may.decide).toBe(true);
    expect(
      await codeOf(decideAppeal(agentA, first.id, { decision: "revised", note: "自判", total: 95 })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(decideAppeal(supervisor, first.id, { decision: "revised", note: "核实后改判" })),
    ).toBe("QA_REVISED_TOTAL_REQUIRED");
    await decideAppeal(supervisor, first.id, { decision: "revised", note: "核实资料后改判合格", total: 85 });
    const decided = await getInspection(agentA, first.id);
    expect(decided).toMatchObject({ status: "final", decision: "revised", finalTotal: 85, passed: true });
    expect(decided.rectification).toMatchObject({ status: "withdrawn" });
    // A second one, scored more than the scorecard's days ago: too late to appeal.
    const second = await recordInspection(inspector, failing);
    await env.database.db
      .update(qaInspections)
      .set({ scoredAt: new Date(Date.now() - (card.appealDays + 1) * 86_400_000) })
      .where(eq(qaInspections.id, second.id));
    expect(await codeOf(appealInspection(agentA, second.id, { reason: "晚了" }))).toBe("QA_APPEAL_CLOSED");
  });

  it("scorecard weights must add up to 100 and names are unique", async () => {
    const org = await createOrg(env.database);
    const manager = await createStaff(env.database, org, "manager");
    const [card] = await listScorecards(manager);
    const criteria = [
      { id: "attitude", label: "态度", weight: 60 },
      { id: "accuracy", label: "准确", weight: 30 },
    ];
    expect(await codeOf(saveScorecard(manager, card.id, { ...card, criteria }))).toBe("QA_WEIGHTS_NOT_100");
    expect(await codeOf(saveScorecard(manager, null, { ...card, name: card.name }))).toBe("QA_NAME_TAKEN");
    const agent = await createStaff(env.database, org, "agent");
    expect(await codeOf(saveScorecard(agent, null, { ...card, name: "新表" }))).toBe("FORBIDDEN");
    expect(await codeOf(saveScorecard(manager, null, { ...card, name: "电话质检表" }))).toBe("OK");
  });
});

describe("completeness and the supervision report", () => {
  it("C110 a record missing its contact or how it was resolved counts against its handler's completeness rate", async () => {
    const { org, agentA, agentB, tickets, inspector, supervisor } = await inspectedOrg(2);
    await env.database.db.execute(sql`UPDATE tickets SET contact_id = NULL WHERE id = ${tickets[0]}`);
    const rows = await completenessReport(supervisor, thisMonth());
    const a = rows.find((r) => r.agentId === agentA.actor.userId)!;
    const b = rows.find((r) => r.agentId === agentB.actor.userId)!;
    expect(a).toMatchObject({ records: 2, complete: 1, missing: { contact: 1 } });
    expect(b).toMatchObject({ records: 2, complete: 2, missing: {} });
    expect(rows[0].agentId).toBe(agentA.actor.userId);
    expect(await codeOf(completenessReport(agentA, thisMonth()))).toBe("FORBIDDEN");
    // Drawn and opened, the inspection shows the same check.
    await drawQaPlan(env.database.db, org.orgId, (await planNamed(org, "主管每月抽查")).id, today());
    const [first] = (await inspectionsOf(org.orgId)).filter((i) => i.ticketId === tickets[0]);
    const shown = await getInspection(inspector, first.id);
    expect(shown.completeness.find((c) => c.key === "contact")).toEqual({ key: "contact", ok: false });
    expect(shown.completeness.find((c) => c.key === "resolution")).toEqual({ key: "resolution", ok: true });
  });

  it("C113 at month end the month's supervision report per department goes once to the general manager", async () => {
    const { org, agentA, agentB, inspector, supervisor } = await inspectedOrg(1);
    const gm = await createStaff(env.database, org, "general_manager", { department: "总经理室" });
    const card = (await listScorecards(supervisor))[0];
    const base = { scorecardId: card.id, method: "form_check" as const };
    await recordInspection(inspector, {
      ...base,
      agentId: agentA.actor.userId,
      scores: scoresOf({ attitude: 100 }),
      findings: "良好",
    });
    await recordInspection(inspector, {
      ...base,
      agentId: agentB.actor.userId,
      method: "mystery",
      scores: scoresOf({ accuracy: 20 }),
      findings: "暗访：答复错误",
      rectification: { requirement: "产品知识再学习", dueOn: addDays(today(), 2) },
    });
    const live = await supervisionReport(supervisor, thisMonth());
    expect(live.sent).toBe(false);
    const desk = live.report.departments.find((d) => d.department === "客服部")!;
    // (92.5 + 72.5) / 2: 25·100+75·90 = 9250 → 92.5; 25·20+75·90 = 7250 → 72.5
    expect(desk).toMatchObject({
      inspected: 2,
      averageScore: 82.5,
      passed: 1,
      failed: 1,
      mystery: 1,
      rectifications: 1,
      records: 2,
      completeRecords: 2,
    });
    expect(live.report.failures).toEqual([
      { agent: "乙客服", department: "客服部", total: 72.5, findings: "暗访：答复错误" },
    ]);
    // The run on the first of next month reports this month, once.
    const nextMonth = new Date(Date.parse(`${addDays(`${thisMonth()}-28`, 5).slice(0, 7)}-01T04:00:00Z`));
    const sentBefore = await env.database.db
      .select()
      .from(qaSupervisionReports)
      .where(eq(qaSupervisionReports.orgId, org.orgId));
    expect(sentBefore).toHaveLength(0);
    await runSupervisionReports(env.database.db, nextMonth);
    await runSupervisionReports(env.database.db, nextMonth);
    const stored = await env.database.db
      .select()
      .from(qaSupervisionReports)
      .where(eq(qaSupervisionReports.orgId, org.orgId));
    expect(stored.map((s) => s.month)).toEqual([thisMonth()]);
    expect(stored[0].figures.total).toMatchObject({ inspected: 2, averageScore: 82.5 });
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, gm.actor.userId), eq(notifications.kind, "qa_supervision_report")));
    expect(told).toHaveLength(1);
    expect((await supervisionReport(supervisor, thisMonth())).sent).toBe(true);
    expect(await codeOf(supervisionReport(agentA, thisMonth()))).toBe("FORBIDDEN");
  });
});
