import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToTicket } from "../server/modules/tickets/reply-to-ticket";
import { deliverWebhook } from "../server/modules/webhooks/deliveries";
import { createStaff, createTestTicket, runDueJobs } from "../server/test/factories";
import { webhookReceiver } from "../server/test/webhook-receiver";
import { dialogSettled, e2eEnabled, startKefu } from "./harness";

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
});
