import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import {
  approvalRequests,
  compensations,
  complaintCountersigns,
  complaintProposals,
  complaintSteps,
  complaints,
  departments,
  notifications,
  rmas,
  ticketEvents,
  ticketSlaClocks,
} from "../../db/schema";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  type TestOrg,
  testApp,
  testDatabase,
} from "../../test/factories";
import { changeTicketStatus } from "../tickets/change-status";
import { loadTicket } from "../tickets/load-ticket";
import { transferTicket } from "../tickets/transfer-ticket";
import { complaintAnalysis } from "./analysis";
import { type ApprovalRule, approvalChain } from "./approvals";
import { advanceRma, markCompensationPaid, proposeCompensation } from "./compensations";
import { countersign } from "./countersign";
import { decideApproval } from "./decide-approval";
import { updateComplaintDetails } from "./details";
import { listCompensations } from "./ledger";
import { answerProposal, offerProposal } from "./proposals";
import { getComplaint } from "./queries";
import { listCategories } from "./settings";
import { completeStep, openComplaint, rejectStep } from "./workflow";

let database: Database;
let org: TestOrg;
type Staff = Awaited<ReturnType<typeof createStaff>>;
let agent: Staff;
let qualityHead: Staff;
let supervisor: Staff;
let manager: Staff;
let gm: Staff;
let finance: Staff;

beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
  agent = await createStaff(database, org, "agent", { name: "王坐席" });
  qualityHead = await createStaff(database, org, "department_head", {
    department: "质量管理部",
    name: "陈质量",
  });
  supervisor = await createStaff(database, org, "supervisor", { name: "赵主管" });
  manager = await createStaff(database, org, "manager", { name: "钱经理" });
  gm = await createStaff(database, org, "general_manager", { name: "孙总" });
  finance = await createStaff(database, org, "finance", { department: "财务部", name: "李会计" });
  await database.db
    .update(departments)
    .set({ headUserId: qualityHead.actor.userId })
    .where(eq(departments.id, org.departments.get("质量管理部")!));
});

async function newComplaint(severity: "minor" | "normal" | "major") {
  const ticket = await createTestTicket(agent, { type: "complaint", title: "整批灯具色温不一致" });
  const [product] = (await listCategories(database.db, org.orgId)).filter((c) => c.name === "产品问题");
  const complaint = await openComplaint(agent, ticket.id, {
    classification: "quality",
    categoryId: product.id,
    severity,
    orderNo: "SO-2026-1107",
    partNo: "LED-40W-4000K",
    deliveryDate: "2026-11-02",
    quantity: 500,
    defectiveQuantity: 37,
    customerRequest: "退换不良品并赔偿返工费用",
    sampleReceived: true,
    customerWords: "同一批次色温明显不同，影响酒店装修验收",
  });
  return { ticket, complaint };
}

/** Every department asked to countersign signs, each by one of its members. */
async function countersignAll(complaintId: string, signers: Staff[]) {
  const pending = await database.db
    .select()
    .from(complaintCountersigns)
    .where(
      and(eq(complaintCountersigns.complaintId, complaintId), eq(complaintCountersigns.status, "pending")),
    );
  expect(pending).toHaveLength(signers.length);
  for (const row of pending) {
    const signer = signers.find((s) => s.actor.type === "user" && s.actor.departmentId === row.departmentId)!;
    await countersign(signer, row.id, { sign: true });
  }
}

const stepsOf = async (complaintId: string) =>
  Object.fromEntries(
    (await database.db.select().from(complaintSteps).where(eq(complaintSteps.complaintId, complaintId))).map(
      (s) => [s.step, s],
    ),
  );

describe("approval authority", () => {
  const rule = (
    maxAmountFen: number | null,
    roleKey: string,
    rank: number,
    severity: ApprovalRule["severity"] = null,
  ) =>
    ({
      id: roleKey,
      orgId: "",
      createdAt: new Date(),
      severity,
      maxAmountFen,
      roleKey,
      rank,
    }) as ApprovalRule;
  const rules = [
    rule(50_000, "supervisor", 10),
    rule(500_000, "manager", 20),
    rule(null, "general_manager", 30),
  ];
  it("the chain climbs to the first level whose limit covers the amount (≤¥500, ≤¥5,000, above)", () => {
    expect(approvalChain(rules, "normal", 0)).toEqual(["supervisor"]);
    expect(approvalChain(rules, "normal", 50_000)).toEqual(["supervisor"]);
    expect(approvalChain(rules, "normal", 50_001)).toEqual(["supervisor", "manager"]);
    expect(approvalChain(rules, "normal", 800_000)).toEqual(["supervisor", "manager", "general_manager"]);
  });
  it("rules for one severity apply only to it", () => {
    const withMajor = [...rules, rule(0, "management_rep", 15, "major")];
    expect(approvalChain(withMajor, "major", 0)).toEqual(["supervisor"]);
    expect(approvalChain(withMajor, "major", 60_000)).toEqual(["supervisor", "management_rep", "manager"]);
    expect(approvalChain(withMajor, "normal", 60_000)).toEqual(["supervisor", "manager"]);
  });
});

