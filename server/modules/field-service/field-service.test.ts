import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { localIsoDate, nextWorkingDay, startOfLocalDay } from "../../../common/business-time";
import {
  addDays,
  DEFAULT_KIND_SETTINGS,
  rankEngineers,
  warrantyEnd,
  warrantyOn,
} from "../../../common/field-service";
import { toolListQuery } from "../../../common/schemas/field-service";
import type { Database } from "../../db/client";
import {
  attachments,
  auditLog,
  callbackTasks,
  contacts,
  customers,
  notifications,
  outboxMessages,
  purchases,
  servicePoints,
  ticketSlaClocks,
  users,
  workOrders,
} from "../../db/schema";
import type { AppError } from "../../lib/errors";
import { calendarPeriod, officeCalendar, officeToday, weekStart } from "../../lib/periods";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  type TestOrg,
  testDatabase,
} from "../../test/factories";
import { addPurchase } from "../customers/contacts-and-purchases";
import { getCustomer360, listCustomers } from "../customers/queries";
import { listStock, receiveStock, saveSparePart } from "../parts/stock";
import { changeTicketStatus } from "../tickets/change-status";
import { loadTicket } from "../tickets/load-ticket";
import { getTicketDetail, listTickets } from "../tickets/queries";
import { addApprovalRule, decideApproval, deleteApprovalRule } from "./approval";
import { recordNoShow } from "./arrivals";
import { createWorkOrder } from "./create-work-order";
import {
  cancelWorkOrder,
  checkAppointment,
  dispatchBoard,
  dispatchWorkOrder,
  suggestEngineers,
} from "./dispatch";
import {
  arriveOnSite,
  completeWorkOrder,
  departForSite,
  notifyDelay,
  respondToWorkOrder,
  returnFromSite,
  saveServiceReport,
  signWorkOrder,
  submitServiceReport,
  tickChecklistItem,
} from "./engineer";
import { listKindSettings, resetKindSettings, saveKindSettings } from "./kind-settings";
import { planPart, recordPartUse } from "./parts";
import { exportFieldServiceReport, fieldServiceReport } from "./period-report";
import { getWorkOrder, revealWorkOrderContact } from "./queries";
import { getRecall, launchRecall, listRecalls, previewRecall } from "./recalls";
import {
  getRepairReturn,
  giveBackProduct,
  markRepaired,
  repairReturnRegister,
  takeBackProduct,
} from "./repair-returns";
import { recordTechnicalOutcome, reviewServiceReport, serviceReportQueue } from "./reports";
import { confirmSettlement, listSettlements } from "./settlement";
import { addTool, lendTool, listTools, recordToolCheck, returnTool } from "./tools";
import { myWeekSummary, saveWeekSummary } from "./week-summaries";

let database: Database;
let org: TestOrg;
type Staff = Awaited<ReturnType<typeof createStaff>>;
let agent: Staff;
let dispatcher: Staff;
let dispatcher2: Staff;
let engineer: Staff;
let farEngineer: Staff;
let finance: Staff;
let points: Record<string, string>;

/** A 1×1 transparent PNG, as the signature pad sends it. */
const PNG_DATA_URL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function placeEngineer(staff: Staff, point: string, skills: string[]) {
  await database.db
    .update(users)
    .set({ servicePointId: points[point], skills })
    .where(eq(users.id, staff.actor.userId));
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A repair ticket of a customer in 北京 with one unit delivered `deliveredDaysAgo` days ago. */
async function repairTicket(deliveredDaysAgo: number) {
  const ticket = await createTestTicket(agent, {
    type: "repair",
    title: "路灯不亮",
    newCustomer: { name: `北京客户${Math.random().toString(36).slice(2, 6)}`, phone: "13800001111" },
  });
  await database.db.update(customers).set({ region: "北京" }).where(eq(customers.id, ticket.customerId!));
  const purchase = await addPurchase(agent, ticket.customerId!, {
    product: "LED 路灯 X100",
    model: "X100-150W",
    serialNo: `SN-${Math.random().toString(36).slice(2, 8)}`,
    deliveredOn: isoDaysAgo(deliveredDaysAgo),
  });
  return { ticket, purchase };
}

/** A repair work order for a new ticket, dispatched to 韩工 now; `onSite` takes him there. */
async function dispatchedRepair(deliveredDaysAgo: number, onSite: boolean) {
  const { ticket, purchase } = await repairTicket(deliveredDaysAgo);
  const order = await createWorkOrder(agent, ticket.id, {
    purchaseId: purchase.id,
    fault: "不亮",
    siteAddress: "北京市西城区 5 号",
  });
  await dispatchWorkOrder(dispatcher, order.id, {
    engineerId: engineer.actor.userId,
    appointmentAt: new Date(),
  });
  if (onSite) {
    await respondToWorkOrder(engineer, order.id, { accept: true });
    await arriveOnSite(engineer, order.id);
  }
  return { ticket, purchase, order };
}

/** Dispatches to an appointment tomorrow, then lets time pass until it was `minutesAgo` minutes ago. */
async function dispatchAppointmentPassed(order: { id: string }, engineerId: string, minutesAgo: number) {
  await dispatchWorkOrder(dispatcher, order.id, {
    engineerId,
    appointmentAt: new Date(Date.now() + 86_400_000),
  });
  const appointmentAt = new Date(Date.now() - minutesAgo * 60_000);
  await database.db.update(workOrders).set({ appointmentAt }).where(eq(workOrders.id, order.id));
  return appointmentAt;
}

/** A new spare part with `quantity` units in stock at 华北. */
async function partInStock(code: string, priceFen: number, quantity: number) {
  const part = await saveSparePart(dispatcher, null, { code: `${code}-${Date.now()}`, name: code, priceFen });
  await receiveStock(dispatcher, { partId: part.id, servicePointId: points.华北, quantity });
  return part;
}

beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
  agent = await createStaff(database, org, "agent", { name: "王客服" });
  dispatcher = await createStaff(database, org, "dispatcher", { name: "冯派工" });
  dispatcher2 = await createStaff(database, org, "dispatcher", { name: "褚派工" });
  engineer = await createStaff(database, org, "engineer", { name: "韩工" });
  farEngineer = await createStaff(database, org, "engineer", { name: "秦工" });
  finance = await createStaff(database, org, "finance", { name: "财务钱" });
  const rows = await database.db.select().from(servicePoints).where(eq(servicePoints.orgId, org.orgId));
  points = Object.fromEntries(rows.map((p) => [p.name, p.id]));
  await placeEngineer(engineer, "华北", ["repair", "路灯"]);
  await placeEngineer(farEngineer, "华南", ["repair", "路灯"]);
});

describe("warranty and dispatch rules", () => {
  it("C083 warranty ends 2 years after acceptance unless the purchase says otherwise", () => {
    expect(warrantyEnd("2024-02-29", 24)).toBe("2026-02-28");
    expect(warrantyEnd("2025-01-31", 1)).toBe("2025-02-28");
    expect(warrantyOn({ warrantyEndsOn: null, deliveredOn: "2025-03-01" }, "2027-03-01")).toEqual({
      endsOn: "2027-03-01",
      inWarranty: true,
    });
    expect(warrantyOn({ warrantyEndsOn: null, deliveredOn: "2025-03-01" }, "2027-03-02").inWarranty).toBe(
      false,
    );
    expect(
      warrantyOn({ warrantyEndsOn: "2030-01-01", deliveredOn: "2020-01-01" }, "2027-01-01").inWarranty,
    ).toBe(true);
    expect(warrantyOn(null, "2027-01-01")).toEqual({ endsOn: null, inWarranty: false });
  });

  it("C067 engineers rank by same region, then skill, then least load", () => {
    const e = (name: string, regions: string[], skills: string[], load: number) => ({
      id: name,
      name,
      regions,
      skills,
      load,
    });
    const ranked = rankEngineers(
      [
        e("far", ["广东"], ["repair", "路灯"], 0),
        e("busy", ["北京"], ["repair", "路灯"], 3),
        e("free", ["北京"], ["repair", "路灯"], 1),
        e("unskilled", ["北京"], [], 0),
      ],
      { region: "北京", kind: "repair", product: "LED 路灯 X100" },
    );
    expect(ranked.map((r) => r.id)).toEqual(["free", "busy", "unskilled", "far"]);
  });
});

