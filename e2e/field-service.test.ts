import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { nextWorkingDay } from "../common/business-time";
import { customers, servicePoints, users } from "../server/db/schema";
import { officeCalendar } from "../server/lib/periods";
import { addPurchase } from "../server/modules/customers/contacts-and-purchases";
import { createWorkOrder } from "../server/modules/field-service/create-work-order";
import { dispatchWorkOrder } from "../server/modules/field-service/dispatch";
import {
  arriveOnSite,
  completeWorkOrder,
  respondToWorkOrder,
  saveServiceReport,
} from "../server/modules/field-service/engineer";
import { listStock, receiveStock, saveSparePart } from "../server/modules/parts/stock";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { confirmDialog, e2eEnabled, pickOption, signInStaff, startKefu } from "./harness";

type Staff = Awaited<ReturnType<typeof createStaff>>;

/** A repair for a new customer, dispatched by `dispatcher` and with the engineer already on site. */
async function onSiteRepair(
  people: { agent: Staff; dispatcher: Staff; engineer: Staff },
  job: {
    customer: string;
    phone: string;
    title: string;
    product: string;
    serialNo?: string;
    fault: string;
    site: string;
  },
) {
  const ticket = await createTestTicket(people.agent, {
    type: "repair",
    title: job.title,
    newCustomer: { name: job.customer, phone: job.phone },
  });
  const order = await createWorkOrder(people.agent, ticket.id, {
    product: job.product,
    serialNo: job.serialNo,
    fault: job.fault,
    siteAddress: job.site,
  });
  await dispatchWorkOrder(people.dispatcher, order.id, {
    engineerId: people.engineer.actor.userId,
    appointmentAt: new Date(),
  });
  await respondToWorkOrder(people.engineer, order.id, { accept: true });
  await arriveOnSite(people.engineer, order.id);
  return order;
}

/** Draws a signature with the mouse on the pad. */
async function drawSignature(page: Page) {
  const pad = page.getByTestId("signature-pad");
  // The dialog slides in: draw once the pad stands still.
  let box = (await pad.boundingBox())!;
  for (let settled = false; !settled; ) {
    await page.waitForTimeout(100);
    const next = (await pad.boundingBox())!;
    settled = next.x === box.x && next.y === box.y && next.width === box.width;
    box = next;
  }
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(
      box.x + 20 + i * (box.width / 16),
      box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)),
    );
  await page.mouse.up();
}