describe("complaint workflow", () => {
  it("C049 C046 the category routes to its department and a 重大 complaint reaches the general manager at once", async () => {
    const { complaint, ticket } = await newComplaint("major");
    expect(complaint.responsibleDepartmentId).toBe(org.departments.get("质量管理部"));
    const steps = await stepsOf(complaint.id);
    expect(steps.register.status).toBe("done");
    expect(steps.confirm).toMatchObject({ status: "active", ownerId: agent.actor.userId });
    expect(steps.confirm.dueAt).not.toBeNull();
    const toGm = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, gm.actor.userId), eq(notifications.ticketId, ticket.id)));
    expect(toGm.map((n) => n.kind)).toEqual(["major_complaint"]);
    expect(
      await codeOf(openComplaint(agent, ticket.id, { ...complaint, categoryId: complaint.categoryId })),
    ).toBe("COMPLAINT_EXISTS");
  });

  it("C051 C061 a 轻微 complaint is registered and fed back, and only then is its ticket resolved; only complaint tickets get a record", async () => {
    const { complaint, ticket } = await newComplaint("minor");
    const steps = await stepsOf(complaint.id);
    expect(steps.feedback.status).toBe("active");
    expect(steps.root_cause.status).toBe("skipped");
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    const resolve = { action: "resolve", text: "已更换" } as const;
    expect(await codeOf(changeTicketStatus(agent, ticket.id, resolve))).toBe("COMPLAINT_STILL_OPEN");
    await completeStep(agent, complaint.id, { step: "feedback", record: { message: "已致电客户说明" } });
    const [closed] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(closed.status).toBe("closed");
    expect((await changeTicketStatus(agent, ticket.id, resolve)).status).toBe("resolved");
    const inquiry = await createTestTicket(agent, { type: "inquiry" });
    expect(
      await codeOf(
        openComplaint(agent, inquiry.id, {
          classification: "other",
          categoryId: complaint.categoryId,
          severity: "minor",
        }),
      ),
    ).toBe("COMPLAINT_NOT_A_COMPLAINT");
  });

  it("C055 一般: root cause may be marked 不需要 with a reason; 重大 must do every step", async () => {
    const { complaint: normal, ticket: normalTicket } = await newComplaint("normal");
    await completeStep(agent, normal.id, { step: "confirm", record: { facts: "抽检 20 只，7 只偏色" } });
    await completeStep(qualityHead, normal.id, { step: "responsibility", record: { handling: "换货" } });
    // The console offers 不需要 from what the server says the step holder may do.
    const offered = async (ticketId: string) => (await getComplaint(qualityHead, ticketId))!.abilities;
    expect(await offered(normalTicket.id)).toMatchObject({ complete: true, skip: true });
    expect(await codeOf(completeStep(qualityHead, normal.id, { step: "root_cause", needed: false }))).toBe(
      "REASON_REQUIRED",
    );
    await completeStep(qualityHead, normal.id, {
      step: "root_cause",
      needed: false,
      reason: "已知供应商批次问题，已有分析报告",
    });
    expect((await stepsOf(normal.id)).root_cause).toMatchObject({ status: "skipped" });
    expect((await stepsOf(normal.id)).corrective.status).toBe("active");

    const { complaint: major, ticket: majorTicket } = await newComplaint("major");
    await completeStep(agent, major.id, { step: "confirm", record: { facts: "属实" } });
    await completeStep(qualityHead, major.id, { step: "responsibility", record: { handling: "退换" } });
    expect(await offered(majorTicket.id)).toMatchObject({ complete: true, skip: false });
    expect(
      await codeOf(completeStep(qualityHead, major.id, { step: "root_cause", needed: false, reason: "x" })),
    ).toBe("COMPLAINT_STEP_REQUIRED");
    expect(await codeOf(completeStep(qualityHead, major.id, { step: "execution", record: {} }))).toBe(
      "COMPLAINT_STEP_NOT_ACTIVE",
    );
  });

  it("a step belongs to its owner, its department or a supervisor", async () => {
    const { complaint } = await newComplaint("normal");
    const outsider = await createStaff(database, org, "agent", { department: "销售部" });
    // Not theirs to see at all …
    expect(await codeOf(completeStep(outsider, complaint.id, { step: "confirm", record: {} }))).toBe(
      "TICKET_NOT_FOUND",
    );
    await completeStep(agent, complaint.id, { step: "confirm", record: {} });
    // … or theirs to see (the first responder) but quality's to decide.
    expect(await codeOf(completeStep(agent, complaint.id, { step: "responsibility", record: {} }))).toBe(
      "COMPLAINT_NOT_STEP_OWNER",
    );
    expect(await codeOf(completeStep(supervisor, complaint.id, { step: "responsibility", record: {} }))).toBe(
      "OK",
    );
  });

  it("C054 C058 a 重大 quality complaint goes through every step with one rejection and ¥8,000 approved up to the general manager", async () => {
    const { complaint, ticket } = await newComplaint("major");
    await completeStep(agent, complaint.id, {
      step: "confirm",
      record: { facts: "样品检测色温 3500K–4600K 不等" },
    });
    await completeStep(qualityHead, complaint.id, {
      step: "responsibility",
      record: { handling: "退换不良品，赔偿返工费" },
      responsibleDepartmentId: org.departments.get("生产部"),
      countersignDepartmentIds: [org.departments.get("质量管理部")!],
    });
    const steps = await stepsOf(complaint.id);
    expect(steps.root_cause.departmentId).toBe(org.departments.get("生产部"));
    const production = await createStaff(database, org, "department_head", {
      department: "生产部",
      name: "周生产",
    });
    await completeStep(production, complaint.id, {
      step: "root_cause",
      record: { cause: "LED 灯珠分 bin 混料" },
      causeCategory: "material",
    });
    await completeStep(production, complaint.id, {
      step: "corrective",
      record: { action: "全检库存，隔离混料批次" },
    });
    // Quality rejects the preventive action once: it must address incoming inspection.
    await completeStep(production, complaint.id, { step: "preventive", record: { action: "加强培训" } });
    // 重大: the responsible department and the one named countersign before approval (C056).
    await countersignAll(complaint.id, [production, qualityHead]);
    expect(await codeOf(rejectStep(agent, complaint.id, { step: "approval", reason: "x" }))).toBe(
      "COMPLAINT_STEP_NOT_ACTIVE",
    );
    // Approval has started: compensation can no longer slip into the plan.
    expect(
      await codeOf(proposeCompensation(agent, complaint.id, { kind: "refund", amountFen: 800_000 })),
    ).toBe("COMPLAINT_STEP_NOT_ACTIVE");
    let [request] = await database.db
      .select()
      .from(approvalRequests)
      .where(eq(approvalRequests.complaintId, complaint.id));
    // Nothing proposed yet: the supervisor alone; the supervisor sends it back for a better plan.
    expect(request.chain).toEqual(["supervisor"]);
    await decideApproval(supervisor, request.id, {
      decision: "reject",
      comment: "预防措施应包括来料分 bin 检验",
    });
    expect((await stepsOf(complaint.id)).preventive).toMatchObject({ status: "active", rejections: 1 });
    await completeStep(production, complaint.id, {
      step: "preventive",
      record: { action: "来料按 bin 抽检，MES 记录 bin 号" },
    });
    await countersignAll(complaint.id, [production, qualityHead]);
    // The plan now waits for approval again; to include compensation it must come before approval.
    [request] = await database.db
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.complaintId, complaint.id), eq(approvalRequests.status, "pending")));
    expect(request.requestedBy).toBe(production.actor.userId);
    await decideApproval(supervisor, request.id, { decision: "reject", comment: "请先登记补偿方案" });
    expect((await stepsOf(complaint.id)).preventive.rejections).toBe(2);
    await proposeCompensation(agent, complaint.id, { kind: "refund", amountFen: 500_000, note: "返工费" });
    await proposeCompensation(agent, complaint.id, {
      kind: "replacement",
      amountFen: 300_000,
      note: "37 只换新",
    });
    await completeStep(production, complaint.id, {
      step: "preventive",
      record: { action: "来料按 bin 抽检" },
    });
    await countersignAll(complaint.id, [production, qualityHead]);
    [request] = await database.db
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.complaintId, complaint.id), eq(approvalRequests.status, "pending")));
    expect(request.amountFen).toBe(800_000);
    expect(request.chain).toEqual(["supervisor", "manager", "general_manager"]);

    // Wrong level, own request, approving twice: all refused.
    expect(await codeOf(decideApproval(manager, request.id, { decision: "approve" }))).toBe(
      "APPROVAL_NOT_YOUR_LEVEL",
    );
    expect(await codeOf(decideApproval(production, request.id, { decision: "approve" }))).toBe(
      "APPROVAL_OWN_REQUEST",
    );
    await decideApproval(supervisor, request.id, { decision: "approve", comment: "同意" });
    expect(await codeOf(decideApproval(supervisor, request.id, { decision: "approve" }))).toBe(
      "APPROVAL_ALREADY_ACTED",
    );
    await decideApproval(manager, request.id, { decision: "approve" });
    expect((await stepsOf(complaint.id)).approval.status).toBe("active");
    await decideApproval(gm, request.id, { decision: "approve", comment: "核准" });
    expect((await stepsOf(complaint.id)).execution.status).toBe("active");

    const comp = await database.db
      .select()
      .from(compensations)
      .where(eq(compensations.complaintId, complaint.id));
    expect(comp.map((c) => c.status)).toEqual(["approved", "approved"]);
    const refund = comp.find((c) => c.kind === "refund")!;
    const replacement = comp.find((c) => c.kind === "replacement")!;
    const payment = { voucherNo: "记-2026-11-0231", paidOn: "2026-11-20" };
    // The ledger says who may pay what: finance the approved refund, not the replacement; nobody else.
    const mayPayIn = async (who: typeof finance) =>
      Object.fromEntries(
        (await listCompensations(who, { status: "approved", pageSize: 200 })).items
          .filter((c) => c.id === refund.id || c.id === replacement.id)
          .map((c) => [c.kind, c.mayPay]),
      );
    expect(await mayPayIn(finance)).toEqual({ refund: true, replacement: false });
    expect(await mayPayIn(manager)).toEqual({ refund: false, replacement: false });
    expect(await codeOf(markCompensationPaid(agent, refund.id, payment))).toBe("FORBIDDEN");
    expect(await codeOf(markCompensationPaid(finance, replacement.id, payment))).toBe(
      "COMPENSATION_NOT_PAYABLE",
    );
    expect(await codeOf(markCompensationPaid(finance, refund.id, { ...payment, paidOn: "2099-01-01" }))).toBe(
      "VALIDATION_FAILED",
    );
    expect(await markCompensationPaid(finance, refund.id, payment)).toMatchObject({
      status: "paid",
      ...payment,
    });
    const [rma] = await database.db.select().from(rmas).where(eq(rmas.compensationId, replacement.id));
    expect(rma.number).toMatch(new RegExp(`^RMA-${ticket.number}-\\d+$`));
    expect(await codeOf(advanceRma(agent, rma.id, { status: "inspected", inspection: "x" }))).toBe(
      "VALIDATION_FAILED",
    );
    await advanceRma(agent, rma.id, { status: "received" });
    await advanceRma(agent, rma.id, { status: "inspected", inspection: "37 只确认偏色" });

    // Execution waits for the customer to accept a solution (C057).
    expect(
      await codeOf(completeStep(production, complaint.id, { step: "execution", record: { result: "x" } })),
    ).toBe("PROPOSAL_NOT_ACCEPTED");
    const proposal = await offerProposal(agent, complaint.id, { body: "37 只换新，返工费 ¥5,000 退款" });
    await answerProposal(agent, proposal.id, {
      accepted: true,
      respondent: "客户采购 刘经理",
      channel: "phone",
    });
    await completeStep(production, complaint.id, {
      step: "execution",
      record: { result: "已换货并支付返工费" },
    });
    await completeStep(qualityHead, complaint.id, {
      step: "verification",
      record: { effective: true, note: "连续三批无偏色" },
    });
    await completeStep(qualityHead, complaint.id, {
      step: "close",
      record: { documents: "来料检验 SOP" },
      standardise: true,
    });
    await completeStep(agent, complaint.id, {
      step: "feedback",
      record: { message: "已电话告知客户处理结果" },
    });
    const [closed] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(closed).toMatchObject({ status: "closed", standardise: true, causeCategory: "material" });
    const kinds = await database.db
      .select({ kind: ticketEvents.kind })
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id));
    expect(kinds.filter((k) => k.kind === "complaint_step_rejected")).toHaveLength(2);
    expect(kinds.filter((k) => k.kind === "approval_approved")).toHaveLength(3);
  });

  it("a refusal needs a reason; two approvers of the same level at once: one decision counts", async () => {
    const { complaint } = await newComplaint("normal");
    await completeStep(agent, complaint.id, { step: "confirm", record: {} });
    await proposeCompensation(agent, complaint.id, { kind: "coupon", amountFen: 20_000 });
    await completeStep(qualityHead, complaint.id, { step: "responsibility", record: {} });
    expect(
      await codeOf(
        completeStep(qualityHead, complaint.id, { step: "root_cause", record: { cause: "包装破损" } }),
      ),
    ).toBe("VALIDATION_FAILED");
    await completeStep(qualityHead, complaint.id, {
      step: "root_cause",
      record: { cause: "包装破损" },
      causeCategory: "method",
    });
    await completeStep(qualityHead, complaint.id, { step: "corrective", record: { action: "加固包装" } });
    const [request] = await database.db
      .select()
      .from(approvalRequests)
      .where(eq(approvalRequests.complaintId, complaint.id));
    expect(await codeOf(decideApproval(supervisor, request.id, { decision: "reject" }))).toBe(
      "REASON_REQUIRED",
    );
    const second = await createStaff(database, org, "supervisor");
    const results = await Promise.all([
      codeOf(decideApproval(supervisor, request.id, { decision: "approve" })),
      codeOf(decideApproval(second, request.id, { decision: "reject", comment: "不同意" })),
    ]);
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "APPROVAL_NOT_PENDING")).toHaveLength(1);
  });
});

