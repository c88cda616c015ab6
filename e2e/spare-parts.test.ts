import { beforeAll, describe, it } from "vitest";
import { createStaff, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { confirmDialog, e2eEnabled, signInStaff, startKefu } from "./harness";

describe.runIf(e2eEnabled)("spare parts in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("C078 a dispatcher adds a part, receives it into a service point and sees it below the minimum", async () => {
    const { database, org, open, screenshot } = kefu;
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "冯派工" });
    const { page } = await open();
    await signInStaff(page, org, await usernameOf(database, dispatcher.actor.userId), TEST_PASSWORD);
    await page.getByRole("menuitem", { name: "备件库存" }).click();
    await page.getByText("暂无库存，请先新增备件并入库").waitFor();

    const dialog = page.getByRole("dialog");
    /** Picks an option of a select in the dialog, then waits for its dropdown to close. */
    const pick = async (label: string, option: string) => {
      await dialog.getByLabel(label, { exact: true }).click();
      const item = page.locator(".ant-select-dropdown").getByTitle(option, { exact: true });
      await item.click();
      await item.waitFor({ state: "hidden" });
    };
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

    const phone = (await open({ mobile: true })).page;
    await signInStaff(phone, org, await usernameOf(database, dispatcher.actor.userId), TEST_PASSWORD);
    await phone.goto("/stock");
    await phone.getByText("低于最低库存").waitFor();
    await screenshot(phone, "31-spare-parts-on-phone");
  });
});
