import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bandOf, countRatings, satisfaction } from "../../../common/satisfaction";
import {
  auditLog,
  notifications,
  outboxMessages,
  surveyInvitations,
  surveyRatings,
  surveyResponses,
  tickets,
} from "../../db/schema";
import {
  codeOf,
  createStaff,
  createTestTicket,
  defaultAnswers,
  sendOrgSurveys,
  setupTestOrg,
} from "../../test/factories";
import { createWorkOrder } from "../field-service/create-work-order";
import { dispatchWorkOrder } from "../field-service/dispatch";
import {
  arriveOnSite,
  completeWorkOrder,
  respondToWorkOrder,
  saveServiceReport,
} from "../field-service/engineer";
import { changeTicketStatus } from "../tickets/change-status";
import { answerSurvey, enterTicketSurvey, openSurvey } from "./answers";
import { sendDueSurveys } from "./invitations";
import { listSurveyResponses, setResponseValidity } from "./responses";
import { exportSatisfactionReport, satisfactionReport } from "./scores";
import { DEFAULT_QUESTIONS } from "./templates";

const env = setupTestOrg();
const allAnswers = (rating: number) => ({
  ...defaultAnswers(rating),
  strengths: ["服务态度", "响应速度"],
  suggestion: "希望上门前再电话确认一次",
});

async function invitationsOf(ticketId: string) {
  return env.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.ticketId, ticketId));
}

describe("satisfaction scores", () => {
  it("C095 the index is the weighted sum over n, shown with the raw sum; the rate is the share of 4 and 5", () => {
    const counts = countRatings([5, 5, 5, 4, 3, 1]);
    expect(counts).toEqual({ 1: 1, 2: 0, 3: 1, 4: 1, 5: 3 });
    expect(satisfaction(counts)).toEqual({ n: 6, weightedSum: 23, index: 3.83, rate: 4 / 6 });
    expect(satisfaction(countRatings([]))).toEqual({ n: 0, weightedSum: 0, index: null, rate: null });
  });

  it("C096 a template's total-score bands classify a response (300: ≥240 满意, 210–240 基本满意, <210 不满意)", () => {
    const bands = [
      { min: 240, label: "满意" },
      { min: 210, label: "基本满意" },
      { min: 0, label: "不满意" },
    ];
    expect(bandOf(240, bands)).toBe("满意");
    expect(bandOf(239, bands)).toBe("基本满意");
    expect(bandOf(209, bands)).toBe("不满意");
    expect(bandOf(10, [])).toBeNull();
  });
});