describe("countersign, solutions, disputes and staff complained about", () => {
  /** A 一般 complaint brought to the end of preventive action, planned with these countersigning departments. */
  async function planned(countersignDepartments: string[]) {
    const { complaint, ticket } = await newComplaint("normal");
    await completeStep(agent, complaint.id, { step: "confirm", record: {} });
    await completeStep(qualityHead, complaint.id, {
      step: "responsibility",
      record: {},
      countersignDepartmentIds: countersignDepartments.map((d) => org.departments.get(d)!),
    });
    await completeStep(qualityHead, complaint.id, {
      step: "root_cause",
      record: { cause: "装箱未加隔板" },
      causeCategory: "method",
    });
    await completeStep(qualityHead, complaint.id, { step: "corrective", record: { action: "加隔板" } });
    return { complaint, ticket };
  }

  it("C056 every department involved countersigns the plan in parallel; a refusal sends it back with the reason", async () => {
    const { complaint } = await planned(["质量管理部", "技术部"]);
    expect((await stepsOf(complaint.id)).countersign.status).toBe("active");
    // The plan is frozen while it is being signed.
    expect(
      await codeOf(proposeCompensation(agent, complaint.id, { kind: "coupon", amountFen: 10_000 })),
    ).toBe("COMPLAINT_STEP_NOT_ACTIVE");
    expect(await codeOf(completeStep(supervisor, complaint.id, { step: "countersign", record: {} }))).toBe(
      "COMPLAINT_STEP_NOT_ACTIVE",
    );
    const rows = await database.db
      .select()
      .from(complaintCountersigns)
      .where(eq(complaintCountersigns.complaintId, complaint.id));
    const logisticsRow = rows.find((r) => r.departmentId === org.departments.get("技术部"))!;
    const qualityRow = rows.find((r) => r.departmentId === org.departments.get("质量管理部"))!;
    // Only the department's own people sign for it — not even a supervisor of customer service.
    expect(await codeOf(countersign(supervisor, logisticsRow.id, { sign: true }))).toBe(
      "COMPLAINT_NOT_STEP_OWNER",
    );
    const logistics = await createStaff(database, org, "agent", { department: "技术部", name: "吴技术" });
    expect(await codeOf(countersign(logistics, logisticsRow.id, { sign: false }))).toBe("REASON_REQUIRED");
    await countersign(qualityHead, qualityRow.id, { sign: true, comment: "同意" });
    expect((await stepsOf(complaint.id)).countersign.status).toBe("active");
    await countersign(logistics, logisticsRow.id, { sign: false, comment: "隔板成本应由供应商承担" });
    const back = await stepsOf(complaint.id);
    expect(back.corrective).toMatchObject({ status: "active", rejections: 1 });
    expect(back.countersign.status).toBe("waiting");
    // Redone, every department signs afresh — the earlier signature was for the old plan.
    await completeStep(qualityHead, complaint.id, { step: "corrective", record: { action: "供应商加隔板" } });
    const again = await database.db
      .select()
      .from(complaintCountersigns)
      .where(eq(complaintCountersigns.complaintId, complaint.id));
    expect(again.map((r) => r.status)).toEqual(["pending", "pending"]);
    await countersign(qualityHead, qualityRow.id, { sign: true });
    await countersign(logistics, logisticsRow.id, { sign: true });
    const signed = await stepsOf(complaint.id);
    expect(signed.countersign.status).toBe("done");
    // Nothing to approve for a 一般 complaint without compensation when the supervisor limit covers ¥0: approval starts.
    expect(signed.approval.status).toBe("active");
  });

  it("C056 a 一般 complaint with no department named skips countersigning", async () => {
    const { complaint } = await planned([]);
    const steps = await stepsOf(complaint.id);
    expect(steps.countersign.status).toBe("skipped");
    expect(steps.approval.status).toBe("active");
  });

  it("C057 solutions are put to the customer, objections stay on record, one is accepted; the first offer stops the solution clock", async () => {
    const { complaint, ticket } = await newComplaint("normal");
    const first = await offerProposal(agent, complaint.id, { body: "换新 37 只" });
    const [clock] = await database.db
      .select()
      .from(ticketSlaClocks)
      .where(and(eq(ticketSlaClocks.ticketId, ticket.id), eq(ticketSlaClocks.metric, "solution")));
    expect(clock).toMatchObject({ state: "stopped", stoppedAt: first.offeredAt });
    expect(
      await codeOf(
        answerProposal(agent, first.id, { accepted: false, respondent: "刘经理", channel: "phone" }),
      ),
    ).toBe("REASON_REQUIRED");
    await answerProposal(agent, first.id, {
      accepted: false,
      respondent: "刘经理",
      channel: "phone",
      response: "要求整批退货",
    });
    expect(
      await codeOf(
        answerProposal(agent, first.id, { accepted: true, respondent: "刘经理", channel: "phone" }),
      ),
    ).toBe("PROPOSAL_ANSWERED");
    const second = await offerProposal(agent, complaint.id, { body: "整批退货并补偿运费" });
    const third = await offerProposal(agent, complaint.id, { body: "整批换货" });
    await answerProposal(agent, second.id, { accepted: true, respondent: "刘经理", channel: "email" });
    expect(
      await codeOf(
        answerProposal(agent, third.id, { accepted: true, respondent: "刘经理", channel: "email" }),
      ),
    ).toBe("PROPOSAL_ALREADY_ACCEPTED");
    const proposals = await database.db
      .select()
      .from(complaintProposals)
      .where(eq(complaintProposals.complaintId, complaint.id));
    expect(proposals.map((p) => [p.body, p.status, p.channel])).toEqual(
      expect.arrayContaining([
        ["换新 37 只", "objected", "phone"],
        ["整批退货并补偿运费", "accepted", "email"],
        ["整批换货", "offered", null],
      ]),
    );
  });

  it("C053 C060 traceability is recorded; a dispute needs a coordinator and the contract clause, and the coordinator is told and sees it", async () => {
    const { complaint, ticket } = await newComplaint("normal");
    await updateComplaintDetails(agent, complaint.id, {
      productionUnit: "二车间",
      machineShift: "3 号线 / 夜班",
      operatorName: "郑师傅",
      productionDate: "2026-10-28",
    });
    expect(await codeOf(updateComplaintDetails(agent, complaint.id, { disputed: true }))).toBe(
      "VALIDATION_FAILED",
    );
    const coordinator = await createStaff(database, org, "agent", { department: "销售部", name: "冯协调" });
    await updateComplaintDetails(agent, complaint.id, {
      disputed: true,
      coordinatorId: coordinator.actor.userId,
      contractClause: "合同第 7.2 条：色温偏差 ±150K 以内为合格",
    });
    const [saved] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(saved).toMatchObject({ productionUnit: "二车间", operatorName: "郑师傅", disputed: true });
    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, coordinator.actor.userId), eq(notifications.ticketId, ticket.id)));
    expect(told.map((n) => n.kind)).toEqual(["dispute_coordinator"]);
    expect((await loadTicket(database.db, coordinator, ticket.id)).id).toBe(ticket.id);
  });

  it("C063 a complaint about a staff member goes to their manager and never to them", async () => {
    const { complaint, ticket } = await newComplaint("normal");
    expect(
      await codeOf(updateComplaintDetails(agent, complaint.id, { accusedUserId: agent.actor.userId })),
    ).toBe("COMPLAINT_ACCUSED_HANDLES");
    const accused = await createStaff(database, org, "supervisor", {
      department: "质量管理部",
      name: "蒋被诉",
    });
    await updateComplaintDetails(agent, complaint.id, { accusedUserId: accused.actor.userId });
    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "staff_complained"), eq(notifications.ticketId, ticket.id)));
    expect(told.map((n) => n.userId)).toEqual([qualityHead.actor.userId]);
    // Even with a supervisor's rights, the person complained about cannot act on it or take it.
    expect(await codeOf(completeStep(accused, complaint.id, { step: "confirm", record: {} }))).toBe(
      "COMPLAINT_ABOUT_YOU",
    );
    expect(
      await codeOf(
        transferTicket(agent, ticket.id, { assigneeId: accused.actor.userId, reason: "请质量部处理" }),
      ),
    ).toBe("COMPLAINT_ACCUSED_HANDLES");
  });
});

