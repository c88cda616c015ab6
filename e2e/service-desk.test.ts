import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contacts, customers, searchIndexState, tickets } from "../server/db/schema";
import { SEARCH_TOKENS_VERSION } from "../server/lib/search-tokens";
import { consentGiven } from "../server/modules/customers/consents";
import { addPurchase } from "../server/modules/customers/contacts-and-purchases";
import { transferTicket } from "../server/modules/tickets/transfer-ticket";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import {
  confirmDialog,
  dialogSettled,
  e2eEnabled,
  pickOption,
  signInCustomer,
  signInStaff,
  startKefu,
} from "./harness";

describe.runIf(e2eEnabled)("service desk journeys in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("a first visit shows the console in the browser's language: 繁體中文 for Taiwan, English for English", async () => {
    const taiwan = (await kefu.open({ locale: "zh-TW" })).page;
    await taiwan.goto("/");
    await taiwan.getByText("登入 Kefu 客服").waitFor();
    const english = (await kefu.open({ locale: "en-GB", mobile: true })).page;
    await english.goto("/");
    await english.getByRole("button", { name: "Sign in" }).waitFor();
  });

  it("C027 an agent logs a phone complaint for a new caller, transfers it to 质量管理部, the quality user replies, the first responder sees it live and closes it", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "王小丽" });
    const quality = await createStaff(database, org, "department_head", {
      department: "质量管理部",
      name: "陈质量",
    });
    const a = await open();
    await signInStaff(a.page, org, await usernameOf(database, agent.actor.userId), TEST_PASSWORD);
    await screenshot(a.page, "01-workbench");

    // Menu items are links: a middle click or Ctrl/⌘ opens the page in a new tab.
    expect(
      await a.page.getByRole("menuitem", { name: "登记工单" }).getByRole("link").getAttribute("href"),
    ).toBe("/tickets/new");
    await a.page.getByRole("menuitem", { name: "登记工单" }).click();
    // A number that is not one is marked when the field is left, before anything is sent.
    await a.page.getByLabel("来电号码").fill("138-abc");
    await a.page.getByLabel("标题").focus();
    await a.page.getByText("应为电话号码（如 13800138000）").waitFor();
    await a.page.getByLabel("来电号码").fill("13855556666");
    await a.page.getByLabel("新客户 · 客户名称").fill("刘先生");
    await pickOption(a.page.getByLabel("类型"), "投诉");
    await a.page.getByLabel("标题").fill("新买的吸顶灯频闪");
    await a.page.getByLabel("问题描述").fill("客户上周购买的吸顶灯开灯后一直频闪，要求尽快处理。");
    await screenshot(a.page, "02-log-phone-complaint");
    await a.page.getByRole("button", { name: "提交" }).click();
    const number = a.page.getByTestId("ticket-number");
    await expect.poll(() => number.textContent()).toMatch(/^KS-\d{6}-\d{4}$/);
    const ticketUrl = a.page.url();

    await a.page.getByRole("button", { name: "转派" }).click();
    const dialog = a.page.getByRole("dialog");
    await pickOption(dialog.getByLabel("转至部门"), "质量管理部");
    await pickOption(dialog.getByLabel("转至人员（可不选）"), "陈质量");
    await dialog.getByLabel("原因").fill("疑似产品质量问题，请质量管理部调查");
    await confirmDialog(dialog);
    await expect.poll(() => a.page.getByTestId("assignee").textContent()).toBe("陈质量");
    expect(await a.page.getByTestId("first-responder").textContent()).toBe("王小丽");

    const q = await open();
    await kefu.openAs(q.page, quality.actor.userId, ticketUrl);
    await q.page.getByTestId("reply-text").fill("您好，经检测为驱动电源故障，我们将为您免费更换新灯。");
    await q.page.getByRole("button", { name: "发送" }).click();
    await q.page.getByText("驱动电源故障").first().waitFor();

    // The first responder's page updates without a reload; handed on, it no longer offers to handle it.
    await a.page.getByText("驱动电源故障").first().waitFor({ timeout: 10_000 });
    await screenshot(a.page, "03-live-reply-seen-by-first-responder");
    for (const action of ["开始处理", "解决", "转派", "挂起"])
      expect(await a.page.getByRole("button", { name: action }).count()).toBe(0);

    // The new holder resolves it; the closing callback is the first responder's (C085).
    await q.page.getByRole("button", { name: "解决" }).click();
    await q.page.getByRole("dialog").getByLabel("处理结果").fill("质量部确认驱动电源故障，已免费更换");
    await confirmDialog(q.page.getByRole("dialog"));
    await a.page.getByRole("button", { name: "登记回访" }).click();
    await a.page.getByRole("dialog").getByLabel("是").check();
    await a.page.getByRole("dialog").getByLabel("回访记录").fill("客户确认新灯工作正常，表示满意");
    // Until the callback dialog has gone, "关闭" would also name its close button: confirmDialog waits for it.
    await confirmDialog(a.page.getByRole("dialog"));
    await a.page.getByRole("button", { name: "关闭" }).click();
    await confirmDialog(a.page.getByRole("dialog"));
    await a.page.getByText("已关闭").first().waitFor();
    await screenshot(a.page, "04-closed");
  });

  it("C064 a customer reports a repair of a unit from their installed base in the portal; it appears in the agents' unassigned queue without a reload, and the work order starts from it", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent");
    const first = await createTestTicket(agent, { newCustomer: { name: "周女士", phone: "13977778888" } });
    await addPurchase(agent, first.customerId!, {
      product: "工矿灯 GK-200",
      serialNo: "GK-0815",
      deliveredOn: new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10),
    });
    const staff = await open();
    await kefu.openAs(staff.page, agent.actor.userId, "/tickets?queue=unassigned");
    await staff.page.getByText("暂无数据").first().waitFor();

    const customer = await open({ mobile: true });
    await signInCustomer(customer.page, database, org, "13977778888");
    await customer.page.getByRole("button", { name: "提交新请求" }).click();
    await customer.page.getByLabel("标题").fill("车间照明灯不亮");
    await customer.page.getByLabel("问题描述").fill("二号车间有四盏工矿灯不亮，请安排工程师上门检修。");
    await customer.page.getByLabel("报修设备").click();
    await customer.page
      .locator(".ant-select-dropdown")
      .getByText(/工矿灯 GK-200 · GK-0815（保修期内/)
      .click();
    await customer.page.getByLabel("服务地址").fill("苏州市吴中区工业园 2 号车间");
    await screenshot(customer.page, "05-portal-new-repair-phone");
    await customer.page.getByRole("button", { name: "提交" }).click();
    await customer.page.getByText("处理进度").waitFor();

    await staff.page.getByText("车间照明灯不亮").waitFor({ timeout: 10_000 });
    await screenshot(staff.page, "06-unassigned-queue-live");
    await staff.page.getByText("车间照明灯不亮").click();
    await staff.page.getByTestId("create-work-order").click();
    const dialog = staff.page.getByRole("dialog");
    expect(await dialog.getByLabel("服务地址").inputValue()).toBe("苏州市吴中区工业园 2 号车间");
    await dialog.getByText("工矿灯 GK-200 · GK-0815").waitFor();
    await dialog.getByText("保修期内").waitFor();
  });

  it("C034 a forbidden phrase is refused in the reply box with a clear message", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    const { page } = await open();
    await kefu.openAs(page, agent.actor.userId, `/tickets/${ticket.id}`);
    await page.getByTestId("reply-text").fill("这事情不归我管，你去找销售吧");
    await page.getByRole("button", { name: "发送" }).click();
    await page.getByText("回复中含有服务忌语").waitFor();
    await screenshot(page, "07-forbidden-phrase");
    expect(await page.getByTestId("timeline-reply").count()).toBe(0);
  });
  it("C153 an agent keeps a customer's record on a phone: edits it, adds its primary contact and a delivered unit, records that the customer wants no more surveys", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent, {
      newCustomer: { name: "苏州恒光照明", phone: "051265550000" },
    });
    const { page } = await open({ mobile: true });
    await kefu.openAs(page, agent.actor.userId, `/customers/${ticket.customerId}`);

    await page.getByRole("button", { name: "编辑资料" }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel("行业").fill("照明工程");
    await confirmDialog(dialog);
    await page.getByText("照明工程").waitFor();

    await page.getByRole("tab", { name: /联络人/ }).click();
    await page.getByRole("button", { name: "新增联络人" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("姓名").fill("周工");
    await dialog.getByLabel("手机").fill("13912340000");
    await dialog.getByLabel("主要联络人").click();
    await confirmDialog(dialog);
    await page.getByRole("cell", { name: /周工/ }).waitFor();

    await page.getByRole("tab", { name: /购买记录/ }).click();
    await page.getByRole("button", { name: "新增购买记录" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("产品").fill("LED 工矿灯");
    await dialog.getByLabel("型号").fill("GK-300");
    await dialog.getByLabel("交付日期").fill("2026-03-15");
    await dialog.getByLabel("交付日期").press("Enter");
    await confirmDialog(dialog);
    // Two years' warranty from delivery unless told otherwise (C083).
    await page.getByRole("cell", { name: "2028-03-15" }).waitFor();
    await screenshot(page, "99-customer-purchase-on-phone");

    // The customer said on the phone: no more satisfaction surveys.
    await page.getByRole("tab", { name: "个人信息", exact: true }).click();
    await page.getByRole("button", { name: "登记同意或撤回" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("事项").click();
    await page.getByTitle("满意度调查").click();
    await dialog.getByText("撤回 / 不同意").click();
    await dialog.getByLabel("方式").click();
    await page.getByTitle("电话", { exact: true }).click();
    await dialog.getByLabel("说明").fill("来电表示不再参加满意度调查");
    await confirmDialog(dialog);
    await page.getByRole("cell", { name: /来电表示不再参加/ }).waitFor();
    await screenshot(page, "99-customer-consent-on-phone");
    const [customer] = await database.db.select().from(customers).where(eq(customers.id, ticket.customerId!));
    expect(customer.industry).toBe("照明工程");
    // The caller's contact made with the ticket steps down: one primary contact.
    const people = await database.db.select().from(contacts).where(eq(contacts.customerId, customer.id));
    expect(people.filter((p) => p.isPrimary)).toEqual([
      expect.objectContaining({ name: "周工", mobile: "13912340000" }),
    ]);
    expect(await consentGiven(database.db, org.orgId, customer.id, "survey")).toBe(false);
  });

  it("an agent sorts the list by the nearest deadline and keeps a filter as a tab", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "龚客服" });
    await createTestTicket(agent, { priority: "P4", title: "灯罩发黄咨询" });
    await createTestTicket(agent, { priority: "P1", title: "车间照明全部熄灭", type: "complaint" });
    const { page } = await open();
    await kefu.openAs(page, agent.actor.userId, "/tickets?queue=first_responsibility");
    await page.getByRole("columnheader", { name: "下一期限" }).click();
    await page.waitForURL(/sort=due/);
    const rows = page.getByRole("row").filter({ has: page.getByTestId("next-due") });
    await expect.poll(() => rows.first().textContent()).toContain("车间照明全部熄灭");
    expect(await rows.nth(1).textContent()).toContain("灯罩发黄咨询");
    // A filter kept as a view becomes a tab; it comes back with one click.
    await pickOption(page.getByLabel("类型"), "投诉");
    await page.getByRole("button", { name: "保存为视图" }).click();
    const name = page.getByRole("dialog");
    await name.getByPlaceholder("视图名称").fill("我的投诉");
    await confirmDialog(name);
    await page.getByRole("tab", { name: "我的投诉" }).waitFor();
    // Each click waits for its tab to be taken before the next (a click while the list re-renders
    // after the first can be lost on a loaded machine); the address is read as it changes in place.
    await page.getByRole("tab", { name: "全部工单" }).click();
    await page.getByRole("tab", { name: "全部工单", selected: true }).waitFor();
    await page.getByRole("tab", { name: "我的投诉" }).click();
    await page.getByRole("tab", { name: "我的投诉", selected: true }).waitFor();
    await expect
      .poll(() => {
        const url = new URL(page.url());
        return [url.searchParams.get("queue"), url.searchParams.get("type")];
      })
      .toEqual(["first_responsibility", "complaint"]);
    await screenshot(page, "05-ticket-list-deadlines-and-views");

    // A model number does not hide the words after it; while older records get the new search tokens
    // (the reindex schedule), the results say how far it is.
    await createTestTicket(agent, { title: "KFR-35GW不製冷", type: "complaint" });
    await database.db
      .update(searchIndexState)
      .set({ version: 1, done: 40, total: 100, startedAt: new Date() });
    await page.getByPlaceholder("搜索编号、标题、内容、客户（支持中文词语）").fill("不制冷");
    await page.getByPlaceholder("搜索编号、标题、内容、客户（支持中文词语）").press("Enter");
    await page.getByRole("cell", { name: "KFR-35GW不製冷" }).waitFor();
    await page.getByText("搜索索引正在更新（已完成 40%）").waitFor();
    await screenshot(page, "06-ticket-search-while-reindexing");
    await database.db
      .update(searchIndexState)
      .set({ version: SEARCH_TOKENS_VERSION, finishedAt: new Date() });
  });

  it("an agent tags a ticket on its page; the tag lists the tickets carrying it", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "邵客服" });
    const batch = await createTestTicket(agent, { title: "同一批吸顶灯闪烁" });
    await createTestTicket(agent, { title: "发票抬头修改" });
    const { page } = await open();
    await kefu.openAs(page, agent.actor.userId, `/tickets/${batch.id}`);
    await page.getByRole("button", { name: "编辑标签" }).click();
    const field = page.getByRole("combobox", { name: "标签" });
    await field.fill("批量问题");
    await field.press("Enter");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByRole("link", { name: "批量问题" }).waitFor();
    await page.getByText("+批量问题").waitFor();
    await screenshot(page, "06-ticket-tags");
    await page.getByRole("link", { name: "批量问题" }).click();
    await page.getByTestId("tag-filter").waitFor();
    await page.getByRole("row").filter({ hasText: "同一批吸顶灯闪烁" }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: "发票抬头修改" }).count()).toBe(0);
  });

  it("Ctrl+K finds a ticket by its number and a customer by name from any page", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "邵客服" });
    const ticket = await createTestTicket(agent, {
      title: "仓库高棚灯闪烁",
      newCustomer: { name: "穆先生", phone: "13700002222" },
    });
    const { page } = await open();
    await signInStaff(page, org, await usernameOf(database, agent.actor.userId), TEST_PASSWORD);
    await page.keyboard.press("Control+k");
    await page.getByTestId("global-search").fill(ticket.number);
    // In the search's own list (the workbench behind it lists the same ticket).
    await page.getByRole("dialog").getByText(`${ticket.number} 仓库高棚灯闪烁`).waitFor();
    await screenshot(page, "06-global-search");
    await page.getByTestId("global-search").press("Enter");
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await page.keyboard.press("Control+k");
    await page.getByTestId("global-search").fill("穆先生");
    // Customers as the lists show them: the number masked.
    await page.getByRole("dialog").getByText("客户 · 137****2222").click();
    await page.waitForURL(new RegExp(`/customers/${ticket.customerId}$`));
  });

  it("an agent's workbench lists the tickets in hand; the supervisor's team view shows who holds what and who is signed in", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "甘客服" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "蒲主管" });
    await createTestTicket(agent, { title: "展厅射灯不亮", priority: "P2" });
    const phone = (await open({ mobile: true })).page;
    await signInStaff(phone, org, await usernameOf(database, agent.actor.userId), TEST_PASSWORD);
    await phone.getByTestId("my-work").getByText("展厅射灯不亮", { exact: false }).waitFor();
    await screenshot(phone, "07-workbench-my-work-phone");
    const desk = (await open()).page;
    await signInStaff(desk, org, await usernameOf(database, supervisor.actor.userId), TEST_PASSWORD);
    await desk.getByRole("menuitem", { name: "团队看板" }).click();
    const row = desk.getByRole("row").filter({ has: desk.getByTestId("team-甘客服") });
    await row.getByText("已登录").waitFor();
    expect(await row.getByRole("cell").nth(3).textContent()).toBe("1");
    await screenshot(desk, "08-team-view");
  });

  it("a supervisor who turned on desktop alerts is told of a green-channel ticket at once", async () => {
    const { database, org, open } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "伍客服" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "滕主管" });
    const { context, page } = await open();
    await context.grantPermissions(["notifications"]);
    // Records what the page shows as desktop notifications.
    await context.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shown: string[] }).shown = shown;
      const Original = window.Notification;
      window.Notification = class extends Original {
        static get permission() {
          return Original.permission;
        }
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(options?.body ?? "");
        }
      } as typeof Notification;
    });
    await signInStaff(page, org, await usernameOf(database, supervisor.actor.userId), TEST_PASSWORD);
    await page.getByLabel("桌面提醒").click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem("kefu.desktopAlerts"))).toBe("on");
    await createTestTicket(agent, { title: "医院手术室停电", isGreenChannel: true, type: "complaint" });

    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shown: string[] }).shown.join("|")), {
        timeout: 10_000,
      })
      .toContain("绿色通道");
  });

  it("a supervisor transfers two tickets at once from the list, with a reason", async () => {
    const { database, org, open, screenshot } = kefu;
    const away = await createStaff(database, org, "agent", { name: "休假客服" });
    await createStaff(database, org, "agent", { name: "接手客服" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "柏主管" });
    const first = await createTestTicket(away, { title: "批量一号" });
    const second = await createTestTicket(away, { title: "批量二号" });
    const { page } = await open();
    await kefu.openAs(page, supervisor.actor.userId, "/tickets?q=批量");
    for (const number of [first.number, second.number])
      await page.getByRole("row").filter({ hasText: number }).getByRole("checkbox").check();
    await page.getByTestId("bulk-actions").getByText("已选 2 张").waitFor();
    await page.getByRole("button", { name: "批量转派" }).click();
    const dialog = page.getByRole("dialog");
    await pickOption(dialog.getByLabel("转至人员（可不选）"), "接手客服");
    await dialog.getByLabel("原因").fill("休假客服本周休假，转交接手");
    await screenshot(page, "09-bulk-transfer");
    await confirmDialog(dialog);
    await page.getByText("已处理 2 张工单").waitFor();
    const assignees = await database.db
      .select()
      .from(tickets)
      .where(inArray(tickets.id, [first.id, second.id]));
    expect(new Set(assignees.map((t) => t.assigneeId)).size).toBe(1);
    expect(assignees[0].assigneeId).not.toBe(away.actor.userId);
  });
  it("C029 an agent going on leave names a deputy in the header; the supervisor sees it on the team view; a ticket transferred to her reaches the deputy", async () => {
    const { database, org, open, openAs, screenshot } = kefu;
    const leaving = await createStaff(database, org, "agent", { name: "王请假" });
    const deputy = await createStaff(database, org, "agent", { name: "李顶班" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "孙班长" });
    const { page } = await open();
    await openAs(page, leaving.actor.userId, "/");
    await page.getByRole("button", { name: "王请假：外出与代理设置" }).click();
    const dialog = page.getByRole("dialog");
    await dialogSettled(dialog);
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.getByText("必填").first().waitFor();
    // From now (filled in) until three days on.
    const end = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000);
    const until = `${end.toISOString().slice(0, 10)} 18:00`;
    await dialog.getByLabel("结束时间").click();
    await dialog.getByLabel("结束时间").fill(until);
    await page.locator(".ant-picker-dropdown:visible .ant-picker-ok button").click();
    await pickOption(dialog.getByLabel("代理人"), "李顶班");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByTestId("away-tag").waitFor();
    await screenshot(page, "18-out-of-office");

    const boss = (await open()).page;
    await openAs(boss, supervisor.actor.userId, "/team");
    await boss
      .getByTestId("away-王请假")
      .getByText(/代理人：李顶班/)
      .waitFor();

    const ticket = await createTestTicket(supervisor, { title: "门店筒灯不亮" });
    await transferTicket(supervisor, ticket.id, {
      assigneeId: leaving.actor.userId,
      reason: "她熟悉这家门店",
    });
    const theirs = (await open()).page;
    await openAs(theirs, deputy.actor.userId, `/tickets/${ticket.id}`);
    await theirs.getByTestId("timeline-transfer").getByText("李顶班（代 王请假）").waitFor();
  });
});
