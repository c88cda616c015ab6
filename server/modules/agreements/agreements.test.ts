import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agreementVisitDates } from "../../../common/field-service";
import type { Database } from "../../db/client";
import {
  agreementVisits,
  businessCalendars,
  notifications,
  outboxMessages,
  ticketEvents,
  ticketSlaClocks,
  tickets,
  workOrders,
} from "../../db/schema";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  type TestOrg,
  testDatabase,
} from "../../test/factories";
import { addPurchase } from "../customers/contacts-and-purchases";
import { createWorkOrder } from "../field-service/create-work-order";
import { dispatchWorkOrder } from "../field-service/dispatch";
import {
  arriveOnSite,
  completeWorkOrder,
  respondToWorkOrder,
  saveServiceReport,
} from "../field-service/engineer";
import { createAgreement, getAgreement, listAgreements, terminateAgreement } from "./agreements";
import { runAgreementSchedule } from "./schedule";

let database: Database;
let org: TestOrg;
type Staff = Awaited<ReturnType<typeof createStaff>>;
let agent: Staff;
let dispatcher: Staff;
let engineer: Staff;

const isoDaysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });

/** A customer (with a mobile contact) and a ticket of theirs. */
async function customerWithTicket(name: string) {
  const ticket = await createTestTicket(agent, {
    type: "repair",
    title: "设备报修",
    newCustomer: { name: `${name}${Math.random().toString(36).slice(2, 6)}`, phone: "13800002222" },
  });
  return { ticket, customerId: ticket.customerId! };
}

const agreementFor = (customerId: string, overrides: Record<string, unknown> = {}) =>
  createAgreement(dispatcher, {
    contractNo: `HT-${Math.random().toString(36).slice(2, 8)}`,
    customerId,
    title: "中央空调维保",
    startsOn: isoDaysFromNow(-25),
    endsOn: isoDaysFromNow(340),
    visitKind: "maintenance",
    visitsPerYear: 12,
    leadDays: 7,
    siteAddress: "上海市浦东新区世纪大道 100 号",
    ownerId: agent.actor.userId,
    ...overrides,
  });

beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
  agent = await createStaff(database, org, "agent", { name: "王客服" });
  dispatcher = await createStaff(database, org, "dispatcher", { name: "冯派工" });
  engineer = await createStaff(database, org, "engineer", { name: "韩工" });
});

