import { and, eq, sql } from "drizzle-orm";
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { surveyInvitations, surveyResponses, tickets, users } from "../server/db/schema";
import { runRetention } from "../server/modules/records/retention";
import { answerSurvey } from "../server/modules/surveys/answers";
import { changeTicketStatus } from "../server/modules/tickets/change-status";
import { replyToTicket } from "../server/modules/tickets/reply-to-ticket";
import { createStaff, createTestTicket } from "../server/test/factories";
import { artifactPath, confirmDialog, dialogSettled, e2eEnabled, pickOption, startKefu } from "./harness";

describe.runIf(e2eEnabled)("management screens in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("a manager opens the month's KPI scorecard, reads an agent's figures and exports it", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "何客服" });
    for (const title of ["筒灯不亮", "面板灯闪烁"]) {
      const ticket = await createTestTicket(agent, { title });
      await changeTicketStatus(agent, ticket.id, { action: "start" });
      if (title === "筒灯不亮")
        await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已更换驱动" });
    }
    await createStaff(database, org, "engineer", { name: "韩工" });
    const manager = await createStaff(database, org, "manager", { name: "吕经理" });
    const { page } = await open();
    await kefu.openAs(page, manager.actor.userId, "/kpi-scorecard");
    const row = page.getByRole("row").filter({ hasText: "何客服" });
    await row.getByRole("cell", { name: "50%" }).first().waitFor();
    expect(await row.getByRole("cell").nth(1).textContent()).toBe("2");
    await screenshot(page, "72-kpi-scorecard");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Excel" }).click();
    expect((await download).suggestedFilename()).toMatch(/^绩效考核-\d{4}-\d{2}\.xlsx$/);

    await page.getByText("按部门").click();
    await page.getByRole("row").filter({ hasText: "客服部" }).waitFor();
    // Each engineer's field work, exported on its own.
    await page.getByText("工程师", { exact: true }).click();
    await page
      .getByRole("row")
      .filter({ hasText: "韩工" })
      .getByRole("cell", { name: "0" })
      .first()
      .waitFor();
    await screenshot(page, "97-engineer-scorecard");
    await page.emulateMedia({ media: "print" });
    await page.locator(".print-only h2").waitFor();
    await page.pdf({ path: artifactPath("97-engineer-scorecard.pdf"), format: "A4", landscape: true });
    await page.emulateMedia({ media: "screen" });
    const engineers = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Excel" }).click();
    expect((await engineers).suggestedFilename()).toMatch(/^工程师绩效-\d{4}-\d{2}\.xlsx$/);
    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, manager.actor.userId, `${kefu.baseUrl}/kpi-scorecard`);
    await phone.getByText("何客服").waitFor();
    await screenshot(phone, "73-kpi-scorecard-phone");
  });

  it("the service dashboard counts a new green-channel ticket without a reload", async () => {
    const { database, org, open, screenshot } = kefu;
    const supervisor = await createStaff(database, org, "supervisor", { name: "施主管" });
    const agent = await createStaff(database, org, "agent", { name: "张客服" });
    const { page } = await open();
    await kefu.openAs(page, supervisor.actor.userId, "/dashboard");
    const green = page.getByTestId("dashboard-green");
    await green.waitFor();
    const before = Number(await green.textContent());
    await createTestTicket(agent, { title: "医院手术室照明中断", isGreenChannel: true, priority: "P1" });
    await page
      .getByTestId("dashboard-green")
      .getByText(String(before + 1))
      .waitFor();
    await screenshot(page, "74-service-dashboard");
  });

  it("QA reads a customer's answers and sets them aside with a reason", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "严客服" });
    const ticket = await createTestTicket(agent, {
      title: "射灯角度不对",
      newCustomer: { name: "华女士", phone: "13900001111" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已调整" });
    const [invitation] = await database.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, ticket.id));
    await answerSurvey(database.db, invitation.token, {
      answers: { service: 1, timeliness: 1, result: 1, quality: 1, recommend: "不会" },
    });
    const qa = await createStaff(database, org, "qa_inspector", { name: "魏质检" });
    const { page } = await open();
    await kefu.openAs(page, qa.actor.userId, "/survey-responses");
    const row = page.getByRole("row").filter({ hasText: ticket.number! });
    await row.getByRole("button", { name: "查看答卷" }).click();
    await page.getByRole("dialog").getByText("很不满意（1）").first().waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await row.getByRole("button", { name: "设为无效" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("无效原因").fill("客户来电说明误点了选项");
    await confirmDialog(dialog);
    await row.getByText("无效：客户来电说明误点了选项").waitFor();
    await screenshot(page, "75-survey-answers");
    const [response] = await database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitation.id));
    expect(response).toMatchObject({ valid: false, invalidReason: "客户来电说明误点了选项" });
  });

  it("a manager reads the months side by side, exports them and subscribes to the monthly report", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "麦客服" });
    await createTestTicket(agent, { title: "灯带断电", channel: "email" });
    const manager = await createStaff(database, org, "manager", { name: "冯经理" });
    const { page } = await open();
    await kefu.openAs(page, manager.actor.userId, "/reports");
    await page.getByTestId("trend-channels").waitFor();
    const thisMonth = new Date().toISOString().slice(0, 7);
    const row = page.getByRole("row").filter({ hasText: thisMonth });
    await row.waitFor();
    expect(Number(await row.getByRole("cell").nth(1).textContent())).toBeGreaterThan(0);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Excel" }).click();
    expect((await download).suggestedFilename()).toMatch(/^服务趋势-.*\.xlsx$/);
    await page.getByRole("button", { name: "订阅月报邮件" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("接收邮箱").fill("feng@example.com");
    await confirmDialog(dialog);
    await page.getByText("月报发送至 feng@example.com").waitFor();
    await screenshot(page, "75-service-trends");
    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, manager.actor.userId, `${kefu.baseUrl}/reports?granularity=week`);
    await phone.getByTestId("trend-channels").waitFor();
    await screenshot(phone, "76-service-trends-phone");
  });

  it("C106 QA reads the quarter's analysis, adds an improvement action with its owner and submits the report", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "焦客服" });
    const ticket = await createTestTicket(agent, {
      title: "维修上门慢",
      newCustomer: { name: "车先生", phone: "13911113333" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已维修" });
    const [invitation] = await database.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, ticket.id));
    await answerSurvey(database.db, invitation.token, {
      answers: { service: 4, timeliness: 1, result: 4, quality: 4, suggestion: "上门等了一周" },
    });
    const qa = await createStaff(database, org, "qa_inspector", { name: "祁质检" });
    await createStaff(database, org, "supervisor", { name: "晏主管" });
    const { page } = await open();
    await kefu.openAs(page, qa.actor.userId, "/satisfaction-analysis");
    await page.getByText("上门等了一周").waitFor();
    await page.getByRole("button", { name: "新增改进措施" }).click();
    const add = page.getByRole("dialog");
    await add.getByLabel("改进措施").fill("派工后 24 小时内上门");
    await pickOption(add.getByLabel("负责人"), "晏主管");
    const due = add.getByLabel("完成期限");
    await due.click();
    await due.fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
    await due.press("Tab");
    await confirmDialog(add);
    await page.getByRole("cell", { name: "派工后 24 小时内上门" }).waitFor();
    await page.getByRole("button", { name: "提交报告" }).click();
    const submit = page.getByRole("dialog");
    await submit.getByLabel("分析结论").fill("本季度主要问题为上门及时性");
    await confirmDialog(submit);
    await page.getByText("已由 祁质检", { exact: false }).waitFor();
    await screenshot(page, "77-satisfaction-analysis");

    // Printed or saved as PDF: the report alone, headed with the organisation and the quarter.
    await page.getByRole("button", { name: "打印 / 导出 PDF" }).waitFor();
    await page.emulateMedia({ media: "print" });
    await page.locator(".ant-layout-sider").waitFor({ state: "hidden" });
    const heading = page.locator(".print-only h2");
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(new RegExp(`${org.slug}.*满意度分析报告`));
    expect(await page.getByRole("button", { name: "打印 / 导出 PDF" }).isVisible()).toBe(false);
    const pdf = await page.pdf({ path: artifactPath("78-satisfaction-analysis.pdf"), format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await screenshot(page, "78-satisfaction-analysis-print");
  });
});

