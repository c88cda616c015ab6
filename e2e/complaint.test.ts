import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { compensations, complaints } from "../server/db/schema";
import { createStaff, createTestTicket, TEST_PASSWORD, usernameOf } from "../server/test/factories";
import { e2eEnabled, signInStaff, startKefu } from "./harness";

describe.runIf(e2eEnabled)("complaint handling in Chromium", () => {
  let kefu: Awaited<ReturnType<typeof startKefu>>;
  beforeAll(async () => {
    kefu = await startKefu();
  });

  it("C054 a 重大 quality complaint goes through every step with one rejection and ¥8,000 approved up to the general manager", async () => {
    const { database, org, open, screenshot } = kefu;
    const staff = {
      agent: await createStaff(database, org, "agent", { name: "王坐席" }),
      quality: await createStaff(database, org, "department_head", {
        department: "质量管理部",
        name: "陈质量",
      }),
      production: await createStaff(database, org, "department_head", {
        department: "生产部",
        name: "周生产",
      }),
      supervisor: await createStaff(database, org, "supervisor", { name: "赵主管" }),
      manager: await createStaff(database, org, "manager", { name: "钱经理" }),
      gm: await createStaff(database, org, "general_manager", { name: "孙总" }),
    };
    const ticket = await createTestTicket(staff.agent, {
      type: "complaint",
      priority: "P2",
      title: "整批吸顶灯色温不一致",
      description: "酒店项目 500 只吸顶灯，同批次色温明显不同，影响验收。",
    });
    const pages = new Map<string, Page>();
    const as = async (who: keyof typeof staff) => {
      let page = pages.get(who);
      if (!page) {
        page = (await open()).page;
        await signInStaff(page, org, await usernameOf(database, staff[who].actor.userId), TEST_PASSWORD);
        pages.set(who, page);
      }
      await page.goto(`/tickets/${ticket.id}`);
      await page
        .getByTestId("complaint-panel")
        .or(page.getByRole("button", { name: "建立客诉处理单" }))
        .first()
        .waitFor();
      return page;
    };
    /** Picks an option of a select and waits until its dropdown has closed. */
    const pick = async (page: Page, field: ReturnType<Page["getByLabel"]>, option: string) => {
      await field.click();
      const item = page.locator(".ant-select-dropdown").getByTitle(option, { exact: true });
      await item.click();
      // The option is hidden once its dropdown has closed: only then is the form beneath free.
      await item.waitFor({ state: "hidden" });
    };
    const doStep = async (page: Page, label: string, text: string) => {
      await page.getByLabel(label).fill(text);
      await page.getByRole("button", { name: "完成此步骤" }).click();
      await page.getByText(text).first().waitFor();
    };

    let page = await as("agent");
    await page.getByRole("button", { name: "建立客诉处理单" }).click();
    const dialog = page.getByRole("dialog");
    await pick(page, dialog.getByLabel("投诉类别"), "产品问题");
    await dialog.getByText("重大").click();
    await dialog.getByLabel("订单号").fill("SO-2026-1107");
    await dialog.getByLabel("料号").fill("LED-40W-4000K");
    await dialog.getByLabel("客户要求").fill("退换不良品并赔偿返工费用");
    await dialog.getByRole("button", { name: "确定" }).click();
    await page.getByTestId("complaint-step-form").waitFor();
    await doStep(page, "查明的事实", "抽检 20 只，7 只色温偏差超过 300K");
    await page.getByRole("button", { name: "登记补偿" }).click();
    await pick(page, page.getByRole("dialog").getByLabel("补偿方式"), "退款");
    await page.getByRole("dialog").getByLabel("金额（元）").fill("8000");
    await page.getByRole("dialog").getByLabel("说明").fill("返工及误工补偿");
    await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
    await page.getByTestId("complaint-panel").getByText("¥8,000.00").waitFor();
    await screenshot(page, "20-complaint-opened");

    page = await as("quality");
    await page.getByLabel("处理方式").fill("退换不良品，赔偿返工费，生产部分析原因");
    await pick(page, page.getByLabel("责任部门"), "生产部");
    await page.getByRole("button", { name: "完成此步骤" }).click();
    await page.getByText("退换不良品，赔偿返工费").first().waitFor();

    page = await as("production");
    await pick(page, page.getByLabel("原因类别"), "物料");
    await doStep(page, "原因分析", "LED 灯珠分 bin 混料");
    await doStep(page, "纠正措施", "全检库存，隔离混料批次");
    await doStep(page, "预防措施", "加强员工培训");

    page = await as("supervisor");
    await page.getByPlaceholder("审批意见").fill("预防措施应包括来料分 bin 检验");
    await page.getByRole("button", { name: "驳回" }).click();
    await page.getByText("被驳回 1 次").waitFor();
    await screenshot(page, "21-complaint-plan-sent-back");

    page = await as("production");
    await doStep(page, "预防措施", "来料按 bin 抽检，MES 记录 bin 号");

    for (const who of ["supervisor", "manager", "gm"] as const) {
      page = await as(who);
      await page.getByPlaceholder("审批意见").fill("同意");
      await page.getByRole("button", { name: "同意" }).click();
      await page.getByTestId("complaint-approval").getByText(staff[who].actor.name).waitFor();
    }
    await screenshot(page, "22-approved-up-to-general-manager");

    page = await as("production");
    await doStep(page, "执行结果", "已换货 37 只，返工费已申请付款");
    page = await as("quality");
    await doStep(page, "效果确认", "连续三批出货无色温偏差");
    await page.getByLabel("需标准化（修订 SOP/FMEA/控制计划）").click();
    await doStep(page, "结案说明 / 需修订的文件", "修订来料检验 SOP");
    page = await as("agent");
    await doStep(page, "回复客户的内容", "已电话告知客户处理结果，客户认可");
    await page.getByTestId("complaint-panel").getByText("已结案").waitFor();
    await screenshot(page, "23-complaint-closed");

    // The month's analysis counts it under 物料 in the Pareto of causes.
    page = pages.get("manager")!;
    await page.getByRole("menuitem", { name: "客诉分析" }).click();
    await page.getByTestId("pareto").locator("canvas").waitFor();
    await page.getByText("本月客诉").waitFor();
    await screenshot(page, "24-monthly-complaint-analysis");

    const [record] = await database.db.select().from(complaints).where(eq(complaints.ticketId, ticket.id));
    expect(record).toMatchObject({
      status: "closed",
      standardise: true,
      severity: "major",
      causeCategory: "material",
    });
    const [refund] = await database.db
      .select()
      .from(compensations)
      .where(eq(compensations.complaintId, record.id));
    expect(refund).toMatchObject({ amountFen: 800_000, status: "approved" });
  });
});