describe("surveys by link", () => {
  it("a resolved ticket invites its contact; the sender sends the link; the token answers once", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "赵客服" });
    const ticket = await createTestTicket(agent, { newCustomer: { name: "钱先生", phone: "13911112222" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已电话指导" });
    const [invitation] = await invitationsOf(ticket.id);
    expect(invitation).toMatchObject({
      trigger: "ticket_resolved",
      agentId: agent.actor.userId,
      sentAt: null,
    });

    await sendOrgSurveys(env.database, env.org.orgId, "https://kefu.example.com");
    const sent = await env.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "13911112222"));
    // The link is a secret of the message: the outbox shows it masked, the driver gets it whole.
    expect(
      sent.some(
        (m) => m.body.includes("https://kefu.example.com/s/{secret}") && m.secret === invitation.token,
      ),
    ).toBe(true);
    // Sent once: the next round finds nothing of it.
    await sendDueSurveys(env.database.db, "https://kefu.example.com");
    expect(
      (
        await env.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, "13911112222"))
      ).filter((m) => m.secret === invitation.token),
    ).toHaveLength(1);

    const open = await openSurvey(env.database.db, invitation.token);
    expect(open).toMatchObject({ state: "open", subject: ticket.number, name: "客户服务满意度调查表" });
    expect(open.questions.map((q) => q.id)).toEqual(DEFAULT_QUESTIONS.map((q) => q.id));
    expect(await codeOf(openSurvey(env.database.db, "no-such-token-at-all"))).toBe("SURVEY_NOT_FOUND");
    expect(await codeOf(answerSurvey(env.database.db, invitation.token, { answers: { service: 5 } }))).toBe(
      "SURVEY_ANSWER_INVALID",
    );
    expect(
      await codeOf(
        answerSurvey(env.database.db, invitation.token, { answers: { ...allAnswers(5), service: 6 } }),
      ),
    ).toBe("SURVEY_ANSWER_INVALID");
    expect(
      await codeOf(
        answerSurvey(env.database.db, invitation.token, { answers: { ...allAnswers(5), recommend: "也许" } }),
      ),
    ).toBe("SURVEY_ANSWER_INVALID");

    // Two answers at once through one token: one counts.
    const results = await Promise.all([
      codeOf(answerSurvey(env.database.db, invitation.token, { answers: allAnswers(4) })),
      codeOf(answerSurvey(env.database.db, invitation.token, { answers: allAnswers(2) })),
    ]);
    expect(results.sort()).toEqual(["OK", "SURVEY_ANSWERED"]);
    expect((await openSurvey(env.database.db, invitation.token)).state).toBe("answered");
    const [response] = await env.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitation.id));
    expect(response.total === 16 || response.total === 8).toBe(true);
    const ratings = await env.database.db
      .select()
      .from(surveyRatings)
      .where(eq(surveyRatings.responseId, response.id));
    expect(ratings).toHaveLength(4);
    expect(ratings.every((r) => r.agentId === agent.actor.userId)).toBe(true);
  });

  it("an expired link is refused; a reopened and resolved-again ticket is not asked twice while one is open", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "孙客服" });
    const ticket = await createTestTicket(agent, { newCustomer: { name: "李女士", phone: "13922223333" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
    const supervisor = await createStaff(env.database, env.org, "supervisor", { name: "钱主管" });
    await changeTicketStatus(supervisor, ticket.id, { action: "reopen", text: "客户说还有问题" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "再次处理" });
    const invitations = await invitationsOf(ticket.id);
    expect(invitations).toHaveLength(1);
    await env.database.db
      .update(surveyInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(surveyInvitations.id, invitations[0].id));
    expect((await openSurvey(env.database.db, invitations[0].token)).state).toBe("expired");
    expect(
      await codeOf(answerSurvey(env.database.db, invitations[0].token, { answers: allAnswers(5) })),
    ).toBe("SURVEY_EXPIRED");
  });

  it("after on-site work the survey goes the next day and is about the engineer and the product", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "周客服" });
    const dispatcher = await createStaff(env.database, env.org, "dispatcher", { name: "吴派工" });
    const engineer = await createStaff(env.database, env.org, "engineer", { name: "郑工" });
    const ticket = await createTestTicket(agent, {
      type: "repair",
      newCustomer: { name: "王经理", phone: "13933334444" },
    });
    const order = await createWorkOrder(agent, ticket.id, {
      product: "LED 路灯 X100",
      fault: "不亮",
      siteAddress: "北京市海淀区 1 号",
      chargeable: false,
      chargeableReason: "老客户免费",
    });
    await dispatchWorkOrder(dispatcher, order.id, {
      engineerId: engineer.actor.userId,
      appointmentAt: new Date(),
    });
    await respondToWorkOrder(engineer, order.id, { accept: true });
    await arriveOnSite(engineer, order.id);
    await saveServiceReport(engineer, order.id, { workDone: "更换驱动电源" });
    await completeWorkOrder(engineer, order.id, { noSignatureReason: "客户外出" });
    const invitations = await invitationsOf(ticket.id);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      trigger: "work_order_completed",
      engineerId: engineer.actor.userId,
      product: "LED 路灯 X100",
    });
    const hoursAhead = (invitations[0].sendAt!.getTime() - Date.now()) / 3_600_000;
    expect(Math.round(hoursAhead)).toBe(24);
    // Not yet due: the sender leaves it until tomorrow.
    await sendDueSurveys(env.database.db, "https://kefu.example.com");
    expect((await invitationsOf(ticket.id))[0].sentAt).toBeNull();
  });

  it("the link works over HTTP without signing in", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "冯客服" });
    const ticket = await createTestTicket(agent, { newCustomer: { name: "陈先生", phone: "13944445555" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
    const [invitation] = await invitationsOf(ticket.id);
    const { app } = env.http;
    const shown = await app.inject({ method: "GET", url: `/api/surveys/${invitation.token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ state: "open", organization: expect.any(String) });
    const answered = await app.inject({
      method: "POST",
      url: `/api/surveys/${invitation.token}`,
      payload: { answers: allAnswers(5) },
    });
    expect(answered.json()).toEqual({ total: 20, score: 5, band: null });
    const again = await app.inject({
      method: "POST",
      url: `/api/surveys/${invitation.token}`,
      payload: { answers: allAnswers(5) },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("SURVEY_ANSWERED");
  });
});

describe("unsatisfied answers", () => {
  it("C093 an unsatisfied answer opens a follow-up ticket owned by the first responder; supervisors are told", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "韩客服" });
    const supervisor = await createStaff(env.database, env.org, "supervisor", { name: "杨主管" });
    const ticket = await createTestTicket(agent, {
      title: "空调噪音大",
      newCustomer: { name: "黄先生", phone: "13977778888" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已调整支架" });
    const [invitation] = await invitationsOf(ticket.id);
    await answerSurvey(env.database.db, invitation.token, {
      answers: { ...allAnswers(4), result: 2, suggestion: "噪音还在" },
    });
    const [response] = await env.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitation.id));
    expect(response.followUpTicketId).not.toBeNull();
    const [followUp] = await env.database.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, response.followUpTicketId!));
    expect(followUp).toMatchObject({
      assigneeId: agent.actor.userId,
      firstResponderId: agent.actor.userId,
      customerId: ticket.customerId,
      channel: "internal",
    });
    expect(followUp.description).toContain("您对处理结果是否满意？ 不满意（2 分）");
    expect(followUp.description).toContain("噪音还在");
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, supervisor.actor.userId), eq(notifications.kind, "survey_unsatisfied")),
      );
    expect(told).toHaveLength(1);
    expect(told[0].ticketId).toBe(followUp.id);
  });
});

describe("satisfaction report", () => {
  it("C099 C097 C105 satisfaction per agent and per question from valid answers, flagged below 95%", async () => {
    const manager = await createStaff(env.database, env.org, "manager", { name: "吴经理" });
    const good = await createStaff(env.database, env.org, "agent", { name: "好客服" });
    const poor = await createStaff(env.database, env.org, "agent", { name: "差客服" });
    const answered = async (agent: typeof good, rating: number) => {
      const ticket = await createTestTicket(agent, { newCustomer: { name: "客户", phone: "13966667777" } });
      await changeTicketStatus(agent, ticket.id, { action: "start" });
      await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
      const [invitation] = await invitationsOf(ticket.id);
      await answerSurvey(env.database.db, invitation.token, { answers: allAnswers(rating) });
      return invitation;
    };
    await answered(good, 5);
    await answered(good, 4);
    await answered(poor, 5);
    await answered(poor, 2);
    // QA set one of the poor agent's answers aside (C105): it counts nowhere.
    const setAside = await answered(poor, 1);
    const qa = await createStaff(env.database, env.org, "qa_inspector");
    const [response] = await env.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, setAside.id));
    await setResponseValidity(qa, response.id, { valid: false, reason: "客户误操作" });

    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    expect(await codeOf(satisfactionReport(good, { from: today, to: today }))).toBe("FORBIDDEN");
    const byAgent = await satisfactionReport(manager, { from: today, to: today, by: "agent" });
    expect(byAgent.rows.find((r) => r.name === "好客服")).toMatchObject({
      n: 8,
      weightedSum: 36,
      index: 4.5,
      rate: 1,
      belowTarget: false,
    });
    expect(byAgent.rows.find((r) => r.name === "差客服")).toMatchObject({
      counts: { 1: 0, 2: 4, 3: 0, 4: 0, 5: 4 },
      n: 8,
      index: 3.5,
      rate: 0.5,
      belowTarget: true,
    });
    const byQuestion = await satisfactionReport(manager, { from: today, to: today, by: "question" });
    expect(byQuestion.rows.find((r) => r.key === "service")?.name).toBe(
      "您对我们的客户服务（服务态度）是否满意？",
    );
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toLocaleDateString("sv-SE", {
      timeZone: "Asia/Shanghai",
    });
    expect((await satisfactionReport(manager, { from: yesterday, to: yesterday })).overall.n).toBe(0);

    await exportSatisfactionReport(manager, { from: today, to: today });
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, env.org.orgId), eq(auditLog.action, "survey.satisfaction_exported")));
    expect(audits).toHaveLength(1);
  });
});

describe("survey answers for their custodians", () => {
  it("C107 C105 only custodians read the raw answers; setting one aside needs a reason, is audited and can be taken back", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "孔客服" });
    const supervisor = await createStaff(env.database, env.org, "supervisor");
    const qa = await createStaff(env.database, env.org, "qa_inspector");
    const ticket = await createTestTicket(agent, { newCustomer: { name: "曹先生", phone: "13911110000" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
    const [invitation] = await invitationsOf(ticket.id);
    await answerSurvey(env.database.db, invitation.token, { answers: allAnswers(4) });
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });

    // A supervisor sees the figures, not the answers.
    expect(await codeOf(listSurveyResponses(supervisor, { from: today, to: today }))).toBe("FORBIDDEN");
    const listed = await listSurveyResponses(qa, { from: today, to: today });
    const row = listed.items.find((r) => r.ticketNumber === ticket.number)!;
    expect(row).toMatchObject({
      channel: "link",
      valid: true,
      customer: "曹先生",
      enteredBy: null,
      total: 16,
    });
    expect(row.answers).toContainEqual({ question: "您对问题处理的及时性是否满意？", answer: "满意（4）" });
    expect(row.answers).toContainEqual({
      question: "您觉得我们在哪些方面做得比较好？",
      answer: "服务态度、响应速度",
    });

    expect(await codeOf(setResponseValidity(qa, row.id, { valid: false }))).toBe("REASON_REQUIRED");
    await setResponseValidity(qa, row.id, { valid: false, reason: "非本人填写" });
    const invalidOnly = await listSurveyResponses(qa, { from: today, to: today, validity: "invalid" });
    expect(invalidOnly.items.map((r) => r.id)).toContain(row.id);
    await setResponseValidity(qa, row.id, { valid: true });
    const audits = await env.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, row.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["survey.response_invalidated", "survey.response_restored"]),
    );
  });
});

describe("answers entered by staff", () => {
  it("C101 an engineer on site enters the customer's answers once the ticket is resolved; the open link then closes", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "陶客服" });
    const ticket = await createTestTicket(agent, { newCustomer: { name: "姜先生", phone: "13922223333" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    expect(
      await codeOf(enterTicketSurvey(agent, ticket.id, { channel: "on_site", answers: allAnswers(5) })),
    ).toBe("SURVEY_NOT_DUE");
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
    const [link] = await invitationsOf(ticket.id);
    const finance = await createStaff(env.database, env.org, "finance");
    expect(
      await codeOf(enterTicketSurvey(finance, ticket.id, { channel: "paper", answers: allAnswers(5) })),
    ).toBe("FORBIDDEN");
    expect(
      await enterTicketSurvey(agent, ticket.id, { channel: "on_site", answers: allAnswers(5) }),
    ).toMatchObject({
      total: 20,
      followUpTicketId: null,
    });
    const [response] = await env.database.db
      .select()
      .from(surveyResponses)
      .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
      .where(and(eq(surveyInvitations.ticketId, ticket.id), eq(surveyResponses.channel, "on_site")));
    expect(response.survey_responses.enteredBy).toBe(agent.actor.userId);
    expect(await codeOf(answerSurvey(env.database.db, link.token, { answers: allAnswers(3) }))).toBe(
      "SURVEY_EXPIRED",
    );
  });
});
