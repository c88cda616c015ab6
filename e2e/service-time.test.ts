import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { businessCalendars } from "../server/db/schema";
import { sweepDueClocks } from "../server/modules/sla/clocks";
import { createStaff } from "../server/test/factories";
import { confirmDialog, e2eEnabled, pickOption, startKefu } from "./harness";

/** Shanghai calendar date of an instant, as YYYY-MM-DD. */
const shanghaiDate = (instant: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(instant);

describe.runIf(e2eEnabled)("service time in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

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
});
