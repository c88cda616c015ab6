import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { workOrders } from "../server/db/schema";
import { runAgreementSchedule } from "../server/modules/agreements/schedule";
import { addPurchase } from "../server/modules/customers/contacts-and-purchases";
import { createWorkOrder } from "../server/modules/field-service/create-work-order";
import { dispatchWorkOrder } from "../server/modules/field-service/dispatch";
import { respondToWorkOrder } from "../server/modules/field-service/engineer";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { confirmDialog, e2eEnabled, pickOption, signInStaff, startKefu } from "./harness";

// The office side of field service — settings, approvals, lateness, recalls, service agreements and
// spare parts — in a file of its own, so that the two journey workers share the field-service
// journeys evenly (each file costs its own server, database and browser).
describe.runIf(e2eEnabled)("field service from the office in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("C081 a manager makes an installation's first check required and sets its completion target", async () => {
    const { database, org, open, screenshot } = kefu;
    const manager = await createStaff(database, org, "manager", { name: "孟经理" });
    const { page } = await open();
    await kefu.openAs(page, manager.actor.userId, "/settings");
    await page.getByRole("tab", { name: "服务类别" }).click();
    const row = page.getByRole("row").filter({ hasText: "安装调试" });
    await row.getByRole("button", { name: "编辑" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("完工时限（小时）").fill("96");
    await dialog.getByRole("checkbox", { name: "必做" }).first().check();
    await screenshot(page, "66-service-kind-checklist");
    await confirmDialog(dialog);
    await row.getByText("必做 1 项").waitFor();
    await row.getByText("96 小时").waitFor();
    await row.getByRole("button", { name: "恢复默认" }).waitFor();
  });

  it("C069 on a phone the engineer tells the customer he will be late; a dispatcher records a missed appointment against the engineer", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "何客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "吕派工" });
    const engineer = await createStaff(database, org, "engineer", { name: "施工" });
    const appointed = async (title: string, appointmentAt: Date) => {
      const ticket = await createTestTicket(agent, {
        type: "repair",
        title,
        newCustomer: { name: `苏州客户${title}`, phone: "13700007777" },
      });
      const order = await createWorkOrder(agent, ticket.id, {
        product: "LED 路灯 X300",
        fault: title,
        siteAddress: "苏州市姑苏区人民路 8 号",
      });
      // Dispatched ahead of time (a past time is refused), then the clock runs on to `appointmentAt`.
      await dispatchWorkOrder(dispatcher, order.id, {
        engineerId: engineer.actor.userId,
        appointmentAt: new Date(Date.now() + 86_400_000),
      });
      await database.db.update(workOrders).set({ appointmentAt }).where(eq(workOrders.id, order.id));
      await respondToWorkOrder(engineer, order.id, { accept: true });
      return order;
    };
    const later = await appointed("路灯不亮", new Date(Date.now() + 3_600_000));
    const missed = await appointed("路灯闪烁", new Date(Date.now() - 3 * 3_600_000));

    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, engineer.actor.userId, `/work-orders/${later.id}`);
    await phone.getByRole("button", { name: "告知客户将晚到" }).click();
    const delay = phone.getByRole("dialog");
    await delay.getByLabel("原因（将发给客户）").fill("前一单延误");
    await screenshot(phone, "64-engineer-tells-customer-late");
    await confirmDialog(delay);
    await phone.getByText(/已告知客户晚到/).waitFor();

    const { page } = await open();
    await kefu.openAs(page, dispatcher.actor.userId, `/work-orders/${missed.id}`);
    await page.getByRole("button", { name: "登记爽约" }).click();
    const noShow = page.getByRole("dialog");
    await noShow.getByLabel("情况说明").fill("客户来电：约定时间工程师未到");
    await confirmDialog(noShow);
    const arrivals = page.getByTestId("arrivals");
    await arrivals.getByText("爽约").waitFor();
    await arrivals.getByText("未提前告知客户").waitFor();
    await screenshot(page, "65-missed-appointment-recorded");
    // The engineer's notification of the new time opens the work order itself.
    await phone.goto("/");
    await phone.getByRole("link", { name: /已改约/ }).click();
    await phone.getByTestId("work-order-number").getByText(missed.number).waitFor();
  });

  it("C068 a manager requires the general manager's approval for costly repairs; the work order waits until the general manager approves it", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "林客服" });
    const manager = await createStaff(database, org, "manager", { name: "严经理" });
    const gm = await createStaff(database, org, "general_manager", { name: "陈总" });
    const { page } = await open();
    await kefu.openAs(page, manager.actor.userId, "/settings");
    await page.getByRole("tab", { name: "派工审批" }).click();
    await page.getByRole("button", { name: "新增审批规则" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("预估费用起点（元）").fill("5000");
    await confirmDialog(dialog);
    await page.getByRole("cell", { name: "¥5,000.00" }).waitFor();
    await screenshot(page, "58-dispatch-approval-rules");

    const ticket = await createTestTicket(agent, {
      type: "repair",
      title: "配电柜更换",
      newCustomer: { name: "无锡新区电厂", phone: "13500007777" },
    });
    const order = await createWorkOrder(agent, ticket.id, {
      product: "配电柜 PD-3",
      fault: "母排烧蚀需整体更换",
      siteAddress: "无锡市新吴区长江路 8 号",
      estimateFen: 1_200_000,
    });
    await page.goto(`/work-orders/${order.id}`);
    await page.getByText("待审批").first().waitFor();
    expect(await page.getByRole("button", { name: "派工", exact: true }).count()).toBe(0);

    const boss = (await open({ mobile: true })).page;
    await kefu.openAs(boss, gm.actor.userId, `/work-orders/${order.id}`);
    await boss.getByRole("button", { name: "批准派工" }).click();
    await boss.getByText("已批准").first().waitFor();
    await screenshot(boss, "59-approved-on-phone");
    await page.reload();
    await page.getByRole("button", { name: "派工", exact: true }).waitFor();
  });

  it("C084 a dispatcher previews and launches a recall by serial range; each unit gets a work order", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "董客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "潘派工" });
    for (const [customer, serials] of [
      ["杭州滨江物业", ["ZM-1001", "ZM-1002"]],
      ["宁波北仑码头", ["ZM-1003"]],
    ] as const) {
      const ticket = await createTestTicket(agent, { newCustomer: { name: customer, phone: "13400008888" } });
      for (const serialNo of serials)
        await addPurchase(agent, ticket.customerId!, { product: "投光灯 ZM-500", serialNo });
    }
    const { page } = await open();
    await kefu.openAs(page, dispatcher.actor.userId, "/recalls");
    await page.getByText("没有召回活动").waitFor();
    await page.getByRole("button", { name: "发起召回" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("召回名称").fill("ZM-500 电源召回");
    await dialog.getByLabel("召回原因").fill("电源模块存在过热隐患");
    await dialog.getByLabel("产品").fill("ZM-500");
    await dialog.getByLabel("起始序列号").fill("ZM-1001");
    await dialog.getByLabel("截止序列号").fill("ZM-1003");
    await dialog.getByRole("button", { name: "预览涉及设备" }).click();
    await dialog.getByText("将召回 3 台设备，涉及 2 个客户").waitFor();
    await screenshot(page, "60-recall-preview");
    await confirmDialog(dialog);
    await page.getByText("召回设备").waitFor();
    expect(await page.getByText("待派工").count()).toBe(3);
    await screenshot(page, "61-recall-units");
  });

  it("C080 C082 a dispatcher records a maintenance agreement; its first visit becomes a work order ahead of its day", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "王客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "韩派工" });
    await createTestTicket(agent, {
      title: "咨询维保",
      newCustomer: { name: "浦东国际大厦", phone: "13800003333" },
    });
    const { page } = await open();
    await signInStaff(page, org, await usernameOf(database, dispatcher.actor.userId), TEST_PASSWORD);
    await page.getByRole("menuitem", { name: "服务协定" }).click();
    await page.getByText("还没有服务协定").waitFor();
    await page.getByRole("button", { name: "登记服务协定" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("合同编号").fill("HT-2026-088");
    // Started 25 days ago, monthly: the first visit is within the 7 days' lead.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    await dialog.getByPlaceholder("开始日期").fill(day(-25));
    await dialog.getByPlaceholder("结束日期").fill(day(360));
    await dialog.getByPlaceholder("结束日期").press("Enter");
    await dialog.getByLabel("客户").click();
    // The customer came in through 客服部, outside the dispatcher's scope: found by its whole name.
    await dialog.getByLabel("客户").fill("浦东");
    await page.locator(".ant-select-dropdown").getByText("不在您负责范围内的客户").waitFor();
    await dialog.getByLabel("客户").fill("浦东国际大厦");
    await page.locator(".ant-select-dropdown").getByTitle("浦东国际大厦").click();
    await dialog.getByLabel("协定名称").fill("中央空调年度维保");
    await dialog.getByLabel("服务地址").fill("上海市浦东新区世纪大道 100 号");
    await dialog.getByLabel("每年次数").fill("12");
    await dialog.getByLabel("保修期（月）").fill("36");
    await dialog.getByLabel("到场承诺（小时）").fill("4");
    await screenshot(page, "55-agreement-dialog");
    await confirmDialog(dialog);

    await page.getByText("定期服务计划").waitFor();
    expect(await page.getByText("未到派工时间").count()).toBe(12);
    await runAgreementSchedule(database.db);
    await page.reload();
    await page.getByRole("link", { name: /^PG-/ }).waitFor();
    expect(await page.getByText("未到派工时间").count()).toBe(11);
    await page.getByText("待派工").waitFor();
    await screenshot(page, "56-agreement-schedule");

    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, dispatcher.actor.userId, page.url().replace(/^https?:\/\/[^/]+/, ""));
    await phone.getByText("履约情况").waitFor();
    await screenshot(phone, "57-agreement-on-phone");
  });

  it("C078 a dispatcher adds a part, receives it into a service point sees it below the minimum, replenishes and receives the order", async () => {
    const { database, org, open, screenshot } = kefu;
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "冯派工" });
    const { page } = await open();
    await kefu.openAs(page, dispatcher.actor.userId, "/stock");
    await page.getByText("暂无库存，请先新增备件并入库").waitFor();

    const dialog = page.getByRole("dialog");
    const pick = (label: string, option: string) =>
      pickOption(dialog.getByLabel(label, { exact: true }), option);
    await page.getByRole("button", { name: "新增备件" }).click();
    await dialog.getByLabel("备件编码").fill("DRV-40W");
    await dialog.getByLabel("名称").fill("LED 驱动电源 40W");
    await dialog.getByLabel("单价（元）").fill("85");
    await confirmDialog(dialog);

    await page.getByRole("button", { name: "入库" }).click();
    await pick("备件", "DRV-40W LED 驱动电源 40W");
    await pick("服务网点", "华北");
    await dialog.getByLabel("数量").fill("5");
    await dialog.getByLabel("采购单/来源").fill("PO-2026-1123");
    await confirmDialog(dialog);
    await page.getByRole("cell", { name: "DRV-40W" }).waitFor();

    await page.getByRole("button", { name: "设置最低库存" }).click();
    await pick("备件", "DRV-40W LED 驱动电源 40W");
    await pick("服务网点", "华北");
    await dialog.getByLabel("最低库存").fill("6");
    await confirmDialog(dialog);
    await page.getByText("低于最低库存").waitFor();
    await screenshot(page, "30-spare-parts-stock");

    // Below the minimum: replenish from the row (back up to twice the minimum), receive what arrived.
    await page.getByRole("row").filter({ hasText: "DRV-40W" }).getByRole("button", { name: "补货" }).click();
    expect(await dialog.getByLabel("数量").inputValue()).toBe("7");
    await dialog.getByLabel("供应商").fill("深圳光电");
    await confirmDialog(dialog);
    const order = page.getByRole("row").filter({ hasText: "深圳光电" });
    await order.getByText("待到货").waitFor();
    await screenshot(page, "32-replenishment-ordered");
    await order.getByRole("button", { name: "到货入库" }).click();
    await dialog.getByLabel("实际到货数量").fill("6");
    await confirmDialog(dialog);
    await page.getByText("没有补货单").waitFor();
    await page.getByRole("tab", { name: "库存" }).click();
    await page
      .getByRole("row")
      .filter({ hasText: "DRV-40W" })
      .getByRole("cell", { name: "11" })
      .first()
      .waitFor();
    expect(await page.getByText("低于最低库存").count()).toBe(0);

    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, dispatcher.actor.userId, "/stock");
    await phone.getByText("DRV-40W").first().waitFor();
    await screenshot(phone, "31-spare-parts-on-phone");
  });

  it("C079 a dispatcher registers a measuring instrument whose check is overdue, sees it flagged and records the check", async () => {
    const { database, org, open, screenshot } = kefu;
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "卫派工" });
    const { page } = await open();
    await kefu.openAs(page, dispatcher.actor.userId, "/tools");
    await page.getByText("还没有登记工具和计量器具").waitFor();
    await page.getByRole("button", { name: "登记工具" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("编号").fill("MEG-01");
    await dialog.getByLabel("名称").fill("兆欧表 ZC-7");
    await dialog.getByLabel("检定周期（天）").fill("180");
    const longAgo = new Date(Date.now() - 200 * 86_400_000).toLocaleDateString("sv-SE", {
      timeZone: "Asia/Shanghai",
    });
    await dialog.getByLabel("上次检定").fill(longAgo);
    await dialog.getByLabel("上次检定").press("Enter");
    await confirmDialog(dialog);
    const row = page.getByRole("row").filter({ hasText: "MEG-01" });
    await row.getByText("检定逾期").waitFor();
    await screenshot(page, "33-tools-overdue");
    await row.getByRole("button", { name: "登记检定" }).click();
    await confirmDialog(dialog);
    await row.getByText("检定逾期").waitFor({ state: "detached" });
  });
});