describe.runIf(e2eEnabled)("field service in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("C067 C072 a dispatcher sends the suggested engineer; on a phone the engineer checks in, uses a part, gets a signature and completes; the agent sees it live", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "王客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "冯派工" });
    const engineer = await createStaff(database, org, "engineer", { name: "韩工" });
    const other = await createStaff(database, org, "engineer", { name: "秦工" });
    const points = Object.fromEntries(
      (await database.db.select().from(servicePoints).where(eq(servicePoints.orgId, org.orgId))).map((p) => [
        p.name,
        p.id,
      ]),
    );
    await database.db
      .update(users)
      .set({ servicePointId: points.华北, skills: ["repair", "路灯"] })
      .where(eq(users.id, engineer.actor.userId));
    await database.db
      .update(users)
      .set({ servicePointId: points.华南, skills: ["repair"] })
      .where(eq(users.id, other.actor.userId));
    const ticket = await createTestTicket(agent, {
      type: "repair",
      title: "路灯整灯不亮",
      newCustomer: { name: "北京朝阳物业", phone: "13800001111" },
    });
    await database.db.update(customers).set({ region: "北京" }).where(eq(customers.id, ticket.customerId!));
    const purchase = await addPurchase(agent, ticket.customerId!, {
      product: "LED 路灯 X100",
      serialNo: "SN-2025-0042",
      deliveredOn: new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10),
    });
    const part = await saveSparePart(dispatcher, null, {
      code: "DRV-40W",
      name: "LED 驱动电源",
      priceFen: 8_500,
    });
    await receiveStock(dispatcher, { partId: part.id, servicePointId: points.华北, quantity: 5 });
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString("sv-SE", {
      timeZone: "Asia/Shanghai",
    });
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      preferredAt: new Date(`${tomorrow}T10:00:00+08:00`),
      fault: "整灯不亮，疑似驱动电源损坏",
      siteAddress: "北京市朝阳区建国路 1 号",
    });

    // The dispatcher: the board suggests 韩工 (same region, skilled); dispatch to him for tomorrow 10:00.
    const desk = (await open()).page;
    await kefu.openAs(desk, dispatcher.actor.userId, "/dispatch");
    const waiting = desk.getByTestId(`waiting-${order.number}`);
    await waiting.getByText("推荐: 韩工").waitFor();
    await screenshot(desk, "40-dispatch-board");
    await waiting.getByRole("link", { name: order.number }).click();
    await desk.getByRole("button", { name: "派工", exact: true }).click();
    const dialog = desk.getByRole("dialog");
    await dialog.getByTestId("engineer-韩工").getByText("推荐").waitFor();
    expect(await dialog.getByRole("radio", { name: /韩工/ }).isChecked()).toBe(true);
    await dialog
      .getByLabel("预约时间")
      .and(dialog.locator(`[value="${tomorrow} 10:00"]`))
      .waitFor();
    // A time far from the customer's wish and after hours is warned of before anything is sent.
    const appointment = dialog.getByLabel("预约时间");
    const typeAppointment = async (value: string) => {
      await appointment.click();
      await appointment.fill(value);
      await appointment.press("Enter");
    };
    await typeAppointment(`${tomorrow} 21:00`);
    const warnings = dialog.getByTestId("appointment-check");
    await warnings.getByText("与客户希望的时间相差超过 2 小时").waitFor();
    await warnings.getByText("不在工作时间内").waitFor();
    await screenshot(desk, "41-dispatch-dialog");
    await typeAppointment(`${tomorrow} 10:00`);
    // The customer's time (tomorrow may still be outside the working week: that warning may stay).
    await warnings.getByText("与客户希望的时间相差超过 2 小时").waitFor({ state: "detached" });
    await confirmDialog(dialog);
    await desk.getByText("已派工").first().waitFor();

    // The agent keeps the ticket open to watch it live.
    const agentPage = (await open()).page;
    await kefu.openAs(agentPage, agent.actor.userId, `/tickets/${ticket.id}`);
    await agentPage.getByTestId("timeline-work_order_dispatched").waitFor();

    // The engineer, on a phone.
    const phone = (await open({ mobile: true })).page;
    await signInStaff(phone, org, await usernameOf(database, engineer.actor.userId), TEST_PASSWORD);
    // On a phone the engineer lands on his jobs; the job's actions stay at the bottom of the screen,
    // its site opens in a map.
    expect(new URL(phone.url()).pathname).toBe("/my-work-orders");
    await phone.getByTestId(`my-${order.number}`).click();
    expect(await phone.getByTestId("work-order-actions").evaluate((e) => getComputedStyle(e).position)).toBe(
      "sticky",
    );
    expect(await phone.getByTestId("site-map").getAttribute("href")).toContain(
      "uri.amap.com/search?keyword=",
    );
    await phone.getByRole("button", { name: "接单" }).click();
    await phone.getByRole("button", { name: "出发（外出工地登记）" }).click();
    await phone.getByTestId("arrive").click();
    await phone.getByText("准时").or(phone.getByText(/迟到/)).first().waitFor();
    await agentPage.getByTestId("timeline-work_order_arrived").waitFor();
    await screenshot(phone, "42-engineer-on-site");

    await phone.getByRole("button", { name: "使用备件" }).click();
    const sheet = phone.getByRole("dialog");
    await pickOption(sheet.getByLabel("备件"), /DRV-40W LED 驱动电源/);
    await confirmDialog(sheet);
    await phone.getByTestId("part-DRV-40W").getByText("已用 1").waitFor();

    // The repair's checklist (C081), ticked on the phone.
    const check = phone.getByTestId("checklist").getByRole("checkbox", { name: "修后测试正常" });
    await check.click();
    await expect.poll(() => check.isChecked()).toBe(true);
    await phone.getByLabel("故障原因").fill("驱动电源烧毁");
    await phone.getByLabel("维修处理").fill("更换驱动电源，通电测试正常");
    await phone.getByLabel("维护保养建议").fill("每半年清洁灯罩散热片");
    await phone.getByRole("button", { name: "保存" }).click();
    await phone.getByRole("button", { name: "客户签字", exact: true }).click();
    await drawSignature(phone);
    await sheet.getByLabel("签字人").fill("李经理");
    await sheet.getByLabel("客户意见").fill("修得很快，满意");
    await screenshot(phone, "43-customer-signs");
    await confirmDialog(sheet);
    await phone.getByTestId("signature-image").waitFor();
    await phone.getByRole("button", { name: "完工", exact: true }).click();
    await confirmDialog(sheet);
    await phone.getByText("已完工").first().waitFor();
    await screenshot(phone, "44-completed-on-phone");

    // The agent saw it live: completed, and the ticket resolved.
    await agentPage.getByTestId("timeline-work_order_completed").waitFor();
    await agentPage.getByText("已解决").first().waitFor();
    await screenshot(agentPage, "45-agent-sees-completion");

    // Stock went down by one; the service report shows the signature.
    const stock = (await listStock(dispatcher, points.华北)).find((s) => s.partId === part.id)!;
    expect(stock).toMatchObject({ onHand: 4, reserved: 0 });
    await phone.getByRole("button", { name: "服务报告" }).click();
    await phone.getByTestId("form-service_report").getByText("更换驱动电源，通电测试正常").waitFor();
    await screenshot(phone, "46-service-report");

    // The first responder's callback is due the next working day.
    const due = nextWorkingDay(await officeCalendar(database.db, org.orgId), new Date());
    await agentPage.getByRole("menuitem", { name: "回访任务" }).click();
    await agentPage.getByTestId("callback-due").getByText(due).waitFor();
    await screenshot(agentPage, "47-callback-tomorrow");
  });

  it("C075 on a phone the engineer takes a product back against a signed receipt; the register shows it until it is given back", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "周客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "吴派工" });
    const engineer = await createStaff(database, org, "engineer", { name: "郑工" });
    const order = await onSiteRepair(
      { agent, dispatcher, engineer },
      {
        customer: "上海明德学校",
        phone: "13900002222",
        title: "投影仪无法开机",
        product: "激光投影仪 P7",
        serialNo: "P7-88123",
        fault: "按电源键无反应",
        site: "上海市徐汇区漕溪北路 8 号",
      },
    );

    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, engineer.actor.userId, `/work-orders/${order.id}`);
    await phone.getByRole("button", { name: "带回返修" }).click();
    const sheet = phone.getByRole("dialog");
    await sheet.getByLabel("随机附件").fill("电源线 1 根，遥控器 1 个");
    await sheet.getByLabel("外观状况").fill("外壳完好");
    await drawSignature(phone);
    await sheet.getByLabel("签字人").fill("陈老师");
    await screenshot(phone, "48-take-back-receipt");
    await confirmDialog(sheet);
    await phone.getByText("返修中").first().waitFor();
    const line = phone.locator('[data-testid^="repair-return-FX-"]');
    await line.getByText("已收回").waitFor();
    await line.getByRole("button", { name: "返修收据" }).click();
    await phone.getByTestId("form-return_receipt").getByText("电源线 1 根，遥控器 1 个").waitFor();
    await phone.getByTestId("form-return_receipt").getByAltText("客户签字").waitFor();
    await screenshot(phone, "49-repair-receipt");

    // The workshop (the dispatcher) finds it in the register and reports it repaired.
    const desk = (await open()).page;
    await kefu.openAs(desk, dispatcher.actor.userId, "/repair-returns");
    const row = desk.getByRole("row").filter({ hasText: "激光投影仪 P7" });
    await row.getByText("郑工").waitFor();
    await screenshot(desk, "50-repair-register");
    await row.getByRole("button", { name: "登记已修复" }).click();
    const dialog = desk.getByRole("dialog");
    await dialog.getByLabel("维修情况").fill("更换电源板");
    await confirmDialog(dialog);
    await desk.getByText("没有返修产品").waitFor();

    // The engineer gives it back and takes the receipt back: on site again to finish the visit.
    await phone.goto(`/work-orders/${order.id}`);
    await phone.getByRole("button", { name: "送还客户" }).click();
    expect(await sheet.getByLabel("已收回返修收据").isChecked()).toBe(true);
    await confirmDialog(sheet);
    await line.getByText("已送还").waitFor();
    await phone.getByText("服务中").first().waitFor();
    await phone.getByRole("button", { name: "完工", exact: true }).waitFor();
  });

  it("C073 back from the site the engineer submits the service report; the supervisor sends it back with a comment, then approves it", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "孙客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "李主管" });
    const engineer = await createStaff(database, org, "engineer", { name: "钱工" });
    const order = await onSiteRepair(
      { agent, dispatcher, engineer },
      {
        customer: "杭州西湖小区",
        phone: "13700004444",
        title: "门禁无法刷卡",
        product: "门禁控制器 A3",
        fault: "刷卡无反应",
        site: "杭州市西湖区文三路 9 号",
      },
    );
    await saveServiceReport(engineer, order.id, { workDone: "更换读卡模块" });
    await completeWorkOrder(engineer, order.id, { noSignatureReason: "物业值班人员外出" });

    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, engineer.actor.userId, `/work-orders/${order.id}`);
    await phone.getByRole("button", { name: "返回登记" }).click();
    await phone.getByText(/前提交审核/).waitFor();
    await phone.getByLabel("故障原因").fill("读卡模块受潮损坏");
    await phone.getByRole("button", { name: "保存" }).click();
    await phone.getByRole("button", { name: "提交主管审核" }).click();
    await phone.getByText("待审核").first().waitFor();

    const desk = (await open()).page;
    await kefu.openAs(desk, dispatcher.actor.userId, "/service-reports");
    await desk.getByRole("row").getByRole("link", { name: order.number }).click();
    await desk.getByRole("button", { name: "退回修改" }).click();
    const dialog = desk.getByRole("dialog");
    await dialog.getByLabel("审核意见").fill("请补充修后测试结果");
    await confirmDialog(dialog);
    await desk.getByText("已退回").first().waitFor();

    await phone.reload();
    await phone.getByText("请补充修后测试结果").waitFor();
    await phone.getByLabel("修后测试", { exact: true }).fill("连续刷卡 50 次正常");
    await phone.getByRole("button", { name: "保存" }).click();
    await phone.getByRole("button", { name: "提交主管审核" }).click();
    await phone.getByText("待审核").first().waitFor();
    await screenshot(phone, "51-report-resubmitted");

    await desk.reload();
    await desk.getByRole("button", { name: "审核通过" }).click();
    await desk.getByText("已审核归档").waitFor();
    await screenshot(desk, "52-report-approved");
  });

  it("C074 a manager reads the weekly service report and records the technical meeting's conclusion on a problem", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "吴客服" });
    const manager = await createStaff(database, org, "manager", { name: "周经理" });
    const engineer = await createStaff(database, org, "engineer", { name: "冯工" });
    const order = await onSiteRepair(
      { agent, dispatcher: manager, engineer },
      {
        customer: "南京鼓楼街道",
        phone: "13600005555",
        title: "路灯频闪",
        product: "LED 路灯 X200",
        fault: "夜间频闪",
        site: "南京市鼓楼区中山路 1 号",
      },
    );
    await saveServiceReport(engineer, order.id, {
      workDone: "更换驱动电源",
      technicalProblem: "X200 驱动电源在低温下频闪",
    });
    await completeWorkOrder(engineer, order.id, { noSignatureReason: "街道办已下班" });

    // The engineer files his weekly summary on his phone.
    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, engineer.actor.userId, "/my-work-orders");
    await phone.getByText("周总结", { exact: true }).click();
    await phone.getByLabel("本周完成的工作").fill("完成鼓楼区 3 单维修");
    await phone.getByLabel("下周计划").fill("玄武区路灯巡检");
    await phone.getByRole("button", { name: "保存" }).click();
    await phone.getByText("周总结已保存").waitFor();
    await screenshot(phone, "62-engineer-week-summary");

    const { page } = await open();
    await kefu.openAs(page, manager.actor.userId, "/field-service-report");
    await page.getByText("完成鼓楼区 3 单维修").waitFor();
    const problem = page.getByTestId(`problem-${order.number}`);
    await problem.getByText("X200 驱动电源在低温下频闪").waitFor();
    await problem.getByText("待技术会讨论").waitFor();
    await problem.getByRole("button", { name: "记录技术会结论" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("技术会结论").fill("研发部更换低温型电源方案，下周起新批次替换");
    await confirmDialog(dialog);
    await problem.getByText(/研发部更换低温型电源方案/).waitFor();
    await page.getByTestId("weekly-days").locator("canvas").waitFor();
    await screenshot(page, "53-weekly-service-report");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 Excel" }).click();
    expect((await download).suggestedFilename()).toMatch(/^售后服务周报-.*\.xlsx$/);
    // The same figures for the month.
    await page.getByText("月度统计", { exact: true }).click();
    await page.getByText(/月度售后统计/).waitFor();
    await problem.getByText(/研发部更换低温型电源方案/).waitFor();
    await screenshot(page, "63-monthly-service-statistics");
  });

  it("C076 finance confirms a chargeable job's payment from the settlements list, once", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "郭客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "何派工" });
    const engineer = await createStaff(database, org, "engineer", { name: "罗工" });
    const finance = await createStaff(database, org, "finance", { name: "高会计" });
    const order = await onSiteRepair(
      { agent, dispatcher, engineer },
      {
        customer: "苏州工业园区管委会",
        phone: "13500006666",
        title: "监控主机报警",
        product: "监控主机 M9",
        fault: "硬盘报警",
        site: "苏州市工业园区星湖街 1 号",
      },
    );
    await saveServiceReport(engineer, order.id, { workDone: "更换硬盘" });
    await completeWorkOrder(engineer, order.id, {
      noSignatureReason: "管理员已签纸质单",
      labourFen: 30_000,
      travelFen: 8_000,
    });
    const { page } = await open();
    await kefu.openAs(page, finance.actor.userId, "/settlements");
    const row = page.getByRole("row").filter({ hasText: order.number });
    await row.getByText("¥380.00").waitFor();
    await screenshot(page, "54-settlements");
    await row.getByRole("button", { name: "确认收款" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("收款凭证号").fill("SK-2026-1124");
    await confirmDialog(dialog);
    await page.getByText("没有需要结算的收费服务").waitFor();
    await page.getByText("已收款", { exact: true }).click();
    await page.getByRole("row").filter({ hasText: "SK-2026-1124" }).waitFor();
  });
});