describe("service agreements", () => {
  it("C080 visits are spread evenly over the term: by months when they divide a year, else by days", () => {
    expect(agreementVisitDates("2026-01-31", "2026-12-31", 4)).toEqual([
      "2026-04-30",
      "2026-07-31",
      "2026-10-31",
    ]);
    expect(agreementVisitDates("2026-01-01", "2026-12-31", 5)).toEqual([
      "2026-03-15",
      "2026-05-27",
      "2026-08-08",
      "2026-10-20",
    ]);
    expect(agreementVisitDates("2026-01-01", "2026-12-31", 0)).toEqual([]);
  });

  it("C080 a visit within its lead time becomes one maintenance work order, even with two servers scheduling, and the customer is reminded", async () => {
    const { customerId } = await customerWithTicket("浦东大厦");
    const agreement = await agreementFor(customerId);
    expect(agreement.contractNo).toMatch(/^HT-/);
    expect(await codeOf(agreementFor(customerId, { contractNo: agreement.contractNo }))).toBe(
      "AGREEMENT_CONTRACT_TAKEN",
    );
    expect(await codeOf(agreementFor(customerId, { endsOn: isoDaysFromNow(-30) }))).toBe("VALIDATION_FAILED");
    expect(await codeOf(createAgreement(agent, { ...agreement, contractNo: "X" }))).toBe("FORBIDDEN");

    await Promise.all([runAgreementSchedule(database.db), runAgreementSchedule(database.db)]);
    const visits = await database.db
      .select()
      .from(agreementVisits)
      .where(eq(agreementVisits.agreementId, agreement.id));
    // Monthly from 25 days ago: the first visit is in about 5 days, within the 7 days' lead; the next is not.
    const made = visits.filter((v) => v.workOrderId);
    expect(made.map((v) => v.seq)).toEqual([1]);
    const [order] = await database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, made[0].workOrderId!));
    expect(order).toMatchObject({ kind: "maintenance", status: "pending", chargeable: false, customerId });
    const [ticket] = await database.db.select().from(tickets).where(eq(tickets.id, order.ticketId));
    expect(ticket).toMatchObject({ assigneeId: agent.actor.userId, customerId });
    const reminders = (await database.db.select().from(outboxMessages)).filter((m) =>
      m.body.includes(agreement.contractNo),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ channel: "sms", recipient: "13800002222" });
    expect(reminders[0].body).toContain(made[0].dueOn);

    // The visit done: the fulfilment report counts it once its day has come.
    await dispatchWorkOrder(dispatcher, order.id, {
      engineerId: engineer.actor.userId,
      appointmentAt: new Date(),
    });
    await respondToWorkOrder(engineer, order.id, { accept: true });
    await arriveOnSite(engineer, order.id);
    await saveServiceReport(engineer, order.id, { workDone: "清洗滤网，检查冷媒压力" });
    await completeWorkOrder(engineer, order.id, { noSignatureReason: "客户值班人员不在" });
    const detail = await getAgreement(agent, agreement.id);
    expect(detail.visits[0]).toMatchObject({
      workOrderNumber: order.number,
      workOrderStatus: "completed",
      onTime: true,
    });
    expect(detail.state).toBe("active");

    // Terminated: no further visit is made.
    await terminateAgreement(dispatcher, agreement.id, { reason: "客户不再续约" });
    expect(await codeOf(terminateAgreement(dispatcher, agreement.id, { reason: "再次" }))).toBe(
      "AGREEMENT_ENDED",
    );
    await database.db
      .update(agreementVisits)
      .set({ dueOn: isoDaysFromNow(1) })
      .where(and(eq(agreementVisits.agreementId, agreement.id), eq(agreementVisits.seq, 2)));
    await runAgreementSchedule(database.db);
    const [second] = await database.db
      .select()
      .from(agreementVisits)
      .where(and(eq(agreementVisits.agreementId, agreement.id), eq(agreementVisits.seq, 2)));
    expect(second.workOrderId).toBeNull();
  });

  it("C082 C083 the agreement's warranty term decides warranty; arrivals are measured against its commitment", async () => {
    const { ticket, customerId } = await customerWithTicket("徐汇学校");
    const purchase = await addPurchase(agent, customerId, {
      product: "中央空调主机",
      deliveredOn: isoDaysFromNow(-30 * 30),
    });
    const agreement = await agreementFor(customerId, {
      warrantyMonths: 36,
      arrivalHours: 4,
      visitsPerYear: 0,
    });
    const order = await createWorkOrder(agent, ticket.id, {
      purchaseId: purchase.id,
      fault: "制冷效果差",
      siteAddress: "上海市徐汇区 1 号",
    });
    // 30 months after delivery: out of the default 2 years, inside the agreement's 3.
    expect(order).toMatchObject({ inWarranty: true, chargeable: false });
    await dispatchWorkOrder(dispatcher, order.id, {
      engineerId: engineer.actor.userId,
      appointmentAt: new Date(),
    });
    await respondToWorkOrder(engineer, order.id, { accept: true });
    await arriveOnSite(engineer, order.id);
    const detail = await getAgreement(agent, agreement.id);
    expect(detail.fulfilment).toMatchObject({ visitsDue: 0, arrivals: 1, arrivalsMet: 1 });
    const listed = await listAgreements(agent, { customerId });
    expect(listed.items.map((a) => a.id)).toEqual([agreement.id]);
  });

  it("C082 the agreement's response and arrival hours are the customer's SLA targets, in natural hours", async () => {
    const { customerId } = await customerWithTicket("静安医院");
    await agreementFor(customerId, { responseHours: 2, arrivalHours: 6, visitsPerYear: 0 });
    const ticket = await createTestTicket(agent, {
      type: "repair",
      title: "空调不制冷",
      customerId,
      newCustomer: undefined,
    });
    const clocks = await database.db
      .select({
        metric: ticketSlaClocks.metric,
        targetMinutes: ticketSlaClocks.targetMinutes,
        is24x7: businessCalendars.is24x7,
      })
      .from(ticketSlaClocks)
      .innerJoin(businessCalendars, eq(businessCalendars.id, ticketSlaClocks.calendarId))
      .where(eq(ticketSlaClocks.ticketId, ticket.id));
    expect(clocks.find((c) => c.metric === "first_response")).toEqual({
      metric: "first_response",
      targetMinutes: 120,
      is24x7: true,
    });
    expect(clocks.find((c) => c.metric === "on_site")).toEqual({
      metric: "on_site",
      targetMinutes: 360,
      is24x7: true,
    });
    // The other targets stay the policy's.
    const other = await customerWithTicket("普陀商场");
    const [policyClock] = await database.db
      .select({ targetMinutes: ticketSlaClocks.targetMinutes })
      .from(ticketSlaClocks)
      .where(and(eq(ticketSlaClocks.ticketId, other.ticket.id), eq(ticketSlaClocks.metric, "resolution")));
    const resolution = clocks.find((c) => c.metric === "resolution");
    expect(resolution?.targetMinutes).toBe(policyClock.targetMinutes);
    const [applied] = await database.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, "sla_applied")));
    expect(applied.data).toMatchObject({ agreement: expect.stringMatching(/^HT-/) });
  });

  it("C082 an agreement ending within 30 days is flagged once to its owner and the dispatchers", async () => {
    const { customerId } = await customerWithTicket("闵行工厂");
    const agreement = await agreementFor(customerId, { endsOn: isoDaysFromNow(20), visitsPerYear: 0 });
    await runAgreementSchedule(database.db);
    await runAgreementSchedule(database.db);
    const notes = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "agreement_expiring"), eq(notifications.userId, agent.actor.userId)));
    expect(
      notes.filter((n) => (n.params as Record<string, string>)?.contractNo === agreement.contractNo),
    ).toHaveLength(1);
    const toDispatcher = await database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.kind, "agreement_expiring"), eq(notifications.userId, dispatcher.actor.userId)),
      );
    expect(
      toDispatcher.some((n) => (n.params as Record<string, string>)?.contractNo === agreement.contractNo),
    ).toBe(true);
  });
});
