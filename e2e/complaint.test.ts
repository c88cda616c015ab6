import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { compensations, complaints } from "../server/db/schema";
import { createStaff, createTestTicket } from "../server/test/factories";
import { confirmDialog, e2eEnabled, pickOption, startKefu } from "./harness";

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
      finance: await createStaff(database, org, "finance", { department: "财务部", name: "李会计" }),
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
      if (page) await page.goto(`/tickets/${ticket.id}`);
      else {
        page = (await open()).page;
        await kefu.openAs(page, staff[who].actor.userId, `/tickets/${ticket.id}`);
        pages.set(who, page);
      }
      if (who === "finance") return page;
      await page
        .getByTestId("complaint-panel")
        .or(page.getByRole("button", { name: "建立客诉处理单" }))
        .first()
        .waitFor();
      return page;
    };
    const doStep = async (page: Page, label: string, text: string) => {
      await page.getByLabel(label).fill(text);
      await page.getByRole("button", { name: "完成此步骤" }).click();
      await page.getByText(text).first().waitFor();
    };

    let page = await as("agent");
    await page.getByRole("button", { name: "建立客诉处理单" }).click();
    const dialog = page.getByRole("dialog");
    await pickOption(dialog.getByLabel("投诉类别"), "产品问题");
    await dialog.getByText("重大").click();
    await dialog.getByLabel("订单号").fill("SO-2026-1107");
    await dialog.getByLabel("料号").fill("LED-40W-4000K");
    await dialog.getByLabel("客户要求").fill("退换不良品并赔偿返工费用");
    await confirmDialog(dialog);
    await page.getByTestId("complaint-step-form").waitFor();
    await doStep(page, "查明的事实", "抽检 20 只，7 只色温偏差超过 300K");
    await page.getByRole("button", { name: "登记补偿" }).click();
    await pickOption(page.getByRole("dialog").getByLabel("补偿方式"), "退款");
    await page.getByRole("dialog").getByLabel("金额（元）").fill("8000");
    await page.getByRole("dialog").getByLabel("说明").fill("返工及误工补偿");
    await confirmDialog(page.getByRole("dialog"));
    await page.getByTestId("complaint-panel").getByText("¥8,000.00").waitFor();
    await screenshot(page, "20-complaint-opened");

    page = await as("quality");
    await page.getByLabel("处理方式").fill("退换不良品，赔偿返工费，生产部分析原因");
    await pickOption(page.getByLabel("责任部门"), "生产部");
    await page.getByRole("button", { name: "完成此步骤" }).click();
    await page.getByText("退换不良品，赔偿返工费").first().waitFor();

    /** The responsible department countersigns the plan of a 重大 complaint (C056). */
    const countersign = async () => {
      await page
        .getByTestId("complaint-countersign")
        .getByRole("button", { name: "同意", exact: true })
        .click();
      await page.getByTestId("complaint-approval").waitFor();
    };

    page = await as("production");
    // 制造部门 fills in the manufacturing traceability (C053).
    await page.getByRole("button", { name: "补充信息" }).click();
    await page.getByRole("dialog").getByLabel("生产单位").fill("二车间");
    await page.getByRole("dialog").getByLabel("机台/班别").fill("3 号线 / 夜班");
    await page.getByRole("dialog").getByLabel("生产人员").fill("郑师傅");
    await confirmDialog(page.getByRole("dialog"));
    await page.getByText("二车间 · 3 号线 / 夜班 · 郑师傅").waitFor();
    await pickOption(page.getByLabel("原因类别"), "物料");
    await doStep(page, "原因分析", "LED 灯珠分 bin 混料");
    await doStep(page, "纠正措施", "全检库存，隔离混料批次");
    await doStep(page, "预防措施", "加强员工培训");
    await screenshot(page, "21-complaint-countersign");
    await countersign();

    page = await as("supervisor");
    await page.getByPlaceholder("审批意见").fill("预防措施应包括来料分 bin 检验");
    await page.getByRole("button", { name: "驳回" }).click();
    await page.getByText("被驳回 1 次").waitFor();
    await screenshot(page, "22-complaint-plan-sent-back");

    page = await as("production");
    await doStep(page, "预防措施", "来料按 bin 抽检，MES 记录 bin 号");
    await countersign();

    for (const who of ["supervisor", "manager", "gm"] as const) {
      page = await as(who);
      await page.getByPlaceholder("审批意见").fill("同意");
      await page.getByRole("button", { name: "同意" }).click();
      await page.getByTestId("complaint-approval").getByText(staff[who].actor.name).waitFor();
    }
    await screenshot(page, "23-approved-up-to-general-manager");

    // The customer objects to the first solution and accepts the second (C057).
    page = await as("agent");
    const propose = async (body: string) => {
      await page.getByRole("button", { name: "提出方案" }).click();
      await page.getByRole("dialog").getByLabel("方案内容").fill(body);
      await confirmDialog(page.getByRole("dialog"));
      await page.getByTestId("complaint-proposals").getByText(body).waitFor();
    };
    const answer = async (objection: string | null) => {
      await page.getByRole("button", { name: "记录客户答复" }).click();
      const dialog = page.getByRole("dialog");
      if (objection) {
        await dialog.getByText("客户有异议").click();
        await dialog.getByLabel("客户的异议").fill(objection);
      }
      await dialog.getByLabel("答复人").fill("酒店采购 刘经理");
      await confirmDialog(dialog);
    };
    await propose("37 只不良品换新，返工费 ¥8,000 以退款支付");
    await answer("要求整批 500 只全部更换");
    await propose("整批 500 只更换为同一 bin 的新品，返工费 ¥8,000 以退款支付");
    await answer(null);
    await page.getByTestId("complaint-proposals").getByText("客户已接受").waitFor();
    await screenshot(page, "24-solution-accepted");

    page = await as("production");
    await doStep(page, "执行结果", "已换货 37 只，返工费已申请付款");
    page = await as("quality");
    await doStep(page, "效果确认", "连续三批出货无色温偏差");
    await page.getByLabel("需标准化（修订 SOP/FMEA/控制计划）").click();
    await doStep(page, "结案说明 / 需修订的文件", "修订来料检验 SOP");
    page = await as("agent");
    await doStep(page, "回复客户的内容", "已电话告知客户处理结果，客户认可");
    await page.getByTestId("complaint-panel").getByText("已结案").waitFor();
    await screenshot(page, "25-complaint-closed");

    // Finance pays the refund from its list, with the voucher (C058).
    page = await as("finance");
    await page.getByRole("menuitem", { name: "补偿与退换货" }).click();
    const row = page.getByRole("row", { name: new RegExp(ticket.number) });
    await row.getByRole("button", { name: "登记已付款" }).click();
    await page.getByRole("dialog").getByLabel("凭证号").fill("付-2026-1123");
    await screenshot(page, "26-finance-pays-refund");
    await confirmDialog(page.getByRole("dialog"));
    await page.getByText("没有符合条件的补偿").waitFor();

    // On a phone: the paid refund in the ledger, the closed complaint with its solutions.
    const phone = (await open({ mobile: true })).page;
    await kefu.openAs(phone, staff.finance.actor.userId, "/compensations");
    await phone.getByText("待付款").click();
    const paidOption = phone.locator(".ant-select-dropdown").getByTitle("已付款", { exact: true });
    await paidOption.click();
    await paidOption.waitFor({ state: "hidden" });
    await phone.getByText("付-2026-1123", { exact: false }).waitFor();
    await screenshot(phone, "27-ledger-on-phone");

    // The month's analysis counts it under 物料 in the Pareto of causes, and lists the complaint
    // ticket nobody has opened a record for yet instead of leaving it out.
    const unrecorded = await createTestTicket(staff.agent, { type: "complaint", title: "门店灯具频闪投诉" });
    page = pages.get("manager")!;
    await page.getByRole("menuitem", { name: "客诉分析" }).click();
    await page.getByTestId("pareto").locator("canvas").waitFor();
    await page.getByText("本月客诉处理单").waitFor();
    await page.getByTestId("without-record").getByRole("link", { name: unrecorded.number }).waitFor();
    await screenshot(page, "28-monthly-complaint-analysis");

    const [record] = await database.db.select().from(complaints).where(eq(complaints.ticketId, ticket.id));
    expect(record).toMatchObject({
      status: "closed",
      standardise: true,
      severity: "major",
      causeCategory: "material",
      productionUnit: "二车间",
      operatorName: "郑师傅",
    });
    const [refund] = await database.db
      .select()
      .from(compensations)
      .where(eq(compensations.complaintId, record.id));
    expect(refund).toMatchObject({ amountFen: 800_000, status: "paid", voucherNo: "付-2026-1123" });
  });
});
