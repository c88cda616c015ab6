import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToTicket } from "../server/modules/tickets/reply-to-ticket";
import { deliverWebhook } from "../server/modules/webhooks/deliveries";
import { createStaff, createTestTicket, runDueJobs } from "../server/test/factories";
import { webhookReceiver } from "../server/test/webhook-receiver";
import { dialogSettled, e2eEnabled, pickOption, startKefu } from "./harness";

describe.runIf(e2eEnabled)("integrations in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  // The company's ERP, on loopback: it verifies each delivery with the secret the administrator copied.
  let erp: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    kefu = await startKefu();
    erp = await webhookReceiver("/erp/kefu");
  });
  afterAll(() => erp.close());

  it("an administrator in 管理部 sends ticket events to the ERP: a private address is refused, the secret is shown once and verifies the deliveries, the log shows each and resends one", async () => {
    const { database, org, open, openAs, screenshot } = kefu;
    const admin = await createStaff(database, org, "admin", { name: "严管理" });
    const agent = await createStaff(database, org, "agent", { name: "许客服" });
    const { page } = await open();
    await openAs(page, admin.actor.userId, "/webhooks");
    await page.getByText("还没有 Webhook").waitFor();
    await screenshot(page, "120-webhooks-empty");

    await page.getByRole("button", { name: "添加 Webhook" }).click();
    const dialog = page.getByRole("dialog");
    await dialogSettled(dialog);
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.getByText("必填").first().waitFor();
    await dialog.getByLabel("名称").fill("工单同步到 ERP");
    await dialog.getByLabel("接收地址（URL）").fill("http://10.0.0.8/hooks");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByText(/指向内部网络地址/).waitFor();
    await dialog.getByLabel("接收地址（URL）").fill(erp.url);
    await dialog.getByLabel("工单回复或备注").check();
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    const shown = page.getByTestId("webhook-secret");
    await shown.waitFor();
    erp.state.secret = (await shown.textContent())!.trim();
    expect(erp.state.secret).toMatch(/^whsec_/);
    await screenshot(page, "121-webhook-secret-once");
    await page.getByRole("button", { name: /知道了|OK/ }).click();
    const row = page.getByRole("row").filter({ hasText: "工单同步到 ERP" });
    await row.getByText("启用").waitFor();
    await row.getByText("工单回复或备注").waitFor();
    expect(await page.getByText(erp.state.secret).count()).toBe(0);

    // The agent in 客服部 takes a call and answers the customer; the job runner delivers.
    const ticket = await createTestTicket(agent, { title: "仓库灯具整排不亮" });
    await replyToTicket(agent, ticket.id, { body: "您好，已安排工程师。" });
    expect(await runDueJobs(database, org.orgId, deliverWebhook)).toBe(2);
    expect(erp.state.received.map(({ type, verified }) => ({ type, verified }))).toEqual([
      { type: "ticket.created", verified: true },
      { type: "ticket.replied", verified: true },
    ]);

    await row.getByRole("button", { name: "推送记录" }).click();
    const drawer = page.locator(".ant-drawer").filter({ hasText: "推送记录：工单同步到 ERP" });
    const created = drawer.getByRole("row").filter({ hasText: "工单创建" });
    await created.getByText("成功").waitFor();
    await created.getByText("200").waitFor();
    await drawer.getByRole("row").filter({ hasText: "工单回复或备注" }).getByText("received").waitFor();
    await screenshot(page, "122-webhook-deliveries");
    await created.getByRole("button", { name: "重新发送" }).click();
    await page.getByText("已重新排队发送").waitFor();
    await created.getByText("待发送").waitFor();
    expect(await runDueJobs(database, org.orgId, deliverWebhook)).toBe(1);
    expect(erp.state.received.at(-1)).toMatchObject({ type: "ticket.created", verified: true });
  });
  it("an administrator routes repair calls to 售后服务组's members in turn and puts the rule first; the dispatcher finds the rule on the ticket; a stall reminder is switched off", async () => {
    const { database, org, open, openAs, screenshot } = kefu;
    const admin = await createStaff(database, org, "admin", { name: "严规则" });
    const agent = await createStaff(database, org, "agent", { name: "许接线" });
    const dispatcher = await createStaff(database, org, "dispatcher", {
      department: "售后服务组",
      name: "吴派单",
    });
    const { page } = await open();
    await openAs(page, admin.actor.userId, "/automations");
    await page.getByText("投诉转质量管理部").waitFor();

    await page.getByRole("button", { name: "新建规则" }).click();
    const dialog = page.getByRole("dialog");
    await dialogSettled(dialog);
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.getByText("必填").first().waitFor();
    await dialog.getByLabel("规则名称").fill("报修轮流派给售后");
    await dialog.getByLabel("类型").click();
    await page.locator(".ant-select-dropdown").getByTitle("报修", { exact: true }).click();
    await page.keyboard.press("Escape");
    await pickOption(dialog.getByLabel("分派到部门"), "售后服务组");
    await pickOption(dialog.getByLabel("分派方式"), "部门成员轮流");
    await dialog.getByLabel("执行后不再尝试后面的规则").check();
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    const row = page.getByRole("row").filter({ hasText: "报修轮流派给售后" });
    await row.getByText("售后服务组成员轮流处理").waitFor();
    // Tried before the seeded routing rules: up three places.
    for (let at = 3; at >= 1; at--) {
      await row.getByRole("button", { name: "上移“报修轮流派给售后”" }).click();
      await expect.poll(() => page.getByRole("row").nth(at).textContent()).toContain("报修轮流派给售后");
    }
    await screenshot(page, "125-automations");

    // The agent in 客服部 logs a repair call: the rule hands it to the dispatcher of 售后服务组.
    const ticket = await createTestTicket(agent, { type: "repair", title: "仓库灯具频闪" });
    const second = await open();
    await openAs(second.page, dispatcher.actor.userId, `/tickets/${ticket.id}`);
    const fired = second.page.getByTestId("timeline-rule_fired");
    await fired.getByText("报修轮流派给售后").waitFor();
    await second.page.getByTestId("timeline-routed").getByText("售后服务组 / 吴派单").waitFor();
    await screenshot(second.page, "126-rule-on-timeline");

    // Timed rules: the administrator switches the calm tickets' reminder off; it stays off.
    await page.getByRole("tab", { name: "定时规则" }).click();
    const reminder = page.getByRole("switch", { name: "启用“停滞提醒处理人（中、低）”" });
    await reminder.click();
    await expect.poll(() => reminder.getAttribute("aria-checked")).toBe("false");
    await page.reload();
    await page.getByRole("tab", { name: "定时规则" }).click();
    await expect
      .poll(() =>
        page.getByRole("switch", { name: "启用“停滞提醒处理人（中、低）”" }).getAttribute("aria-checked"),
      )
      .toBe("false");
  });
});
