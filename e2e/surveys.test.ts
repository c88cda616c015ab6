import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { localIsoDate } from "../common/business-time";
import { outboxMessages, surveyResponses } from "../server/db/schema";
import { drawCallbackSample } from "../server/modules/callbacks/sample";
import { sendDueSurveys } from "../server/modules/surveys/invitations";
import { updateSurveySettings } from "../server/modules/surveys/settings";
import { changeTicketStatus } from "../server/modules/tickets/change-status";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { confirmDialog, e2eEnabled, pickOption, signInStaff, startKefu } from "./harness";

describe.runIf(e2eEnabled)("satisfaction surveys in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("a customer answers the survey from the link in the SMS on a phone; the link then says it is done", async () => {
    const { database, org, open, screenshot, baseUrl } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "王客服" });
    const ticket = await createTestTicket(agent, {
      title: "灯具频闪",
      newCustomer: { name: "刘女士", phone: "13955556666" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "电话指导更换启辉器后正常" });
    await sendDueSurveys(database.db, baseUrl);
    const [sms] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "13955556666"));
    const link = sms.body.match(/https?:\/\/\S+\/s\/\S+/)![0];

    const { page } = await open({ mobile: true });
    await page.goto(link);
    await page.getByText("客户服务满意度调查表").waitFor();
    await page.getByText(`关于服务单 ${ticket.number}`).waitFor();
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByText("请回答这一题").first().waitFor();
    const answer = async (question: string, label: string) =>
      page.locator(".ant-form-item").filter({ hasText: question }).getByText(label, { exact: true }).click();
    await answer("服务态度", "很满意");
    await answer("及时性", "满意");
    await answer("处理结果", "很满意");
    await answer("产品质量", "一般");
    await answer("推荐", "会");
    await answer("做得比较好", "响应速度");
    await page.getByLabel("请对我们的产品或服务提出改进建议：").fill("希望提供上门更换服务");
    await screenshot(page, "67-survey-on-phone");
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByText("感谢您的评价！").waitFor();
    const [response] = await database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, org.orgId));
    expect(response).toMatchObject({ total: 17, channel: "link" });
    expect(response.answers).toMatchObject({ strengths: ["响应速度"], suggestion: "希望提供上门更换服务" });

    await page.reload();
    await page.getByText("感谢您的评价！").waitFor();
    await screenshot(page, "68-survey-answered");

    // The manager reads it in the satisfaction figures, by agent.
    const manager = await createStaff(database, org, "manager", { name: "周经理" });
    const desk = (await open()).page;
    await signInStaff(desk, org, await usernameOf(database, manager.actor.userId), TEST_PASSWORD);
    await desk.getByRole("menuitem", { name: "满意度统计" }).click();
    const row = desk.getByRole("row").filter({ hasText: "王客服" });
    await row.getByText("75%").waitFor();
    await screenshot(desk, "69-satisfaction-by-agent");
    const download = desk.waitForEvent("download");
    await desk.getByRole("link", { name: "导出 Excel" }).click();
    expect((await download).suggestedFilename()).toMatch(/^满意度统计-.*\.xlsx$/);
  });

  it("a QA callback agent calls a sampled customer who is unsatisfied; the first responder finds the follow-up ticket", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "李客服" });
    const ticket = await createTestTicket(agent, {
      title: "路灯夜间不亮",
      priority: "P1",
      newCustomer: { name: "孙先生", phone: "13966667777" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "更换光控开关" });
    const admin = await createStaff(database, org, "admin");
    await updateSurveySettings(admin, {
      samplingRates: { P1: 1, P2: 0.5, P3: 0.2, P4: 0.05 },
      satisfactionTarget: 0.95,
    });
    const qa = await createStaff(database, org, "qa_inspector", { name: "钱回访" });
    await drawCallbackSample(database.db, org.orgId, localIsoDate(new Date(), "Asia/Shanghai"));

    const { page } = await open();
    await signInStaff(page, org, await usernameOf(database, qa.actor.userId), TEST_PASSWORD);
    await page.getByRole("menuitem", { name: "回访任务" }).click();
    const row = page.getByRole("row").filter({ hasText: ticket.number! });
    await row.getByText("满意度抽样回访").waitFor();
    await row.getByRole("button", { name: "回访" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "显示电话" }).click();
    await dialog.getByText("13966667777").waitFor();
    const answer = async (question: string, label: string) =>
      dialog
        .locator(".ant-form-item")
        .filter({ hasText: question })
        .getByText(label, { exact: true })
        .click();
    await answer("服务态度", "满意");
    await answer("及时性", "满意");
    await answer("处理结果", "不满意");
    await answer("产品质量", "一般");
    await answer("推荐", "不会");
    await dialog.getByLabel("回访记录").fill("客户说路灯第二天又不亮了");
    await screenshot(page, "70-satisfaction-callback");
    await confirmDialog(dialog);
    await page.getByText("客户表示不满意，已为首问负责人建立跟进工单").waitFor();
    await page.getByText("已回访").click();
    await page.getByRole("row").filter({ hasText: ticket.number! }).getByText("不满意").waitFor();

    // The agent who first took the case owns the follow-up.
    const agentPage = (await open()).page;
    await signInStaff(agentPage, org, await usernameOf(database, agent.actor.userId), TEST_PASSWORD);
    await agentPage.getByRole("menuitem", { name: "服务工单" }).click();
    await agentPage.getByRole("row").filter({ hasText: "满意度回访不满意：路灯夜间不亮" }).waitFor();
    await screenshot(agentPage, "71-follow-up-ticket");
    const [response] = await database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.enteredBy, qa.actor.userId));
    expect(response).toMatchObject({ channel: "phone", total: 13 });
  });

  it("an agent enters a paper questionnaire on the resolved ticket's page, on a phone", async () => {
    const { database, org, open, screenshot, baseUrl } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "潘客服" });
    const ticket = await createTestTicket(agent, {
      title: "应急灯不亮",
      newCustomer: { name: "葛先生", phone: "13977770000" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "更换电池" });
    const { page } = await open({ mobile: true });
    await signInStaff(page, org, await usernameOf(database, agent.actor.userId), TEST_PASSWORD);
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByRole("button", { name: "登记满意度" }).click();
    const dialog = page.getByRole("dialog");
    await pickOption(dialog.getByLabel("方式"), "纸质问卷");
    const answer = async (question: string, label: string) =>
      dialog
        .locator(".ant-form-item")
        .filter({ hasText: question })
        .getByText(label, { exact: true })
        .click();
    for (const question of ["服务态度", "及时性", "处理结果", "产品质量"]) await answer(question, "很满意");
    await screenshot(page, "76-paper-survey-entry");
    await confirmDialog(dialog);
    await page.getByText("满意度已登记").waitFor();
    const [response] = await database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.enteredBy, agent.actor.userId));
    expect(response).toMatchObject({ channel: "paper", total: 20 });
  });
});