describe.runIf(e2eEnabled)("user administration in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("an administrator disables a user only after confirming, is told so, and cannot disable themself", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "离职客服" });
    const admin = await createStaff(database, org, "admin", { name: "严管理" });
    const { page } = await open();
    const uncaught: string[] = [];
    page.on("pageerror", (error) => uncaught.push(error.message));
    await kefu.openAs(page, admin.actor.userId, "/settings");
    await page.getByRole("tab", { name: "用户" }).click();
    const row = page.getByRole("row").filter({ hasText: "离职客服" });
    await row.getByText("正常").waitFor();
    await row.getByRole("button", { name: "停用" }).click();
    // Nothing happens before the confirmation.
    const confirm = page.locator(".ant-popconfirm").filter({ hasText: "停用 离职客服？" });
    await confirm.waitFor();
    await screenshot(page, "100-disable-user-confirm");
    expect(
      (await database.db.select().from(users).where(eq(users.id, agent.actor.userId)))[0].isDisabled,
    ).toBe(false);
    await confirm.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByText("已停用 离职客服").waitFor();
    await row.getByText("已停用").waitFor();
    const mine = page.getByRole("row").filter({ hasText: "严管理" });
    await mine.getByRole("button", { name: "停用" }).click();
    await page
      .locator(".ant-popconfirm")
      .filter({ hasText: "停用 严管理？" })
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    await page.getByText("不能停用自己的账号：请由另一位管理员操作").waitFor();
    await mine.getByText("正常").waitFor();
    // A form sent with a required field empty marks the field, and nothing is thrown in the page.
    await page.getByRole("button", { name: "新增", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await confirmDialogKeepsOpen(dialog);
    await dialog.getByText("必填").first().waitFor();
    expect(uncaught).toEqual([]);

    // The operation log says it in words: the action, the person by name, what changed.
    await page.goto("/audit");
    await page.getByLabel("对象类型").fill("用户");
    await pickOption(page.getByLabel("对象类型"), "用户");
    const disabled = page.getByRole("row").filter({ hasText: "修改用户" }).filter({ hasText: "离职客服" });
    await disabled.getByText("停用：否 → 是").waitFor();
    await disabled.getByText("严管理").waitFor();
    expect(await page.getByText("user.updated").count()).toBe(0);
    await screenshot(page, "101-audit-log");
    // The outbox names its channels and states in Chinese (a reply to a customer went out as SMS).
    const ticket = await createTestTicket(agent, { newCustomer: { name: "卜先生", phone: "13600001111" } });
    await replyToTicket(admin, ticket.id, { body: "您好，已为您登记。" });
    await page.goto("/outbox");
    await page.getByRole("row").filter({ hasText: "您好，已为您登记。" }).getByText("短信").waitFor();
    expect(await page.getByRole("cell", { name: "sms" }).count()).toBe(0);
  });

  it("C151 C152 C154 a records custodian in 管理部 gives survey answers to 质量管理部 for 5 years, holds a disputed case, runs the pass, erases a caller's personal data on their request and revises the callback form; an archived ticket reads but offers nothing to do; the agent files a signed callback form", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "卫客服" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "葛主管" });
    // A case closed more than three years ago (its closing dated back, as an old record would be),
    // archived by the daily pass.
    const old = await createTestTicket(agent, { title: "三年前的筒灯维修" });
    for (const step of [
      { action: "start" },
      { action: "resolve", text: "更换驱动" },
      { action: "record_callback", text: "满意", satisfied: true },
      { action: "close" },
    ] as const)
      await changeTicketStatus(agent, old.id, step);
    await database.db
      .update(tickets)
      .set({ closedAt: sql`now() - interval '3 years 2 days'` })
      .where(and(eq(tickets.orgId, org.orgId), eq(tickets.id, old.id)));
    await runRetention(database.db, org.filesDir);
    const disputed = await createTestTicket(agent, { title: "灯具起火索赔" });
    const custodian = await createStaff(database, org, "records_custodian", { name: "徐档案" });
    // A customer calls to have their personal data deleted; the agent logs it on the customer's page.
    const caller = await createTestTicket(agent, {
      title: "筒灯保修咨询",
      newCustomer: { name: "钱女士", phone: "13987654321" },
    });
    // A case called back, whose callback form the agent prints and files signed.
    const served = await createTestTicket(agent, { title: "走廊灯不亮" });
    for (const step of [
      { action: "start" },
      { action: "resolve", text: "更换镇流器" },
      { action: "record_callback", text: "已正常使用", satisfied: true },
    ] as const)
      await changeTicketStatus(agent, served.id, step);
    const desk = await open();
    await kefu.openAs(desk.page, agent.actor.userId, `/customers/${caller.customerId}`);
    await desk.page.getByRole("tab", { name: "个人信息", exact: true }).click();
    await desk.page.getByRole("button", { name: "登记更正/删除申请" }).click();
    const request = desk.page.getByRole("dialog");
    await request.getByLabel("删除个人信息").check();
    await request.getByLabel("客户的要求").fill("来电要求删除本人全部个人信息");
    await confirmDialog(request);
    await desk.page.getByRole("row").filter({ hasText: "来电要求删除" }).getByText("待处理").waitFor();
    // The agent may log it, not erase: no action is offered.
    expect(await desk.page.getByRole("button", { name: "删除个人信息" }).count()).toBe(0);

    const { page } = await open();
    await kefu.openAs(page, custodian.actor.userId, "/records");
    const serviceRecords = page.getByRole("row").filter({ hasText: "服务记录" });
    await serviceRecords.getByText("客服部").waitFor();
    const surveys = page.getByRole("row").filter({ hasText: "调查答卷" });
    await surveys.getByRole("button", { name: "修改" }).click();
    const dialog = page.getByRole("dialog");
    await pickOption(dialog.getByLabel("保管部门"), "质量管理部");
    await dialog.getByLabel("保存期限（年）").fill("5");
    await confirmDialog(dialog);
    await surveys.getByText("5 年").waitFor();
    await surveys.getByText("质量管理部").waitFor();
    await screenshot(page, "101-records-retention");

    await page.getByRole("tab", { name: "法律保全" }).click();
    await page.getByRole("button", { name: "设置保全" }).click();
    const hold = page.getByRole("dialog");
    await hold.getByLabel("工单编号").fill(disputed.number);
    await hold.getByLabel("原因").fill("客户起诉索赔，法务要求保全");
    await confirmDialog(hold);
    await page.getByRole("row").filter({ hasText: disputed.number }).getByText("保全中").waitFor();
    await screenshot(page, "102-records-legal-hold");

    await page.getByRole("tab", { name: "归档与清理记录" }).click();
    // The daily pass archived the old case; a run from the console asks first.
    await page.getByRole("cell", { name: "系统（定时）" }).waitFor();
    await page.getByRole("button", { name: "立即执行归档与清理" }).click();
    await confirmDialog(page.getByRole("dialog"));
    await page.getByText("已执行：归档 0 条，清理 0 条").waitFor();
    await page.getByRole("cell", { name: "徐档案" }).waitFor();
    await screenshot(page, "103-records-runs");

    // The custodian erases the caller's personal data after reading what it means.
    await page.getByRole("tab", { name: "个人信息申请" }).click();
    const asked = page.getByRole("row").filter({ hasText: "钱女士" });
    await asked.getByRole("button", { name: "删除个人信息" }).click();
    const erase = page.getByRole("dialog");
    await erase.getByText("将永久删除“钱女士”的个人信息").waitFor();
    await screenshot(page, "105-erase-personal-data");
    await erase.getByLabel("办理说明").fill("已核实本人身份，按要求删除");
    await erase.getByRole("button", { name: "删除个人信息" }).click();
    await erase.waitFor({ state: "hidden" });
    await page.getByRole("row").filter({ hasText: "已匿名客户" }).getByText("已办理").waitFor();
    await desk.page.reload();
    await desk.page.getByText(/该客户的个人信息已于 .* 按本人要求删除/).waitFor();
    expect(await desk.page.getByText("13987654321").count()).toBe(0);

    // The callback form is revised to version B/1 without the review box (C154) …
    await page.getByRole("tab", { name: "标准表单" }).click();
    const callbackForm = page.getByRole("row").filter({ hasText: "客户回访记录表" });
    await callbackForm.getByRole("button", { name: "修改" }).click();
    const revise = page.getByRole("dialog");
    await revise.getByLabel("版本").fill("B/1");
    await revise.getByLabel("审查").uncheck();
    await confirmDialog(revise);
    await callbackForm.getByText("B/1").waitFor();
    // … and the agent's printed form carries it; the signed paper is scanned and filed with it.
    await desk.page.goto(`/tickets/${served.id}`);
    await desk.page.getByRole("button", { name: "客户回访记录表" }).click();
    const form = desk.page.getByTestId("form-callback_form");
    await form.getByText("已正常使用").waitFor();
    await desk.page.getByText("版本：B/1").waitFor();
    expect(await desk.page.getByText("审查：").count()).toBe(0);
    const pdf = await desk.page.request.get(`/api/forms/callback_form/${served.id}/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    await desk.page.locator('input[type="file"]').setInputFiles({
      name: "回访记录表-已签字.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    await desk.page
      .getByTestId("form-scans")
      .getByText(/回访记录表-已签字\.pdf/)
      .waitFor();
    await screenshot(desk.page, "106-callback-form");

    // The archived case opens for reading, says why nothing can be done, and offers no action.
    const reader = await open();
    await kefu.openAs(reader.page, supervisor.actor.userId, `/tickets/${old.id}`);
    await reader.page.getByText(/该记录已过保存期限并于 .* 归档/).waitFor();
    expect(await reader.page.getByRole("button", { name: "重开" }).count()).toBe(0);
    await screenshot(reader.page, "104-archived-ticket");
  });
});

/** Presses OK on a dialog whose form is not filled in: it must stay open. */
async function confirmDialogKeepsOpen(dialog: Locator) {
  await dialogSettled(dialog);
  await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
}