describe("complaints over HTTP", () => {
  it("the complaint panel's API: open, act on steps, propose compensation, the approver's inbox and decision", async () => {
    const http = await testApp(database, org);
    const ticket = await createTestTicket(agent, { type: "complaint", title: "包装破损" });
    const asAgent = await http.signInAs(agent);
    const categories = (await asAgent.request("GET", "/api/complaint-categories")).json();
    expect(categories.map((c: { name: string }) => c.name)).toEqual([
      "产品问题",
      "物流问题",
      "服务问题",
      "交付问题",
      "账务问题",
    ]);
    const opened = await asAgent.request("POST", `/api/tickets/${ticket.id}/complaint`, {
      classification: "human",
      categoryId: categories[0].id,
      severity: "normal",
      quantity: 50,
      defectiveQuantity: 3,
    });
    expect(opened.statusCode).toBe(201);
    const complaint = opened.json();
    expect(complaint).toMatchObject({
      currentStep: "confirm",
      abilities: { complete: true, skip: false, propose: true, decide: false },
    });
    expect(complaint.steps.find((s: { step: string }) => s.step === "preventive").status).toBe("skipped");
    const id = complaint.id;
    expect(
      (
        await asAgent.request("POST", `/api/complaints/${id}/steps/complete`, {
          step: "confirm",
          record: { facts: "外箱压损" },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await asAgent.request("POST", `/api/complaints/${id}/compensations`, {
          kind: "coupon",
          amountFen: 20_000,
        })
      ).statusCode,
    ).toBe(204);
    const asQuality = await http.signInAs(qualityHead);
    for (const step of ["responsibility", "root_cause", "corrective"]) {
      const res = await asQuality.request("POST", `/api/complaints/${id}/steps/complete`, {
        step,
        record: { note: step },
        causeCategory: "method",
      });
      expect(res.statusCode).toBe(204);
    }
    const asSupervisor = await http.signInAs(supervisor);
    const inbox = (await asSupervisor.request("GET", "/api/approvals/inbox")).json();
    const mine = inbox.find((r: { ticketId: string }) => r.ticketId === ticket.id);
    expect(mine).toMatchObject({ amountFen: 20_000, chain: ["supervisor"], level: 0 });
    expect((await asQuality.request("GET", "/api/approvals/inbox")).json()).toEqual([]);
    const decided = await asSupervisor.request("POST", `/api/approvals/${mine.id}/decision`, {
      decision: "approve",
    });
    expect(decided.json()).toEqual({ status: "approved" });
    const again = await asSupervisor.request("POST", `/api/approvals/${mine.id}/decision`, {
      decision: "approve",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "APPROVAL_NOT_PENDING", message: "该审批已结束" });
    const after = (await asAgent.request("GET", `/api/tickets/${ticket.id}/complaint`)).json();
    expect(after.currentStep).toBe("execution");
    expect(after.compensations[0]).toMatchObject({ kind: "coupon", status: "approved" });
    expect(after.approval).toMatchObject({
      status: "approved",
      chain: [{ key: "supervisor", name: "客服主管" }],
    });
  });
});

describe("compensation ledger and returns over HTTP", () => {
  it("C058 C059 finance pays approved refunds from its list with the voucher; returns are followed by status", async () => {
    const { complaint, ticket } = await newComplaint("normal");
    await completeStep(agent, complaint.id, { step: "confirm", record: {} });
    await proposeCompensation(agent, complaint.id, { kind: "refund", amountFen: 30_000, note: "运费" });
    await proposeCompensation(agent, complaint.id, { kind: "return", amountFen: 0 });
    await completeStep(qualityHead, complaint.id, { step: "responsibility", record: {} });
    await completeStep(qualityHead, complaint.id, { step: "root_cause", needed: false, reason: "已知问题" });
    await completeStep(qualityHead, complaint.id, { step: "corrective", record: { action: "换包装" } });
    const [request] = await database.db
      .select()
      .from(approvalRequests)
      .where(eq(approvalRequests.complaintId, complaint.id));
    await decideApproval(supervisor, request.id, { decision: "approve" });

    const http = await testApp(database, org);
    const asFinance = await http.signInAs(finance);
    const toPay = (await asFinance.request("GET", "/api/compensations?status=to_pay&pageSize=200")).json();
    const mine = toPay.items.filter((c: { ticketId: string }) => c.ticketId === ticket.id);
    expect(mine).toEqual([
      expect.objectContaining({ kind: "refund", amountFen: 30_000, number: ticket.number }),
    ]);
    const refused = await asFinance.request("POST", `/api/compensations/${mine[0].id}/paid`, {
      voucherNo: "",
    });
    expect(refused.statusCode).toBe(422);
    const paid = await asFinance.request("POST", `/api/compensations/${mine[0].id}/paid`, {
      voucherNo: "付-1123",
      paidOn: "2026-11-21",
    });
    expect(paid.statusCode).toBe(204);
    const after = (await asFinance.request("GET", "/api/compensations?status=paid&pageSize=200")).json();
    expect(after.items.find((c: { id: string }) => c.id === mine[0].id)).toMatchObject({
      voucherNo: "付-1123",
      paidOn: "2026-11-21",
    });

    const asAgent = await http.signInAs(agent);
    const awaiting = (await asAgent.request("GET", "/api/rmas?status=awaiting_goods&pageSize=200")).json();
    const rma = awaiting.items.find((c: { ticketId: string }) => c.ticketId === ticket.id).rma;
    expect(rma).toMatchObject({ status: "awaiting_goods", receivedAt: null });
    const moved = await asAgent.request("POST", `/api/rmas/${rma.id}/advance`, { status: "received" });
    expect(moved.statusCode).toBe(204);
    const received = (await asAgent.request("GET", "/api/rmas?status=received&pageSize=200")).json();
    expect(
      received.items.find((c: { ticketId: string }) => c.ticketId === ticket.id).rma.receivedAt,
    ).not.toBeNull();
  });
});

describe("monthly complaint analysis", () => {
  it("C062 the Pareto of causes, by product and department, and customers who complained more than once", async () => {
    const fresh = await createOrg(database);
    const handler = await createStaff(database, fresh, "supervisor");
    const [product, service] = (await listCategories(database.db, fresh.orgId)).filter((c) =>
      ["产品问题", "服务问题"].includes(c.name),
    );
    const plan = [
      { cause: "material", part: "LED-40W", category: product },
      { cause: "material", part: "LED-40W", category: product },
      { cause: "material", part: "T8-18W", category: product },
      { cause: "method", part: null, category: service },
      { cause: null, part: null, category: service },
    ] as const;
    let repeatCustomer: string | null = null;
    for (const [i, p] of plan.entries()) {
      const ticket = await createTestTicket(handler, {
        type: "complaint",
        ...(i === 1 && repeatCustomer ? { customerId: repeatCustomer, newCustomer: null } : {}),
        ...(i === 0 ? { newCustomer: { name: "华南酒店集团", phone: "13800001111" } } : {}),
      });
      repeatCustomer ??= ticket.customerId;
      const complaint = await openComplaint(handler, ticket.id, {
        classification: "quality",
        categoryId: p.category.id,
        severity: "normal",
        partNo: p.part,
      });
      if (p.cause)
        await database.db
          .update(complaints)
          .set({ causeCategory: p.cause })
          .where(eq(complaints.id, complaint.id));
    }
    const month = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" })
      .format(new Date())
      .slice(0, 7);
    const a = await complaintAnalysis(handler, month);
    expect(a.total).toBe(5);
    expect(a.causes).toEqual([
      { key: "material", count: 3, cumulativePercent: 60 },
      { key: "method", count: 1, cumulativePercent: 80 },
      { key: null, count: 1, cumulativePercent: 100 },
    ]);
    expect(a.products.map((p) => [p.key, p.count])).toEqual([
      ["LED-40W", 2],
      [null, 2],
      ["T8-18W", 1],
    ]);
    expect(a.departments.map((d) => [d.name, d.count])).toEqual([
      ["质量管理部", 3],
      ["客服部", 2],
    ]);
    expect(a.repeatCustomers).toEqual([{ key: repeatCustomer, name: "华南酒店集团", count: 2 }]);
    expect(a).toMatchObject({ complaintTickets: 5, withoutRecord: { count: 0, tickets: [] } });
    const lastYear = await complaintAnalysis(handler, "2025-11");
    expect(lastYear.total).toBe(0);
    expect(await codeOf(complaintAnalysis(agent, month))).toBe("FORBIDDEN");
  });
});

describe("monthly complaint analysis, before records are opened", () => {
  it("complaint tickets without a complaint record are counted and listed, not reported as no complaints", async () => {
    const fresh = await createOrg(database);
    const handler = await createStaff(database, fresh, "supervisor");
    const waiting = [];
    for (const title of ["灯具频闪投诉", "安装延误投诉", "态度投诉"])
      waiting.push(await createTestTicket(handler, { type: "complaint", title }));
    const [category] = await listCategories(database.db, fresh.orgId);
    await openComplaint(handler, waiting[2].id, {
      classification: "human",
      categoryId: category.id,
      severity: "normal",
    });
    await createTestTicket(handler, { type: "inquiry", title: "咨询，不算客诉" });
    const month = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" })
      .format(new Date())
      .slice(0, 7);
    const a = await complaintAnalysis(handler, month);
    expect(a.total).toBe(1);
    expect(a.complaintTickets).toBe(3);
    expect(a.withoutRecord.count).toBe(2);
    expect(a.withoutRecord.tickets.map((t) => t.number)).toEqual([waiting[0].number, waiting[1].number]);
  });
});

describe("complaint settings", () => {
  it("C049 categories route to departments; approval authority is replaced as a whole and must reach every amount", async () => {
    const fresh = await createOrg(database);
    const http = await testApp(database, fresh);
    const admin = await http.signIn("admin");
    const agentClient = await http.signInAs(await createStaff(database, fresh, "agent"));
    const created = await admin.request("POST", "/api/complaint-categories", {
      name: "安装问题",
      departmentId: fresh.departments.get("售后服务部"),
    });
    expect(created.statusCode).toBe(201);
    expect((await agentClient.request("POST", "/api/complaint-categories", { name: "x" })).statusCode).toBe(
      403,
    );
    const moved = await admin.request("PUT", `/api/complaint-categories/${created.json().id}`, {
      name: "安装问题",
      departmentId: fresh.departments.get("技术部"),
    });
    expect(moved.json().departmentId).toBe(fresh.departments.get("技术部"));
    expect((await admin.request("DELETE", `/api/complaint-categories/${created.json().id}`)).statusCode).toBe(
      204,
    );

    const noTop = await admin.request("PUT", "/api/approval-rules", [
      { severity: null, maxAmountFen: 100_000, roleKey: "supervisor", rank: 10 },
    ]);
    expect(noTop.json().error.code).toBe("APPROVAL_RULES_INVALID");
    const unknownRole = await admin.request("PUT", "/api/approval-rules", [
      { severity: null, maxAmountFen: null, roleKey: "chairman", rank: 10 },
    ]);
    expect(unknownRole.json().error.code).toBe("APPROVAL_RULES_INVALID");
    const saved = await admin.request("PUT", "/api/approval-rules", [
      { severity: null, maxAmountFen: 100_000, roleKey: "supervisor", rank: 10 },
      { severity: "major", maxAmountFen: null, roleKey: "management_rep", rank: 15 },
      { severity: null, maxAmountFen: null, roleKey: "general_manager", rank: 20 },
    ]);
    expect(saved.statusCode).toBe(200);
    const rules = (await admin.request("GET", "/api/approval-rules")).json();
    expect(approvalChain(rules, "major", 200_000)).toEqual(["supervisor", "management_rep"]);
    expect(approvalChain(rules, "normal", 200_000)).toEqual(["supervisor", "general_manager"]);
  });
});
