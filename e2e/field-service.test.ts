import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { nextWorkingDay } from "../common/business-time";
import { customers, servicePoints, users } from "../server/db/schema";
import { officeCalendar } from "../server/lib/periods";
import { addPurchase } from "../server/modules/customers/contacts-and-purchases";
import { createWorkOrder } from "../server/modules/field-service/create-work-order";
import { listStock, receiveStock, saveSparePart } from "../server/modules/parts/stock";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { confirmDialog, e2eEnabled, signInStaff, startKefu } from "./harness";

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
    await signInStaff(desk, org, await usernameOf(database, dispatcher.actor.userId), TEST_PASSWORD);
    await desk.getByRole("menuitem", { name: "派工台" }).click();
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
    await screenshot(desk, "41-dispatch-dialog");
    await confirmDialog(dialog);
    await desk.getByText("已派工").first().waitFor();

    // The agent keeps the ticket open to watch it live.
    const agentPage = (await open()).page;
    await signInStaff(agentPage, org, await usernameOf(database, agent.actor.userId), TEST_PASSWORD);
    await agentPage.goto(`/tickets/${ticket.id}`);
    await agentPage.getByTestId("timeline-work_order_dispatched").waitFor();

    // The engineer, on a phone.
    const phone = (await open({ mobile: true })).page;
    await signInStaff(phone, org, await usernameOf(database, engineer.actor.userId), TEST_PASSWORD);
    await phone.goto("/my-work-orders");
    await phone.getByTestId(`my-${order.number}`).click();
    await phone.getByRole("button", { name: "接单" }).click();
    await phone.getByRole("button", { name: "出发（外出工地登记）" }).click();
    await phone.getByTestId("arrive").click();
    await phone.getByText("准时").or(phone.getByText(/迟到/)).first().waitFor();
    await agentPage.getByTestId("timeline-work_order_arrived").waitFor();
    await screenshot(phone, "42-engineer-on-site");

    await phone.getByRole("button", { name: "使用备件" }).click();
    const sheet = phone.getByRole("dialog");
    await sheet.getByLabel("备件").click();
    await phone.locator(".ant-select-dropdown").getByText("DRV-40W LED 驱动电源").click();
    await confirmDialog(sheet);
    await phone.getByTestId("part-DRV-40W").getByText("已用 1").waitFor();

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
    await phone.getByTestId("service-report").getByText("更换驱动电源，通电测试正常").waitFor();
    await screenshot(phone, "46-service-report");

    // The first responder's callback is due the next working day.
    const due = nextWorkingDay(await officeCalendar(database.db, org.orgId), new Date());
    await agentPage.getByRole("menuitem", { name: "回访任务" }).click();
    await agentPage.getByTestId("callback-due").getByText(due).waitFor();
    await screenshot(agentPage, "47-callback-tomorrow");
  });
});
