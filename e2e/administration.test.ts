import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessCalendars } from "../server/db/schema";
import { sweepDueClocks } from "../server/modules/sla/clocks";
import { replyToTicket } from "../server/modules/tickets/reply-to-ticket";
import { deliverWebhook } from "../server/modules/webhooks/deliveries";
import { createStaff, createTestTicket, runDueJobs } from "../server/test/factories";
import { webhookReceiver } from "../server/test/webhook-receiver";
import { confirmDialog, dialogSettled, e2eEnabled, pickOption, startKefu } from "./harness";

/** Shanghai calendar date of an instant, as YYYY-MM-DD. */
const shanghaiDate = (instant: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(instant);

// What an administrator sets up and what it does — webhooks, automation rules, the working calendar
// and service time — and how the console itself is delivered, in one file (each file costs its own
// server, database and browser).
describe.runIf(e2eEnabled)("administration in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  // The company's ERP, on loopback: it verifies each delivery with the secret the administrator copied.
  let erp: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    kefu = await startKefu();
    erp = await webhookReceiver("/erp/kefu");
  });
  afterAll(() => erp.close());

  it("C043 a P1 ticket received on a Friday evening before a 调休 Saturday shows that Saturday's deadline, turns up live in the overdue queue and is explained in the overdue list", async () => {
    const { database, org, open, screenshot } = kefu;
    // The Friday of last week and the Saturday after it, declared a make-up working day (调休).
    const today = new Date();
    const daysBack = ((today.getUTCDay() + 2) % 7) + 7;
    const friday = shanghaiDate(new Date(today.getTime() - daysBack * 86_400_000));
    const saturday = shanghaiDate(new Date(Date.parse(`${friday}T12:00:00+08:00`) + 86_400_000));
    const [calendar] = await database.db
      .select()
      .from(businessCalendars)
      .where(and(eq(businessCalendars.orgId, org.orgId), eq(businessCalendars.isDefault, true)));
    await database.db
      .update(businessCalendars)
      .set({ exceptions: { ...calendar.exceptions, [saturday]: "workday" } })
      .where(eq(businessCalendars.id, calendar.id));

    const agent = await createStaff(database, org, "agent", { name: "李晓" });
    const manager = await createStaff(database, org, "manager", { name: "周经理" });
    const a = await open();
    await kefu.openAs(a.page, agent.actor.userId, "/tickets?queue=overdue");
    await a.page.getByText("暂无数据").first().waitFor();

    await a.page.getByRole("menuitem", { name: "登记工单" }).click();
    await a.page.getByLabel("来电号码").fill("13922223333");
    await a.page.getByLabel("新客户 · 客户名称").fill("华南电子厂");
    await pickOption(a.page.getByLabel("类型"), "报修");
    await pickOption(a.page.getByLabel("优先级"), "P1 紧急");
    const received = a.page.getByLabel("收到时间");
    await received.click();
    await received.fill(`${friday} 19:00`);
    await received.press("Enter");
    await a.page.getByLabel("标题").fill("生产线照明全部熄灭");
    await a.page.getByLabel("问题描述").fill("周五晚 19:00 来电：车间照明控制柜跳闸后无法合闸，生产线停工。");
    await screenshot(a.page, "10-log-p1-received-friday-evening");
    await a.page.getByRole("button", { name: "提交" }).click();
    await a.page.getByTestId("sla-clocks").waitFor();

    const [, month, day] = saturday.split("-");
    const card = a.page.getByTestId("sla-clocks");
    await expect.poll(() => card.textContent()).toContain("紧急（P1）");
    // 4 working hours from Friday 19:00: Saturday 9:00–12:00 and 13:30–14:30.
    expect(await a.page.getByTestId("sla-resolution-due").textContent()).toBe(
      `${saturday.slice(0, 4)}/${month}/${day} 14:30`,
    );
    expect(await a.page.getByTestId("sla-first_response-due").textContent()).toBe(
      `${saturday.slice(0, 4)}/${month}/${day} 09:15`,
    );
    await screenshot(a.page, "11-p1-deadline-on-make-up-saturday");

    await a.page.goto("/tickets?queue=overdue");
    await a.page.getByText("暂无数据").first().waitFor();
    await sweepDueClocks(database.db);
    // The sweep's change reaches the open queue without a reload.
    await a.page.getByText("生产线照明全部熄灭").waitFor({ timeout: 10_000 });
    await screenshot(a.page, "12-overdue-queue-live");

    // The list of the month the deadline fell in (last week's may be last month's).
    await a.page.goto(`/overdue?month=${saturday.slice(0, 7)}`);
    const row = a.page.getByRole("row").filter({ hasText: "生产线照明全部熄灭" }).filter({ hasText: "解决" });
    await row.getByRole("button", { name: "说明原因" }).click();
    await a.page.getByRole("dialog").getByRole("textbox").fill("周末值班电工不在厂，周一才到场");
    await confirmDialog(a.page.getByRole("dialog"));
    await row.getByText("周末值班电工不在厂").waitFor();
    await screenshot(a.page, "13-overdue-list-with-reason");

    const m = await open();
    await kefu.openAs(m.page, manager.actor.userId, `/overdue?month=${saturday.slice(0, 7)}`);
    await m.page.getByRole("tab", { name: "月度逾期报告" }).click();
    const report = m.page.getByRole("row").filter({ hasText: "客服部" });
    await report.waitFor();
    expect(await report.textContent()).toContain("0%");
    await screenshot(m.page, "14-monthly-overdue-report");

    await m.page.getByRole("menuitem", { name: "系统设置" }).click();
    await m.page.getByRole("tab", { name: "时效规则" }).click();
    const standard = m.page.getByRole("row").filter({ hasText: "标准" }).last();
    await standard.getByRole("button", { name: "编辑" }).click();
    await m.page.getByRole("dialog").getByLabel("规则名称").waitFor();
    expect(await m.page.getByRole("dialog").getByLabel("规则名称").inputValue()).toBe("标准");
    await screenshot(m.page, "16-edit-service-time-policy");
    await m.page.getByRole("dialog").getByRole("button", { name: "取消" }).click();
    // C021: tickets routed to 售后服务组 run on its own time limits, tried before 标准.
    await m.page.getByRole("button", { name: "新建规则" }).click();
    const policy = m.page.getByRole("dialog");
    await policy.getByLabel("规则名称").fill("售后服务组时限");
    await policy.getByLabel("顺序").fill("5");
    await policy.getByLabel("部门", { exact: true }).click();
    await m.page.locator(".ant-select-dropdown").getByTitle("售后服务组", { exact: true }).click();
    await m.page.keyboard.press("Escape");
    await policy.getByLabel("解决", { exact: true }).fill("8");
    await confirmDialog(policy);
    const afterSales = m.page.getByRole("row").filter({ hasText: "售后服务组时限" });
    await afterSales.getByText("售后服务组", { exact: true }).waitFor();
    expect(await afterSales.textContent()).toContain("解决 8 小时");

    // Complaint routing and approval authority sit next to the service-time policies.
    await m.page.getByRole("tab", { name: "客诉设置" }).click();
    await m.page.getByRole("row").filter({ hasText: "物流问题" }).waitFor();
    await screenshot(m.page, "17-complaint-settings");

    const phone = await open({ mobile: true });
    await kefu.openAs(phone.page, agent.actor.userId, "/tickets?queue=overdue");
    await phone.page.getByText("生产线照明全部熄灭").click();
    await phone.page.getByTestId("sla-clocks").waitFor();
    await screenshot(phone.page, "15-ticket-service-time-on-phone");
  });

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
    await dialog.getByLabel("类型", { exact: true }).click();
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

  it("sends the built console precompressed, caches hashed assets for good and the page never, with a favicon", async () => {
    const get = (path: string, encoding = "br, gzip") =>
      fetch(`${kefu.baseUrl}${path}`, { headers: { "accept-encoding": encoding } });
    const page = await get("/tickets/anything");
    expect(page.headers.get("content-encoding")).toBe("br");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    // The page itself carries the policy the journeys' browsers enforce (harness: no violation).
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    expect(html).toContain('rel="icon"');
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const brotli = await get(script);
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(brotli.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const gzip = await get(script, "gzip");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    // The same script whichever way it travels.
    expect(await brotli.text()).toBe(await gzip.text());
    const icon = await get("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
  });
});
