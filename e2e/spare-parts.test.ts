import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "../server/test/factories";
import { confirmDialog, e2eEnabled, pickOption, startKefu } from "./harness";

describe.runIf(e2eEnabled)("spare parts in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
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
