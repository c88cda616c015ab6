import { beforeAll, describe, expect, it } from "vitest";
import { runAgreementSchedule } from "../server/modules/agreements/schedule";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { confirmDialog, e2eEnabled, signInStaff, startKefu } from "./harness";

describe.runIf(e2eEnabled)("service agreements in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("C080 C082 a dispatcher records a maintenance agreement; its first visit becomes a work order ahead of its day", async () => {
    const { database, org, open, screenshot } = kefu;
    const agent = await createStaff(database, org, "agent", { name: "王客服" });
    const dispatcher = await createStaff(database, org, "dispatcher", { name: "冯派工" });
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
});
