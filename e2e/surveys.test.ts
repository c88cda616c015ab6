import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { localIsoDate } from "../common/business-time";
import {
  callbackTasks,
  contacts,
  customers,
  departments,
  outboxMessages,
  surveyInvitations,
  surveyResponses,
} from "../server/db/schema";
import { drawCustomerLists } from "../server/modules/callbacks/customer-lists";
import { drawCallbackSample } from "../server/modules/callbacks/sample";
import { launchDueCampaigns } from "../server/modules/surveys/campaigns";
import { updateSurveySettings } from "../server/modules/surveys/settings";
import { changeTicketStatus } from "../server/modules/tickets/change-status";
import {
  createStaff,
  createTestTicket,
  sendOrgSurveys,
  TEST_PASSWORD,
  usernameOf,
} from "../server/test/factories";
import {
  confirmDialog,
  dialogSettled,
  e2eEnabled,
  pickOption,
  signInCustomer,
  signInStaff,
  startKefu,
} from "./harness";

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
    await sendOrgSurveys(database, org.orgId, baseUrl);
    const [sms] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "13955556666"));
    const link = sms.body.match(/https?:\/\/\S+\/s\/\S+/)![0].replace("{secret}", sms.secret!);

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
    await kefu.openAs(desk, manager.actor.userId, "/satisfaction");
    const row = desk.getByRole("row").filter({ hasText: "王客服" });
    await row.getByText("75%").waitFor();
    await screenshot(desk, "69-satisfaction-by-agent");
    const download = desk.waitForEvent("download");
    await desk.getByRole("link", { name: "导出 Excel" }).click();
    expect((await download).suggestedFilename()).toMatch(/^满意度统计-.*\.xlsx$/);
  });

  it("a customer finds the survey about their request in the portal on a phone and answers it there", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "冯客服" });
    const ticket = await createTestTicket(agent, {
      title: "筒灯不亮",
      newCustomer: { name: "褚先生", phone: "13955550000" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "更换驱动电源" });
    // Sent by the survey sender (its own journey above); only this one here.
    await database.db
      .update(surveyInvitations)
      .set({ sentAt: new Date(), sendAt: null })
      .where(eq(surveyInvitations.ticketId, ticket.id));
    const { page } = await open({ mobile: true });
    // A mistyped code first: its message must not outlive the sign-in that follows.
    await page.goto(`/portal?org=${org.slug}`);
    await page.getByLabel("手机号或邮箱").fill("13955550000");
    await page.getByRole("button", { name: "获取验证码" }).click();
    await page.getByLabel("验证码").fill("000000");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("验证码错误或已过期").waitFor();
    await signInCustomer(page, database, org, "13955550000");
    const card = page.locator(".ant-card").filter({ hasText: "请评价我们的服务" });
    await card.getByText(`${ticket.number} 筒灯不亮`).waitFor();
    expect(await page.getByText("验证码错误或已过期").count()).toBe(0);
    // The header fits the phone: nothing is cut off or pushed sideways.
    const title = page.getByTestId("portal-title");
    expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "69-portal-survey-waiting");
    await card.getByRole("button", { name: "去评价" }).click();
    const answer = async (question: string, label: string) =>
      page.locator(".ant-form-item").filter({ hasText: question }).getByText(label, { exact: true }).click();
    for (const question of ["服务态度", "及时性", "处理结果", "产品质量"]) await answer(question, "满意");
    await answer("推荐", "会");
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByText("感谢您的评价！").waitFor();
    await page.goto("/portal");
    await page.getByText(ticket.title).waitFor();
    expect(await page.getByText("请评价我们的服务").count()).toBe(0);
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
    await kefu.openAs(page, qa.actor.userId, "/callbacks");
    const row = page.getByRole("row").filter({ hasText: ticket.number! });
    await row.getByText("满意度抽样回访").waitFor();
    await row.getByRole("button", { name: "回访" }).click();
    const dialog = page.getByRole("dialog");
    await dialogSettled(dialog);
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
    await kefu.openAs(agentPage, agent.actor.userId, "/tickets");
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
    await kefu.openAs(page, agent.actor.userId, `${baseUrl}/tickets/${ticket.id}`);
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

  it("C100 C104 C102 C108 a planner writes a questionnaire and plans a partner survey; the department head approves it; it is answered and an agency's results imported", async () => {
    const { database, org, open, screenshot, baseUrl } = kefu;
    const planner = await createStaff(database, org, "qa_inspector", {
      department: "质量管理部",
      name: "钱计划",
    });
    const head = await createStaff(database, org, "department_head", {
      department: "质量管理部",
      name: "孙部长",
    });
    await database.db
      .update(departments)
      .set({ headUserId: head.actor.userId })
      .where(eq(departments.id, org.departments.get("质量管理部")!));

    const { page } = await open();
    await kefu.openAs(page, planner.actor.userId, `${baseUrl}/surveys?tab=templates`);
    await page.getByRole("button", { name: "新建问卷" }).click();
    const editor = page.getByRole("dialog");
    await editor.getByLabel("问卷名称").fill("合作伙伴满意度调查");
    await editor.getByPlaceholder("题目内容").first().fill("您对双方合作的总体满意度");
    await editor.getByRole("button", { name: "添加题目" }).click();
    await editor.getByPlaceholder("题目内容").nth(1).fill("您对我方响应速度是否满意");
    await editor.getByRole("button", { name: "添加题目" }).click();
    await pickOption(editor.locator(".ant-select").filter({ hasText: "五级评分" }).nth(2), "单选");
    await editor.getByPlaceholder("题目内容").nth(2).fill("明年是否继续合作");
    const options = editor.getByLabel("选项");
    await options.fill("继续");
    await options.press("Enter");
    await options.fill("不确定");
    await options.press("Enter");
    await editor.getByRole("button", { name: "预览" }).click();
    await editor.getByText("明年是否继续合作").waitFor();
    await screenshot(page, "90-questionnaire-editor-preview");
    await editor.getByRole("button", { name: "返回编辑" }).click();
    await confirmDialog(editor);
    await page.getByText("已保存为第 1 版").waitFor();

    await page.getByRole("tab", { name: "调查计划" }).click();
    await page.getByRole("button", { name: "新建调查计划" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("计划名称").fill("2026 合作伙伴满意度调查");
    await pickOption(form.getByLabel("问卷（版本）"), "合作伙伴满意度调查 v1");
    await pickOption(form.getByLabel("负责部门"), "质量管理部");
    await form.getByText("合作伙伴", { exact: true }).click();
    await form.getByLabel("名单").fill("华明灯饰，13600001111\n北方电子，purchase@north.example.com");
    await screenshot(page, "91-campaign-plan");
    await confirmDialog(form);
    await page.waitForURL(/\/surveys\/campaigns\//);
    await page.getByText("草稿").waitFor();
    const campaignUrl = page.url();
    await page.getByRole("button", { name: "提交审核" }).click();
    await confirmDialog(page.getByRole("dialog"));
    await page.getByText("待审核").waitFor();
    await page.getByText("孙部长").waitFor();

    const approver = await open({ mobile: true });
    await signInStaff(approver.page, org, await usernameOf(database, head.actor.userId), TEST_PASSWORD);
    await approver.page.getByText("调查计划“2026 合作伙伴满意度调查”待您审核").click();
    await approver.page.getByRole("button", { name: "审核" }).click();
    const decision = approver.page.getByRole("dialog");
    await decision.getByLabel("审核意见").fill("同意，月底前完成");
    await confirmDialog(decision);
    await approver.page.getByText("已批准").first().waitFor();
    await screenshot(approver.page, "92-campaign-approved-on-phone");

    await launchDueCampaigns(database.db);
    await sendOrgSurveys(database, org.orgId, baseUrl);
    const [sms] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "13600001111"));
    const link = sms.body.match(/https?:\/\/\S+\/s\/\S+/)![0].replace("{secret}", sms.secret!);
    const partner = await open({ mobile: true });
    await partner.page.goto(link);
    const answer = async (question: string, label: string) =>
      partner.page
        .locator(".ant-form-item")
        .filter({ hasText: question })
        .getByText(label, { exact: true })
        .click();
    await answer("总体满意度", "满意");
    await answer("响应速度", "很满意");
    await answer("继续合作", "继续");
    await partner.page.getByRole("button", { name: "提交" }).click();
    await partner.page.getByText("感谢您的评价！").waitFor();

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("结果");
    sheet.addRow(["受访者", "您对双方合作的总体满意度", "您对我方响应速度是否满意", "明年是否继续合作"]);
    sheet.addRow(["东方照明", "很满意", "4", "继续"]);
    await page.goto(campaignUrl);
    await page.getByPlaceholder("结果来源（如：某调查公司）").fill("零点调查公司");
    await page.locator("input[type=file]").setInputFiles({
      name: "结果.xlsx",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await page.getByText("已导入 1 份答卷").waitFor();
    await page
      .getByText("已答 2")
      .or(page.locator(".ant-statistic").filter({ hasText: "已答" }).getByText("2"))
      .first()
      .waitFor();
    await page.getByText("总体", { exact: true }).waitFor();
    await screenshot(page, "93-campaign-progress-results");
    const responses = await database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, org.orgId));
    expect(responses.filter((r) => r.source === "零点调查公司")).toHaveLength(1);
  });

  it("C090 C094 an account owner calls a customer silent for months on a phone; a supervisor reconciles the month's callbacks", async () => {
    const { database, org, open, screenshot } = kefu;
    const owner = await createStaff(database, org, "agent", { name: "严销售" });
    const [quiet] = await database.db
      .insert(customers)
      .values({
        orgId: org.orgId,
        kind: "enterprise",
        name: "久未联系照明公司",
        ownerUserId: owner.actor.userId,
        createdAt: new Date(Date.now() - 240 * 86_400_000),
      })
      .returning();
    await database.db.insert(contacts).values({
      orgId: org.orgId,
      customerId: quiet.id,
      name: "方经理",
      mobile: "13911112222",
      isPrimary: true,
    });
    await drawCustomerLists(database.db, org.orgId);

    const { page } = await open({ mobile: true });
    await kefu.openAs(page, owner.actor.userId, "/callbacks");
    await page.getByTestId("callback-views").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByText("客户回访名单", { exact: true }).click();
    const card = page.locator(".ant-list-item").filter({ hasText: "流失客户回访" });
    await card.getByText("久未联系照明公司").waitFor();
    await card.getByRole("button", { name: "回访" }).click();
    const dialog = page.getByRole("dialog");
    await dialogSettled(dialog);
    await dialog.getByRole("button", { name: "显示电话" }).click();
    await dialog.getByText("13911112222").waitFor();
    await dialog.getByText("不满意", { exact: true }).click();
    await dialog.getByLabel("回访记录").fill("去年的灯具质量问题一直没人跟进");
    await screenshot(page, "94-customer-callback-phone");
    await confirmDialog(dialog);
    await page.getByText("客户表示不满意，已建立跟进工单").waitFor();
    await page.getByText("已回访").click();
    await page
      .getByText(/跟进工单 [A-Z]+-\d+/)
      .first()
      .waitFor();
    await screenshot(page, "95-customer-callback-done");

    // The closing callbacks of the month, per caller: one made, one left.
    const agent = await createStaff(database, org, "agent", { name: "陶客服" });
    for (const title of ["筒灯闪烁", "开关失灵"]) {
      const t = await createTestTicket(agent, { title });
      await changeTicketStatus(agent, t.id, { action: "start" });
      await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
      if (title === "筒灯闪烁")
        await changeTicketStatus(agent, t.id, {
          action: "record_callback",
          text: "客户满意",
          satisfied: true,
        });
    }
    // Due this month, whatever day of it this runs.
    await database.db
      .update(callbackTasks)
      .set({ dueOn: localIsoDate(new Date(), "Asia/Shanghai") })
      .where(eq(callbackTasks.assigneeId, agent.actor.userId));
    const supervisor = await createStaff(database, org, "supervisor");
    const desk = (await open()).page;
    await kefu.openAs(desk, supervisor.actor.userId, "/callbacks");
    await desk.getByText("回访核对", { exact: true }).click();
    await desk.getByTestId("reconciliation-rows").getByRole("row").filter({ hasText: "陶客服" }).waitFor();
    await desk.waitForLoadState("networkidle");
    await screenshot(desk, "96-callback-reconciliation");
    const download = desk.waitForEvent("download");
    await desk.getByRole("link", { name: "导出 Excel" }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    const row = workbook.worksheets[0].getRows(2, 20)?.find((r) => r.getCell(1).value === "陶客服");
    expect(row?.values).toEqual([undefined, "陶客服", 2, 1, 0, 1, 0]);

    // The supervisor tracks the unsatisfied customer's follow-up.
    await desk.getByText("不满意跟进", { exact: true }).click();
    const followUp = desk.getByRole("row").filter({ hasText: "久未联系照明公司" });
    await followUp.getByText("客户回访").waitFor();
    expect(await followUp.textContent()).toContain("严销售");
    await screenshot(desk, "98-follow-ups");
  });
});