describe("work orders", () => {
  it("C064 C083 a repair in warranty is free, out of warranty chargeable; going against it needs a reason", async () => {
    const inside = await repairTicket(300);
    const free = await createWorkOrder(agent, inside.ticket.id, {
      purchaseId: inside.purchase.id,
      fault: "整灯不亮",
      siteAddress: "北京市朝阳区建国路 1 号",
    });
    expect(free).toMatchObject({
      number: expect.stringMatching(/^PG-\d{6}-\d{4,}$/),
      product: "LED 路灯 X100",
      serialNo: inside.purchase.serialNo,
      inWarranty: true,
      chargeable: false,
      region: "北京",
      servicePointId: points.华北,
      status: "pending",
    });
    expect((await loadTicket(agent.db, agent, inside.ticket.id)).status).toBe("in_progress");
    const outside = await repairTicket(800);
    const input = { purchaseId: outside.purchase.id, fault: "灯光闪烁", siteAddress: "北京市海淀区 2 号" };
    expect((await createWorkOrder(agent, outside.ticket.id, input)).chargeable).toBe(true);
    expect(await codeOf(createWorkOrder(agent, outside.ticket.id, { ...input, chargeable: false }))).toBe(
      "WARRANTY_OVERRIDE_REASON",
    );
    const waived = await createWorkOrder(agent, outside.ticket.id, {
      ...input,
      chargeable: false,
      chargeableReason: "重点客户，经理批准免费",
    });
    expect(waived).toMatchObject({
      inWarranty: false,
      chargeable: false,
      chargeableReason: "重点客户，经理批准免费",
    });
  });

  it("seed 001 第7条 a site outside every local region goes to the headquarters and the dispatchers are told", async () => {
    const { ticket } = await repairTicket(100);
    const order = await createWorkOrder(agent, ticket.id, {
      product: "LED 路灯 X100",
      fault: "不亮",
      siteAddress: "香港九龙",
      region: "香港",
    });
    const [hq] = await database.db
      .select()
      .from(servicePoints)
      .where(and(eq(servicePoints.orgId, org.orgId), eq(servicePoints.isHeadquarters, true)));
    expect(order).toMatchObject({ servicePointId: hq.id, outOfRegion: true });
    const told = await database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, dispatcher.actor.userId),
          eq(notifications.kind, "work_order_out_of_region"),
        ),
      );
    expect(told.length).toBeGreaterThan(0);
  });

  it("C067 the board suggests the local engineer; of two dispatchers assigning at once one wins", async () => {
    const { ticket, purchase } = await repairTicket(100);
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "不亮",
      siteAddress: "北京市东城区 3 号",
    });
    const board = await dispatchBoard(dispatcher);
    expect(board.waiting.find((w) => w.id === order.id)?.suggested).toBe(engineer.actor.userId);
    const ranked = await suggestEngineers(dispatcher, order.id);
    expect(ranked[0]).toMatchObject({ id: engineer.actor.userId, regionMatch: true });
    expect(await codeOf(suggestEngineers(agent, order.id))).toBe("FORBIDDEN");
    const appointmentAt = new Date(Date.now() + 86_400_000);
    const results = await Promise.all([
      codeOf(dispatchWorkOrder(dispatcher, order.id, { engineerId: engineer.actor.userId, appointmentAt })),
      codeOf(
        dispatchWorkOrder(dispatcher2, order.id, { engineerId: farEngineer.actor.userId, appointmentAt }),
      ),
    ]);
    // The loser finds the work order changed, or its appointment already moved on.
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(["WORK_ORDER_CONFLICT", "NO_SHOW_TOO_EARLY"]).toContain(results.find((r) => r !== "OK"));
    const [row] = await database.db.select().from(workOrders).where(eq(workOrders.id, order.id));
    expect(row.status).toBe("assigned");
    expect(
      await codeOf(
        dispatchWorkOrder(dispatcher, order.id, { engineerId: agent.actor.userId, appointmentAt }),
      ),
    ).toBe("ENGINEER_INVALID");
  });

  it("a dispatcher of 售后服务组 dispatches work raised by 客服部, and a department head approves its 联络单, without the ticket list", async () => {
    // Each in the department a company puts them in (the factory's default for the role).
    const deptOf = async (staff: Staff) =>
      (await database.db.select().from(users).where(eq(users.id, staff.actor.userId)))[0].departmentId;
    expect(await deptOf(agent)).toBe(org.departments.get("客服部"));
    expect(await deptOf(dispatcher)).toBe(org.departments.get("售后服务组"));
    expect(await deptOf(finance)).toBe(org.departments.get("财务部"));
    const head = await createStaff(database, org, "department_head", { department: "维修服务组" });
    const rule = await addApprovalRule(await createStaff(database, org, "manager"), {
      kind: "repair",
      minEstimateFen: 900_000,
      approverRole: "department_head",
    });
    const { ticket, purchase } = await repairTicket(100);
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "灯杆整体更换",
      siteAddress: "北京市东城区 9 号",
      estimateFen: 1_000_000,
    });
    // The approver reads the ticket the 联络单 is about while it waits for them, and decides it.
    expect((await getTicketDetail(head, ticket.id)).number).toBe(ticket.number);
    await decideApproval(head, order.id, { approve: true, note: "同意" });
    expect(await codeOf(getTicketDetail(head, ticket.id))).toBe("TICKET_NOT_FOUND");
    await deleteApprovalRule(await createStaff(database, org, "manager"), rule.id);
    const appointmentAt = new Date(Date.now() + 86_400_000);
    const assigned = await dispatchWorkOrder(dispatcher, order.id, {
      engineerId: engineer.actor.userId,
      appointmentAt,
    });
    expect(assigned.status).toBe("assigned");
    expect((await getWorkOrder(dispatcher, order.id)).ticketNumber).toBe(ticket.number);
    // Acting on the work order reads what it needs of the ticket; the ticket itself stays 客服部's.
    expect(await codeOf(getTicketDetail(dispatcher, ticket.id))).toBe("TICKET_NOT_FOUND");
    const list = await listTickets(dispatcher, { q: ticket.number });
    expect(list.items.map((t) => t.id)).not.toContain(ticket.id);
  });

  it("an appointment in the past is refused; one far from the customer's wish or outside working hours is warned of", async () => {
    const { ticket, purchase } = await repairTicket(100);
    const { timeZone } = await officeCalendar(database.db, org.orgId);
    // 10:00 on the next working day, the customer's wish.
    const nextDay = nextWorkingDay(await officeCalendar(database.db, org.orgId), new Date());
    const at = (hour: number, minute = 0) =>
      new Date(startOfLocalDay(nextDay, timeZone).getTime() + (hour * 60 + minute) * 60_000);
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "不亮",
      siteAddress: "北京市东城区 3 号",
      preferredAt: at(10),
    });
    const assign = { engineerId: engineer.actor.userId };
    const yesterday = new Date(Date.now() - 86_400_000);
    expect(
      await codeOf(dispatchWorkOrder(dispatcher, order.id, { ...assign, appointmentAt: yesterday })),
    ).toBe("APPOINTMENT_IN_PAST");
    expect(await checkAppointment(dispatcher, order.id, { at: yesterday })).toMatchObject({ past: true });
    expect(await checkAppointment(dispatcher, order.id, { at: at(11, 30) })).toEqual({
      past: false,
      warnings: [],
    });
    expect((await checkAppointment(dispatcher, order.id, { at: at(15) })).warnings).toEqual([
      "outside_preferred",
    ]);
    // 12:00 starts the lunch break of the standard calendar (two hours from the wish: no warning for that); 21:00 is after hours and far from 10:00.
    expect((await checkAppointment(dispatcher, order.id, { at: at(12) })).warnings).toEqual([
      "outside_hours",
    ]);
    expect((await checkAppointment(dispatcher, order.id, { at: at(21) })).warnings).toEqual([
      "outside_preferred",
      "outside_hours",
    ]);
    expect(await codeOf(checkAppointment(agent, order.id, { at: at(10) }))).toBe("FORBIDDEN");
    const [row] = await database.db.select().from(workOrders).where(eq(workOrders.id, order.id));
    expect(row).toMatchObject({ status: "pending", appointmentAt: null });
    // A warning does not stop the dispatcher: the customer may have agreed to the evening.
    expect((await dispatchWorkOrder(dispatcher, order.id, { ...assign, appointmentAt: at(21) })).status).toBe(
      "assigned",
    );
  });

  it("C069 C070 C071 C072 the engineer's way: accept, trip, late check-in, parts, signature, completion, callback tomorrow", async () => {
    const { ticket, purchase } = await repairTicket(100);
    await database.db
      .update(contacts)
      .set({ name: "李经理", mobile: "13900003333" })
      .where(eq(contacts.id, ticket.contactId!));
    const part = await partInStock("DRV", 8_500, 5);
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "不亮",
      siteAddress: "北京市西城区 4 号",
    });
    await planPart(dispatcher, order.id, { partId: part.id, quantity: 2 });
    // An appointment 30 minutes ago: the engineer arrives late.
    await dispatchAppointmentPassed(order, engineer.actor.userId, 30);
    const sms = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.recipient, "13900003333")));
    expect(sms[0].body).toContain("韩工");
    // What each may do now comes with the work order (the console holds no state rules).
    expect((await getWorkOrder(engineer, order.id)).abilities).toMatchObject({
      respond: true,
      arrive: false,
      onSite: false,
      revealContact: true,
    });
    expect((await getWorkOrder(dispatcher, order.id)).abilities).toMatchObject({
      dispatch: false,
      cancel: true,
      respond: false,
      revealContact: false,
    });

    expect(await codeOf(respondToWorkOrder(farEngineer, order.id, { accept: true }))).toBe(
      "WORK_ORDER_NOT_FOUND",
    );
    expect(await codeOf(respondToWorkOrder(dispatcher, order.id, { accept: true }))).toBe(
      "NOT_YOUR_WORK_ORDER",
    );
    expect(await codeOf(respondToWorkOrder(engineer, order.id, { accept: false }))).toBe("REASON_REQUIRED");
    await respondToWorkOrder(engineer, order.id, { accept: true });
    // The engineer now sees the ticket; the other one does not.
    expect((await loadTicket(engineer.db, engineer, ticket.id)).id).toBe(ticket.id);
    expect(await codeOf(getWorkOrder(farEngineer, order.id))).toBe("WORK_ORDER_NOT_FOUND");
    expect((await revealWorkOrderContact(engineer, order.id)).mobile).toBe("13900003333");
    expect((await getWorkOrder(engineer, order.id)).contactPhone).toBe("139****3333");

    await departForSite(engineer, order.id, {});
    const arrived = await arriveOnSite(engineer, order.id);
    expect(arrived.lateMinutes).toBeGreaterThanOrEqual(29);
    const [onSite] = await database.db
      .select()
      .from(ticketSlaClocks)
      .where(and(eq(ticketSlaClocks.ticketId, ticket.id), eq(ticketSlaClocks.metric, "on_site")));
    expect(onSite.state).toBe("stopped");

    await recordPartUse(engineer, order.id, { partId: part.id, quantity: 1 });
    const stock = (await listStock(dispatcher, points.华北)).find((s) => s.partId === part.id)!;
    expect(stock).toMatchObject({ onHand: 4, reserved: 1 });

    expect(await codeOf(completeWorkOrder(engineer, order.id, {}))).toBe("WORK_DONE_REQUIRED");
    await saveServiceReport(engineer, order.id, {
      faultCause: "驱动电源损坏",
      workDone: "更换驱动电源，通电测试正常",
      testResult: "连续点亮 30 分钟正常",
      maintenanceAdvice: "每半年清洁灯罩",
    });
    expect(await codeOf(completeWorkOrder(engineer, order.id, {}))).toBe("SIGNATURE_REQUIRED");
    expect(
      await codeOf(
        signWorkOrder(engineer, order.id, { signerName: "李经理", satisfied: true, image: "bm90IGEgcG5n" }),
      ),
    ).toBe("SIGNATURE_INVALID");
    await signWorkOrder(engineer, order.id, {
      signerName: "李经理",
      opinion: "满意",
      satisfied: true,
      image: PNG_DATA_URL,
    });
    expect(await codeOf(completeWorkOrder(engineer, order.id, { labourFen: 5000 }))).toBe(
      "CHARGE_NOT_ALLOWED",
    );
    const done = await completeWorkOrder(engineer, order.id, {});
    expect(done.status).toBe("completed");

    const after = await getWorkOrder(dispatcher, order.id);
    expect(after.parts).toEqual([expect.objectContaining({ reserved: 1, used: 1 })]);
    expect(after.settlementStatus).toBe("none");
    const [signature] = await database.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, after.signatureAttachmentId!));
    expect(signature).toMatchObject({ mimeType: "image/png", workOrderId: order.id });
    // The unused planned unit went back to free stock.
    expect((await listStock(dispatcher, points.华北)).find((s) => s.partId === part.id)).toMatchObject({
      onHand: 4,
      reserved: 0,
    });
    // The ticket is resolved and its first responder calls back the next working day.
    expect((await loadTicket(agent.db, agent, ticket.id)).status).toBe("resolved");
    const [task] = await database.db
      .select()
      .from(callbackTasks)
      .where(eq(callbackTasks.ticketId, ticket.id));
    const calendar = await officeCalendar(database.db, org.orgId);
    expect(task).toMatchObject({
      assigneeId: agent.actor.userId,
      status: "open",
      dueOn: nextWorkingDay(calendar, new Date()),
      workOrderId: order.id,
    });
    expect(task.dueOn > localIsoDate(new Date(), calendar.timeZone)).toBe(true);

    await returnFromSite(engineer, order.id);
    expect(await codeOf(returnFromSite(engineer, order.id))).toBe("WORK_ORDER_CONFLICT");
  });

  it("C077 a customer not satisfied at the callback reopens the ticket and the visit is repeated", async () => {
    const { ticket, purchase, order } = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, order.id, { workDone: "紧固接线" });
    await completeWorkOrder(engineer, order.id, { noSignatureReason: "客户不在现场，由门卫确认" });
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      satisfied: false,
      text: "还是不亮",
    });
    expect((await loadTicket(agent.db, agent, ticket.id)).status).toBe("in_progress");
    const orders = await database.db.select().from(workOrders).where(eq(workOrders.ticketId, ticket.id));
    const repeat = orders.find((o) => o.id !== order.id)!;
    expect(repeat).toMatchObject({
      status: "pending",
      previousWorkOrderId: order.id,
      serialNo: purchase.serialNo,
    });
    const [task] = await database.db
      .select()
      .from(callbackTasks)
      .where(eq(callbackTasks.ticketId, ticket.id));
    expect(task).toMatchObject({ status: "done", satisfied: false, result: "还是不亮" });
  });

  it("C077 a visit repeated after the warranty ended since is free like the visit it repeats", async () => {
    const { ticket, purchase, order } = await dispatchedRepair(700, true);
    await saveServiceReport(engineer, order.id, { workDone: "紧固接线" });
    await completeWorkOrder(engineer, order.id, { noSignatureReason: "客户不在现场，由门卫确认" });
    expect(order.chargeable).toBe(false);
    // Some days later the unit's two years are over; the customer, called back, is not satisfied.
    await database.db
      .update(purchases)
      .set({ warrantyEndsOn: isoDaysAgo(1) })
      .where(eq(purchases.id, purchase.id));
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      satisfied: false,
      text: "又不亮了",
    });
    const repeat = (
      await database.db.select().from(workOrders).where(eq(workOrders.ticketId, ticket.id))
    ).find((o) => o.id !== order.id)!;
    expect(repeat).toMatchObject({ chargeable: false, previousWorkOrderId: order.id });
    expect(repeat.chargeableReason).toContain("C077");
  });

  it("C077 signing as not satisfied sends someone again at once", async () => {
    const { ticket, order } = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, order.id, { workDone: "更换灯珠" });
    await signWorkOrder(engineer, order.id, {
      signerName: "李经理",
      opinion: "亮度不够",
      satisfied: false,
      image: PNG_DATA_URL,
    });
    await completeWorkOrder(engineer, order.id, {});
    const orders = await database.db.select().from(workOrders).where(eq(workOrders.ticketId, ticket.id));
    expect(orders.filter((o) => o.status === "pending" && o.previousWorkOrderId === order.id)).toHaveLength(
      1,
    );
    expect((await loadTicket(agent.db, agent, ticket.id)).status).toBe("in_progress");
  });

  it("C076 chargeable work is settled with labour, parts and travel in fen; finance confirms once", async () => {
    const part = await partInStock("LED", 12_000, 3);
    const { order } = await dispatchedRepair(900, true);
    await recordPartUse(engineer, order.id, { partId: part.id, quantity: 2 });
    await saveServiceReport(engineer, order.id, { workDone: "更换灯珠模组 2 件" });
    await signWorkOrder(engineer, order.id, { signerName: "李经理", satisfied: true, image: PNG_DATA_URL });
    await completeWorkOrder(engineer, order.id, { labourFen: 20_000, travelFen: 5_000 });
    const pending = await listSettlements(finance, {});
    const row = pending.items.find((i) => i.id === order.id)!;
    expect(row).toMatchObject({ partsFen: 24_000, labourFen: 20_000, travelFen: 5_000, totalFen: 49_000 });
    expect(await codeOf(confirmSettlement(dispatcher, order.id, { voucherNo: "X" }))).toBe("FORBIDDEN");
    await confirmSettlement(finance, order.id, { voucherNo: "SK-2026-118" });
    expect(await codeOf(confirmSettlement(finance, order.id, { voucherNo: "SK-2026-118" }))).toBe(
      "SETTLEMENT_NOT_PENDING",
    );
  });

  it("an engineer and finance see the customers whose visits they make or settle, not the company's customer base", async () => {
    const { ticket, order } = await dispatchedRepair(900, true);
    const other = await repairTicket(100);
    const seen = async (who: Staff) => (await listCustomers(who, { pageSize: 200 })).items.map((c) => c.id);
    expect(await seen(engineer)).toContain(ticket.customerId);
    expect(await seen(engineer)).not.toContain(other.ticket.customerId);
    expect((await getCustomer360(engineer, ticket.customerId!)).customer.id).toBe(ticket.customerId);
    expect(await codeOf(getCustomer360(engineer, other.ticket.customerId!))).toBe("CUSTOMER_NOT_FOUND");
    expect(await codeOf(getCustomer360(farEngineer, ticket.customerId!))).toBe("CUSTOMER_NOT_FOUND");
    // Finance meets the customer once there is money to settle, with the ticket it links to.
    expect(await seen(finance)).not.toContain(ticket.customerId);
    await saveServiceReport(engineer, order.id, { workDone: "更换驱动" });
    await completeWorkOrder(engineer, order.id, { labourFen: 10_000, noSignatureReason: "客户外出" });
    expect(await seen(finance)).toContain(ticket.customerId);
    expect(await seen(finance)).not.toContain(other.ticket.customerId);
    expect((await loadTicket(finance.db, finance, ticket.id)).id).toBe(ticket.id);
  });

  it("a declined work order goes back to the board; a cancelled one gives its parts back", async () => {
    const part = await partInStock("FUSE", 100, 2);
    const { order } = await dispatchedRepair(100, false);
    const declined = await respondToWorkOrder(engineer, order.id, { accept: false, reason: "当天在外地" });
    expect(declined).toMatchObject({ status: "pending", engineerId: null, declineCount: 1 });
    await planPart(dispatcher, order.id, { partId: part.id, quantity: 2 });
    expect(await codeOf(planPart(dispatcher, order.id, { partId: part.id, quantity: 1 }))).toBe(
      "STOCK_INSUFFICIENT",
    );
    await cancelWorkOrder(dispatcher, order.id, { reason: "客户自行修好" });
    expect((await listStock(dispatcher, points.华北)).find((s) => s.partId === part.id)).toMatchObject({
      onHand: 2,
      reserved: 0,
    });
  });

  it("C075 a product taken back gets a signed receipt and a register line until it is given back against the receipt", async () => {
    const { ticket, order } = await dispatchedRepair(100, true);
    expect((await getWorkOrder(engineer, order.id)).abilities.takeBack).toBe(true);
    expect(
      await codeOf(
        takeBackProduct(engineer, order.id, { signerName: "李经理", image: "data:image/png;base64,AAAA" }),
      ),
    ).toBe("SIGNATURE_INVALID");
    const receipt = await takeBackProduct(engineer, order.id, {
      signerName: "李经理",
      image: PNG_DATA_URL,
      accessories: "电源适配器 1 个",
      condition: "外壳有划痕",
      expectedBackOn: isoDaysAgo(-7),
    });
    expect(receipt).toMatchObject({ status: "received", product: "LED 路灯 X100", fault: "不亮" });
    expect(receipt.number).toMatch(/^FX-\d{6}-\d{4}$/);
    const [signature] = await database.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, receipt.signatureAttachmentId));
    expect(signature).toMatchObject({ workOrderId: order.id, mimeType: "image/png" });
    const taken = await getWorkOrder(engineer, order.id);
    expect(taken.status).toBe("in_workshop");
    expect(taken.returnedAt).not.toBeNull();
    // The ticket stays open while the product is away; the register shows it in.
    expect((await loadTicket(agent.db, agent, ticket.id)).status).toBe("in_progress");
    const register = await repairReturnRegister(dispatcher, { status: "received" });
    expect(register.items.find((i) => i.id === receipt.id)).toMatchObject({
      workOrderNumber: order.number,
      receivedByName: "韩工",
      returnedAt: null,
    });
    expect(await codeOf(repairReturnRegister(engineer, {}))).toBe("FORBIDDEN");

    // Not repaired yet: it cannot be given back.
    expect(await codeOf(giveBackProduct(engineer, receipt.id, { receiptTakenBack: true }))).toBe(
      "REPAIR_RETURN_CONFLICT",
    );
    await markRepaired(dispatcher, receipt.id, { repairNote: "更换驱动电源" });
    expect(await codeOf(markRepaired(engineer, receipt.id, { repairNote: "再修一次" }))).toBe(
      "REPAIR_RETURN_CONFLICT",
    );
    expect(await codeOf(giveBackProduct(engineer, receipt.id, { receiptTakenBack: false }))).toBe(
      "RECEIPT_NOT_TAKEN_BACK_REASON",
    );
    expect(await codeOf(giveBackProduct(dispatcher, receipt.id, { receiptTakenBack: true }))).toBe(
      "NOT_YOUR_WORK_ORDER",
    );
    await giveBackProduct(engineer, receipt.id, { receiptTakenBack: true });
    const back = await getRepairReturn(dispatcher, receipt.id);
    expect(back).toMatchObject({ status: "returned", receiptTakenBack: true, repairNote: "更换驱动电源" });
    expect(back.returnedAt).not.toBeNull();

    // On site again: the visit ends as any other, signed, and the ticket is resolved.
    await saveServiceReport(engineer, order.id, { workDone: "送还修复的灯具并安装调试" });
    await signWorkOrder(engineer, order.id, { signerName: "李经理", satisfied: true, image: PNG_DATA_URL });
    expect((await completeWorkOrder(engineer, order.id, {})).status).toBe("completed");
    expect((await loadTicket(agent.db, agent, ticket.id)).status).toBe("resolved");
  });

  it("C073 the service report is due 5 days after the return, reviewed by a supervisor, sent back with comments and archived; late ones are listed", async () => {
    const { order } = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, order.id, { workDone: "更换灯珠" });
    await signWorkOrder(engineer, order.id, { signerName: "李经理", satisfied: true, image: PNG_DATA_URL });
    await completeWorkOrder(engineer, order.id, {});
    expect(await codeOf(submitServiceReport(engineer, order.id))).toBe("WORK_ORDER_CONFLICT");
    const back = await returnFromSite(engineer, order.id);
    const today = localIsoDate(new Date(), (await officeCalendar(database.db, org.orgId)).timeZone);
    expect(back.reportDueOn).toBe(addDays(today, 5));
    expect((await getWorkOrder(engineer, order.id)).abilities).toMatchObject({
      editReport: true,
      submitReport: true,
    });

    await saveServiceReport(engineer, order.id, { workDone: "更换灯珠 3 颗", faultCause: "灯珠老化" });
    await submitServiceReport(engineer, order.id);
    expect(await codeOf(saveServiceReport(engineer, order.id, { workDone: "改" }))).toBe(
      "WORK_ORDER_CONFLICT",
    );
    expect((await serviceReportQueue(dispatcher, { queue: "submitted" })).items.map((i) => i.id)).toContain(
      order.id,
    );
    expect(await codeOf(reviewServiceReport(engineer, order.id, { approve: true }))).toBe("FORBIDDEN");
    expect(await codeOf(reviewServiceReport(dispatcher, order.id, { approve: false }))).toBe(
      "REASON_REQUIRED",
    );
    await reviewServiceReport(dispatcher, order.id, { approve: false, comment: "请补充修后测试结果" });
    const [note] = await database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, engineer.actor.userId),
          eq(notifications.kind, "service_report_returned"),
        ),
      );
    expect(note.body).toBe("请补充修后测试结果");
    await saveServiceReport(engineer, order.id, { workDone: "更换灯珠 3 颗", testResult: "通电 2 小时正常" });
    await submitServiceReport(engineer, order.id);
    const approved = await reviewServiceReport(dispatcher, order.id, { approve: true });
    expect(approved).toMatchObject({ reportStatus: "approved", testResult: "通电 2 小时正常" });
    expect(await codeOf(reviewServiceReport(dispatcher2, order.id, { approve: true }))).toBe(
      "WORK_ORDER_CONFLICT",
    );
    expect((await getWorkOrder(engineer, order.id)).abilities.editReport).toBe(false);

    // Another report, back six days ago and never handed in: overdue.
    const { order: late } = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, late.id, { workDone: "复位" });
    await completeWorkOrder(engineer, late.id, { noSignatureReason: "客户不在" });
    await returnFromSite(engineer, late.id);
    await database.db
      .update(workOrders)
      .set({ reportDueOn: addDays(today, -1) })
      .where(eq(workOrders.id, late.id));
    const overdue = await serviceReportQueue(dispatcher, { queue: "overdue" });
    expect(overdue.items.map((i) => i.id)).toEqual([late.id]);
  });

  it("C074 weeks run Monday to Sunday; months from the first to the last day; quarters of three months", () => {
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2026-12-01")).toBe("2026-11-30");
    expect(calendarPeriod("month", "2028-02-15")).toEqual({
      key: "2028-02",
      first: "2028-02-01",
      last: "2028-02-29",
    });
    // ISO weeks: the week of 31 Dec 2026 has its Thursday in 2026 (week 53); 2 Jan 2028 is in 2027's last week.
    expect(calendarPeriod("week", "2026-12-31")).toEqual({
      key: "2026-W53",
      first: "2026-12-28",
      last: "2027-01-03",
    });
    expect(calendarPeriod("week", "2026-11-24").key).toBe("2026-W48");
    expect(calendarPeriod("week", "2028-01-02").key).toBe("2027-W52");
    expect(calendarPeriod("quarter", "2026-11-24")).toEqual({
      key: "2026-Q4",
      first: "2026-10-01",
      last: "2026-12-31",
    });
    expect(calendarPeriod("quarter", "2026-02-10")).toEqual({
      key: "2026-Q1",
      first: "2026-01-01",
      last: "2026-03-31",
    });
  });

  it("C074 the weekly report counts the week's work orders, first-time fixes, repeat visits, revenue, parts and technical problems; its export is audited", async () => {
    const manager = await createStaff(database, org, "manager", { name: "周经理" });
    const today = localIsoDate(new Date(), (await officeCalendar(database.db, org.orgId)).timeZone);
    expect(await codeOf(fieldServiceReport(engineer, { day: today }))).toBe("FORBIDDEN");
    const before = await fieldServiceReport(manager, { day: today });

    const part = await partInStock("WK", 5_000, 2);
    const { order: fixed } = await dispatchedRepair(900, true);
    await recordPartUse(engineer, fixed.id, { partId: part.id, quantity: 1 });
    await saveServiceReport(engineer, fixed.id, {
      workDone: "更换驱动电源",
      technicalProblem: "同批次驱动电源三个月内第二次烧毁",
    });
    await signWorkOrder(engineer, fixed.id, { signerName: "李经理", satisfied: true, image: PNG_DATA_URL });
    await completeWorkOrder(engineer, fixed.id, { labourFen: 10_000, travelFen: 2_000 });
    const { order: again } = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, again.id, { workDone: "调整角度" });
    await signWorkOrder(engineer, again.id, { signerName: "王主任", satisfied: false, image: PNG_DATA_URL });
    await completeWorkOrder(engineer, again.id, {});
    await recordTechnicalOutcome(dispatcher, fixed.id, { outcome: "向供应商索赔并更换整批电源" });

    const after = await fieldServiceReport(manager, { day: today });
    expect(after.from).toBe(weekStart(today));
    const delta = (k: keyof typeof after.summary) => Number(after.summary[k]) - Number(before.summary[k]);
    expect({
      created: delta("created"),
      completed: delta("completed"),
      firstTimeFixed: delta("firstTimeFixed"),
      repeatVisits: delta("repeatVisits"),
      arrived: delta("arrived"),
      revenueFen: delta("revenueFen"),
    }).toEqual({
      created: 3,
      completed: 2,
      firstTimeFixed: 1,
      repeatVisits: 1,
      arrived: 2,
      revenueFen: 17_000,
    });
    expect(after.days.find((d) => d.day === today)!.completed).toBeGreaterThanOrEqual(2);
    expect(after.parts.find((p) => p.code === part.code)).toMatchObject({ used: 1 });
    expect(after.problems.find((p) => p.id === fixed.id)).toMatchObject({
      problem: "同批次驱动电源三个月内第二次烧毁",
      outcome: "向供应商索赔并更换整批电源",
      engineer: "韩工",
    });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exportFieldServiceReport(manager, { day: today })) as unknown as ExcelJS.Buffer,
    );
    const sheet = workbook.getWorksheet("技术问题")!;
    const rows = sheet.getSheetValues().flat().map(String);
    expect(rows).toContain("向供应商索赔并更换整批电源");
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "field_service.report_exported")));
    expect(audits).toHaveLength(1);
  });

  it("C069 arriving late without telling the customer first is a violation; telling them in time is not", async () => {
    const punctual = await createStaff(database, org, "engineer", { name: "卫工" });
    await placeEngineer(punctual, "华北", ["repair"]);
    const manager = await createStaff(database, org, "manager", { name: "蒋经理" });
    const appointed = async (minutesAgo: number) => {
      const { ticket, purchase } = await repairTicket(100);
      const order = await createWorkOrder(agent, ticket.id, {
        purchaseId: purchase.id,
        fault: "不亮",
        siteAddress: "北京市东城区 9 号",
      });
      await dispatchAppointmentPassed(order, punctual.actor.userId, minutesAgo);
      await respondToWorkOrder(punctual, order.id, { accept: true });
      return order;
    };
    // Late by 45 minutes, never said so: a violation the dispatchers hear of.
    const silent = await appointed(45);
    expect((await arriveOnSite(punctual, silent.id)).lateMinutes).toBeGreaterThanOrEqual(45);
    expect((await getWorkOrder(dispatcher, silent.id)).arrivals).toEqual([
      expect.objectContaining({
        outcome: "late",
        customerInformed: false,
        violation: true,
        engineer: "卫工",
      }),
    ]);
    const told = await database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, dispatcher.actor.userId),
          eq(notifications.kind, "arrival_late_uninformed"),
        ),
      );
    expect(told.map((n) => n.params)).toContainEqual(
      expect.objectContaining({ number: silent.number, engineer: "卫工" }),
    );

    // Told the customer before the appointment: late, but no violation; the customer got the new time.
    const { ticket, purchase } = await repairTicket(100);
    const warned = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "闪烁",
      siteAddress: "北京市东城区 10 号",
    });
    const appointment = new Date(Date.now() + 60 * 60_000);
    await dispatchWorkOrder(dispatcher, warned.id, {
      engineerId: punctual.actor.userId,
      appointmentAt: appointment,
    });
    // Only his engineer may: to anyone else's engineer the work order is not there.
    expect(await codeOf(notifyDelay(engineer, warned.id, { expectedAt: new Date() }))).toBe(
      "WORK_ORDER_NOT_FOUND",
    );
    expect(
      await codeOf(notifyDelay(punctual, warned.id, { expectedAt: new Date(appointment.getTime() - 1) })),
    ).toBe("DELAY_NOT_LATER");
    await notifyDelay(punctual, warned.id, {
      expectedAt: new Date(appointment.getTime() + 30 * 60_000),
      note: "前一单延误",
    });
    const sms = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.recipient, "13800001111")));
    expect(sms.some((m) => m.body.includes(ticket.number) && m.body.includes("晚于预约时间"))).toBe(true);
    await respondToWorkOrder(punctual, warned.id, { accept: true });
    // He arrives after the appointment (set back in the test).
    await database.db
      .update(workOrders)
      .set({
        appointmentAt: new Date(Date.now() - 20 * 60_000),
        delayNotifiedAt: new Date(Date.now() - 40 * 60_000),
      })
      .where(eq(workOrders.id, warned.id));
    await arriveOnSite(punctual, warned.id);
    expect((await getWorkOrder(dispatcher, warned.id)).arrivals).toEqual([
      expect.objectContaining({ outcome: "late", customerInformed: true, violation: false }),
    ]);

    const report = await fieldServiceReport(manager, { day: await officeToday(database.db, org.orgId) });
    expect(report.engineers.find((e) => e.engineer === "卫工")).toMatchObject({
      appointments: 2,
      arrived: 2,
      onTime: 0,
      late: 2,
      noShows: 0,
      violations: 1,
    });
  });

  it("C069 a missed appointment is recorded once, after it has passed, against the engineer; the customer gets the new time", async () => {
    const missing = await createStaff(database, org, "engineer", { name: "沈工" });
    await placeEngineer(missing, "华北", ["repair"]);
    const manager = await createStaff(database, org, "manager", { name: "韦经理" });
    const { ticket, purchase } = await repairTicket(100);
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "不亮",
      siteAddress: "北京市丰台区 3 号",
    });
    const soon = new Date(Date.now() + 60 * 60_000);
    await dispatchWorkOrder(dispatcher, order.id, { engineerId: missing.actor.userId, appointmentAt: soon });
    const next = new Date(Date.now() + 26 * 3_600_000);
    const noShow = { note: "客户来电：工程师未到", appointmentAt: next };
    expect(await codeOf(recordNoShow(dispatcher, order.id, noShow))).toBe("NO_SHOW_TOO_EARLY");
    expect((await getWorkOrder(dispatcher, order.id)).abilities.recordNoShow).toBe(false);

    await database.db
      .update(workOrders)
      .set({ appointmentAt: new Date(Date.now() - 3 * 3_600_000) })
      .where(eq(workOrders.id, order.id));
    expect((await getWorkOrder(dispatcher, order.id)).abilities.recordNoShow).toBe(true);
    expect(await codeOf(recordNoShow(engineer, order.id, noShow))).toBe("FORBIDDEN");
    expect(
      await codeOf(
        recordNoShow(dispatcher, order.id, { ...noShow, appointmentAt: new Date(Date.now() - 120_000) }),
      ),
    ).toBe("APPOINTMENT_IN_PAST");
    const results = await Promise.all([
      codeOf(recordNoShow(dispatcher, order.id, noShow)),
      codeOf(recordNoShow(dispatcher2, order.id, noShow)),
    ]);
    // The loser finds the work order changed, or its appointment already moved on.
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(["WORK_ORDER_CONFLICT", "NO_SHOW_TOO_EARLY"]).toContain(results.find((r) => r !== "OK"));
    const after = await getWorkOrder(dispatcher, order.id);
    expect(after.appointmentAt).toBe(next.toISOString());
    expect(after.arrivals).toEqual([
      expect.objectContaining({
        outcome: "no_show",
        violation: true,
        note: "客户来电：工程师未到",
        engineer: "沈工",
      }),
    ]);
    const sms = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.recipient, "13800001111")));
    expect(sms.filter((m) => m.body.includes(ticket.number) && m.body.includes("沈工"))).toHaveLength(2);

    // He comes at the new time: on time; the missed one stays on his record.
    await respondToWorkOrder(missing, order.id, { accept: true });
    await arriveOnSite(missing, order.id);
    const report = await fieldServiceReport(manager, {
      day: await officeToday(database.db, org.orgId),
      period: "month",
    });
    expect(report.engineers.find((e) => e.engineer === "沈工")).toMatchObject({
      appointments: 2,
      arrived: 1,
      onTime: 1,
      noShows: 1,
      violations: 1,
    });
  });

  it("C074 each engineer files a summary of this week or the last; the weekly report shows it and who has not filed", async () => {
    const manager = await createStaff(database, org, "manager", { name: "孔经理" });
    const today = localIsoDate(new Date(), (await officeCalendar(database.db, org.orgId)).timeZone);
    const summary = {
      week: today,
      workDone: "完成 6 单维修，2 次保养",
      problems: "X100 电源故障偏多",
      nextWeek: "朝阳区巡检",
    };
    expect(await codeOf(saveWeekSummary(dispatcher, summary))).toBe("FORBIDDEN");
    expect(await codeOf(saveWeekSummary(engineer, { ...summary, week: isoDaysAgo(15) }))).toBe(
      "WEEK_SUMMARY_CLOSED",
    );
    await saveWeekSummary(engineer, summary);
    await saveWeekSummary(engineer, { ...summary, workDone: "完成 7 单维修，2 次保养" });
    expect(await myWeekSummary(engineer, today)).toMatchObject({
      weekStart: weekStart(today),
      editable: true,
      workDone: "完成 7 单维修，2 次保养",
    });
    const report = await fieldServiceReport(manager, { day: today });
    expect(report.summaries.filter((x) => x.engineer === "韩工")).toEqual([
      {
        engineer: "韩工",
        weekStart: weekStart(today),
        workDone: "完成 7 单维修，2 次保养",
        problems: "X100 电源故障偏多",
        nextWeek: "朝阳区巡检",
      },
    ]);
    expect(report.engineers.find((e) => e.engineer === "韩工")?.summaryFiled).toBe(true);
    expect(report.engineers.find((e) => e.engineer === "卫工")?.summaryFiled).toBe(false);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exportFieldServiceReport(manager, { day: today })) as unknown as ExcelJS.Buffer,
    );
    expect(workbook.getWorksheet("工程师周总结")!.getSheetValues().flat().map(String)).toContain(
      "完成 7 单维修，2 次保养",
    );
  });

  it("C081 each kind of work carries its checklist and targets; an installation is tracked before, during and after", async () => {
    const manager = await createStaff(database, org, "manager", { name: "严经理" });
    // Without settings of its own a repair gets the default checklist and targets.
    const { ticket, purchase } = await repairTicket(100);
    const repair = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "不亮",
      siteAddress: "北京市西城区 8 号",
    });
    expect(repair.checklist.map((c) => c.label)).toEqual(
      DEFAULT_KIND_SETTINGS.repair.checklist.map((c) => c.label),
    );
    const hoursTo = (at: Date | null, from = repair) =>
      (at!.getTime() - from.createdAt.getTime()) / 3_600_000;
    // One job, one on-site deadline: the repair ticket's own (3 working days on the office calendar, C040).
    const onSiteDue = async (ticketId: string) =>
      (
        await database.db
          .select({ dueAt: ticketSlaClocks.dueAt })
          .from(ticketSlaClocks)
          .where(and(eq(ticketSlaClocks.ticketId, ticketId), eq(ticketSlaClocks.metric, "on_site")))
      )[0]?.dueAt;
    expect(repair.arriveBy).toEqual(await onSiteDue(ticket.id));
    expect(hoursTo(repair.arriveBy)).toBeGreaterThan(24);
    expect(Math.round(hoursTo(repair.completeBy))).toBe(48);
    // A ticket whose time limits set no on-site target (an inquiry) takes the kind's 24 hours.
    const inquiry = await createTestTicket(agent, { type: "inquiry", title: "咨询后需上门" });
    expect(await onSiteDue(inquiry.id)).toBeUndefined();
    const visit = await createWorkOrder(agent, inquiry.id, {
      product: "LED 路灯 X100",
      fault: "上门查看",
      siteAddress: "北京市西城区 8 号",
      chargeable: true,
    });
    expect(Math.round(hoursTo(visit.arriveBy, visit))).toBe(24);

    const install = {
      checklist: [
        { label: "确认现场具备安装条件", phase: "before" as const, required: true },
        { label: "安装并通电调试", phase: "during" as const, required: true },
        { label: "拍照留存", phase: "during" as const, required: false },
        { label: "培训客户操作人员", phase: "after" as const, required: true },
      ],
      arrivalHours: null,
      completionHours: 96,
    };
    expect(await codeOf(saveKindSettings(dispatcher, "install", install))).toBe("FORBIDDEN");
    await saveKindSettings(manager, "install", install);
    expect((await listKindSettings(manager)).find((k) => k.kind === "install")).toMatchObject({
      isDefault: false,
      completionHours: 96,
    });
    const site = await repairTicket(10);
    const order = await createWorkOrder(agent, site.ticket.id, {
      kind: "install",
      purchaseId: site.purchase.id,
      fault: "新装路灯 20 套",
      siteAddress: "北京市西城区 9 号",
    });
    expect(order.arriveBy).toEqual(await onSiteDue(site.ticket.id));
    await dispatchWorkOrder(dispatcher, order.id, {
      engineerId: engineer.actor.userId,
      appointmentAt: new Date(),
    });
    await respondToWorkOrder(engineer, order.id, { accept: true });
    // Before the visit: the preparations, not the work itself.
    await tickChecklistItem(engineer, order.id, { index: 0, done: true });
    expect(await codeOf(tickChecklistItem(engineer, order.id, { index: 1, done: true }))).toBe(
      "CHECKLIST_ITEM_CLOSED",
    );
    expect(await codeOf(tickChecklistItem(dispatcher, order.id, { index: 0, done: false }))).not.toBe("OK");
    await arriveOnSite(engineer, order.id);
    await saveServiceReport(engineer, order.id, { workDone: "安装 20 套并调试" });
    await signWorkOrder(engineer, order.id, { signerName: "刘主任", satisfied: true, image: PNG_DATA_URL });
    const refused = await completeWorkOrder(engineer, order.id, {}).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: "CHECKLIST_INCOMPLETE", params: { items: "安装并通电调试" } });
    await tickChecklistItem(engineer, order.id, { index: 1, done: true });
    await completeWorkOrder(engineer, order.id, {});
    await returnFromSite(engineer, order.id);
    // After the installation: the follow-up, before the report goes to the supervisor.
    expect(await codeOf(submitServiceReport(engineer, order.id))).toBe("CHECKLIST_INCOMPLETE");
    await tickChecklistItem(engineer, order.id, { index: 3, done: true });
    await submitServiceReport(engineer, order.id);
    expect(await codeOf(tickChecklistItem(engineer, order.id, { index: 2, done: true }))).toBe(
      "CHECKLIST_ITEM_CLOSED",
    );
    const done = await getWorkOrder(dispatcher, order.id);
    expect(done.checklist.map((c) => Boolean(c.doneAt))).toEqual([true, true, false, true]);

    // Back to the defaults; the work order written keeps its own.
    await resetKindSettings(manager, "install");
    expect((await listKindSettings(manager)).find((k) => k.kind === "install")?.isDefault).toBe(true);
    expect((await getWorkOrder(dispatcher, order.id)).checklist).toHaveLength(4);
  });

  it("C065 a repair solved by phone is resolved 远程, one that needed a visit 上门; the report counts both", async () => {
    const manager = await createStaff(database, org, "manager", { name: "邹经理" });
    const today = localIsoDate(new Date(), (await officeCalendar(database.db, org.orgId)).timeZone);
    const before = (await fieldServiceReport(manager, { day: today })).summary;
    const { ticket } = await repairTicket(100);
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    const byPhone = await changeTicketStatus(agent, ticket.id, {
      action: "resolve",
      text: "电话指导客户复位漏电开关后恢复",
    });
    expect(byPhone.resolutionMode).toBe("remote");
    const visited = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, visited.order.id, { workDone: "更换驱动电源" });
    await completeWorkOrder(engineer, visited.order.id, { noSignatureReason: "客户外出" });
    const onSite = await loadTicket(agent.db, agent, visited.ticket.id);
    expect(onSite).toMatchObject({ status: "resolved", resolutionMode: "on_site" });
    const after = (await fieldServiceReport(manager, { day: today })).summary;
    expect(after.resolvedRemotely - before.resolvedRemotely).toBe(1);
    expect(after.resolvedOnSite - before.resolvedOnSite).toBe(1);
  });

  it("C066 a work order's way from 受理 to 归档 is timestamped with who took each step", async () => {
    const supervisor = await createStaff(database, org, "manager", { name: "陶经理" });
    const { ticket, order } = await dispatchedRepair(900, true);
    const stages = async () =>
      (await getWorkOrder(dispatcher, order.id)).progress.map((p) => [p.stage, Boolean(p.at), p.by]);
    expect(await stages()).toEqual([
      ["received", true, "王客服"],
      ["dispatched", true, "冯派工"],
      ["accepted", true, "韩工"],
      ["arrived", true, "韩工"],
      ["confirmed", false, null],
      ["completed", false, null],
      ["settled", false, null],
      ["evaluated", false, null],
      ["archived", false, null],
    ]);
    await saveServiceReport(engineer, order.id, { workDone: "更换驱动电源" });
    await signWorkOrder(engineer, order.id, { signerName: "李经理", satisfied: true, image: PNG_DATA_URL });
    await completeWorkOrder(engineer, order.id, { labourFen: 8_000 });
    await confirmSettlement(finance, order.id, { voucherNo: "SK-2026-066" });
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      satisfied: true,
      text: "客户满意",
    });
    await returnFromSite(engineer, order.id);
    await submitServiceReport(engineer, order.id);
    await reviewServiceReport(supervisor, order.id, { approve: true });
    expect((await stages()).slice(4)).toEqual([
      ["confirmed", true, "李经理"],
      ["completed", true, "韩工"],
      ["settled", true, "财务钱"],
      ["evaluated", true, "王客服"],
      ["archived", true, "陶经理"],
    ]);
    // Free work has nothing to settle.
    const free = await dispatchedRepair(100, true);
    await saveServiceReport(engineer, free.order.id, { workDone: "紧固接线" });
    await completeWorkOrder(engineer, free.order.id, { noSignatureReason: "客户外出" });
    const settled = (await getWorkOrder(dispatcher, free.order.id)).progress.find(
      (p) => p.stage === "settled",
    );
    expect(settled).toMatchObject({ at: null, skipped: true });
  });

  it("C068 costly on-site work waits for the 联络单's approver before dispatch; refused, it is cancelled", async () => {
    const manager = await createStaff(database, org, "manager", { name: "郑经理" });
    const gm = await createStaff(database, org, "general_manager", { name: "陈总" });
    const rule = { kind: "repair" as const, minEstimateFen: 100_000, approverRole: "general_manager" };
    expect(await codeOf(addApprovalRule(dispatcher, rule))).toBe("FORBIDDEN");
    expect(await codeOf(addApprovalRule(manager, { ...rule, approverRole: "nobody" }))).toBe(
      "VALIDATION_FAILED",
    );
    const saved = await addApprovalRule(manager, rule);
    const repairFor = async (estimateFen: number) => {
      const { ticket, purchase } = await repairTicket(100);
      return createWorkOrder(agent, ticket.id, {
        purchaseId: purchase.id,
        fault: "灯杆倾斜需更换",
        siteAddress: "北京市西城区 7 号",
        estimateFen,
      });
    };
    const cheap = await repairFor(50_000);
    expect(cheap.approvalStatus).toBeNull();
    const costly = await repairFor(200_000);
    expect(costly).toMatchObject({ approvalStatus: "pending", approverRole: "general_manager" });
    const [asked] = await database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, gm.actor.userId), eq(notifications.kind, "dispatch_approval_requested")),
      );
    expect(asked.params).toMatchObject({ number: costly.number });
    const assign = { engineerId: engineer.actor.userId, appointmentAt: new Date() };
    expect(await codeOf(dispatchWorkOrder(dispatcher, costly.id, assign))).toBe("DISPATCH_APPROVAL_PENDING");
    expect((await getWorkOrder(dispatcher, costly.id)).abilities).toMatchObject({
      dispatch: false,
      approve: false,
    });
    expect((await getWorkOrder(gm, costly.id)).abilities.approve).toBe(true);
    expect(await codeOf(decideApproval(dispatcher, costly.id, { approve: true }))).toBe("FORBIDDEN");
    await decideApproval(gm, costly.id, { approve: true, note: "同意更换" });
    expect((await dispatchWorkOrder(dispatcher, costly.id, assign)).status).toBe("assigned");

    const refused = await repairFor(300_000);
    expect(await codeOf(decideApproval(gm, refused.id, { approve: false }))).toBe("REASON_REQUIRED");
    const cancelled = await decideApproval(gm, refused.id, { approve: false, note: "先走保险理赔" });
    expect(cancelled).toMatchObject({ status: "cancelled", approvalStatus: "rejected" });
    await deleteApprovalRule(manager, saved.id);
    expect((await repairFor(300_000)).approvalStatus).toBeNull();
  });

  it("C084 a recall selects units by product and serial range, tells each customer once and gives every unit its free work order, tracked to completion", async () => {
    const { ticket: first } = await repairTicket(300);
    const { ticket: second } = await repairTicket(300);
    for (const [customer, serial] of [
      [first.customerId!, "RC-0001"],
      [first.customerId!, "RC-0002"],
      [second.customerId!, "RC-0003"],
      [second.customerId!, "RC-0009"],
    ])
      await addPurchase(agent, customer, { product: "LED 路灯 X100", model: "X100-150W", serialNo: serial });
    const criteria = { product: "X100", serialFrom: "RC-0001", serialTo: "RC-0003" };
    expect(await codeOf(previewRecall(engineer, criteria))).toBe("FORBIDDEN");
    const preview = await previewRecall(dispatcher, criteria);
    expect(preview.units.map((u) => u.serialNo).sort()).toEqual(["RC-0001", "RC-0002", "RC-0003"]);
    expect(
      await codeOf(launchRecall(dispatcher, { ...criteria, serialFrom: "ZZ", title: "x", reason: "y" })),
    ).toBe("RECALL_NO_UNITS");
    const campaign = await launchRecall(dispatcher, {
      ...criteria,
      title: "X100 驱动电源召回",
      reason: "2025 年批次驱动电源存在过热隐患",
    });
    expect(campaign.number).toMatch(/^ZH-\d{6}-\d{4}$/);
    const detail = await getRecall(agent, campaign.id);
    expect(detail.units).toHaveLength(3);
    expect(detail.units.every((u) => u.status === "pending" && !u.chargeable)).toBe(true);
    const notices = (
      await database.db.select().from(outboxMessages).where(eq(outboxMessages.orgId, org.orgId))
    ).filter((m) => m.subject?.includes(campaign.number));
    expect(notices).toHaveLength(2);

    const one = detail.units[0];
    await dispatchWorkOrder(dispatcher, one.id, {
      engineerId: engineer.actor.userId,
      appointmentAt: new Date(),
    });
    await respondToWorkOrder(engineer, one.id, { accept: true });
    await arriveOnSite(engineer, one.id);
    await saveServiceReport(engineer, one.id, { workDone: "更换召回批次驱动电源" });
    await completeWorkOrder(engineer, one.id, { noSignatureReason: "客户不在现场" });
    expect((await listRecalls(agent)).find((r) => r.id === campaign.id)).toMatchObject({
      units: 3,
      completed: 1,
    });
  });

  it("C079 a tool whose check is overdue warns the dispatcher; a check clears it; a tool lent to a customer is tracked until returned", async () => {
    const code = `MEG-${Math.random().toString(36).slice(2, 6)}`;
    const tool = { code, name: "兆欧表", holderId: engineer.actor.userId, checkIntervalDays: 180 };
    expect(await codeOf(addTool(engineer, tool))).toBe("FORBIDDEN");
    const added = await addTool(dispatcher, { ...tool, lastCheckedOn: isoDaysAgo(200) });
    expect(await codeOf(addTool(dispatcher, tool))).toBe("TOOL_CODE_TAKEN");
    const { order } = await dispatchedRepair(100, false);
    await respondToWorkOrder(engineer, order.id, { accept: false, reason: "工具待检" });
    const warned = (await suggestEngineers(dispatcher, order.id)).find(
      (e) => e.id === engineer.actor.userId,
    )!;
    expect(warned.overdueTools).toContain("兆欧表");
    expect((await listTools(dispatcher, { attention: true })).map((t) => t.code)).toContain(code);
    expect(toolListQuery.parse({ attention: "false" })).toEqual({ attention: false });

    const today = localIsoDate(new Date(), (await officeCalendar(database.db, org.orgId)).timeZone);
    await recordToolCheck(dispatcher, added.id, { checkedOn: today });
    const checked = (await suggestEngineers(dispatcher, order.id)).find(
      (e) => e.id === engineer.actor.userId,
    )!;
    expect(checked.overdueTools).not.toContain("兆欧表");

    const { ticket } = await repairTicket(100);
    await lendTool(dispatcher, added.id, { customerId: ticket.customerId!, dueBackOn: addDays(today, 7) });
    expect(
      await codeOf(lendTool(dispatcher, added.id, { customerId: ticket.customerId!, dueBackOn: today })),
    ).toBe("TOOL_LENT");
    expect((await listTools(dispatcher, {})).find((t) => t.id === added.id)).toMatchObject({
      nextCheckOn: addDays(today, 180),
      lentToCustomerId: ticket.customerId,
      loanOverdue: false,
    });
    await returnTool(dispatcher, added.id);
    expect((await listTools(dispatcher, {})).find((t) => t.id === added.id)?.lentToCustomerId).toBeNull();
  });
});
