import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { addDays, addMonths } from "../../../common/field-service";
import {
  auditLog,
  callbackSamples,
  callbackTasks,
  contacts,
  customerCallbacks,
  customers,
  notifications,
  purchases,
  serviceAgreements,
  surveyInvitations,
  surveyResponses,
  ticketSlaClocks,
  tickets,
} from "../../db/schema";
import {
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  defaultAnswers,
  setupTestOrg,
  type TestOrg,
} from "../../test/factories";
import { answerSurvey } from "../surveys/answers";
import { updateSurveySettings } from "../surveys/settings";
import { changeTicketStatus } from "../tickets/change-status";
import { listCustomerCallbacks, recordCustomerCallback } from "./customer-calls";
import { drawCustomerLists } from "./customer-lists";
import { listFollowUps } from "./follow-ups";
import { callbackReconciliation, exportCallbackReconciliation } from "./reconciliation";
import { drawOf } from "./sample";

const env = setupTestOrg();
const db = () => env.database.db;
/** Noon in Shanghai on a local day. */
const noonOf = (day: string) => new Date(`${day}T12:00:00+08:00`);
const TODAY = "2026-11-18";

async function aCustomer(org: TestOrg, values: Partial<typeof customers.$inferInsert> = {}) {
  const [c] = await db()
    .insert(customers)
    .values({ orgId: org.orgId, kind: "enterprise", name: "华东照明工程公司", ...values })
    .returning();
  await db()
    .insert(contacts)
    .values({ orgId: org.orgId, customerId: c.id, name: "钱经理", mobile: "13900001111", isPrimary: true });
  return c;
}

const entriesOf = (orgId: string, list?: string) =>
  db()
    .select()
    .from(customerCallbacks)
    .where(
      and(eq(customerCallbacks.orgId, orgId), list ? eq(customerCallbacks.list, list as never) : undefined),
    );

async function listRules(
  org: TestOrg,
  rules: {
    sampleShare?: number;
    dormantMonths?: number;
    reminderLeadDays?: number;
    projectCallbacks?: boolean;
  },
) {
  const admin = await createStaff(env.database, org, "admin");
  await updateSurveySettings(admin, {
    samplingRates: { P1: 0.8, P2: 0.5, P3: 0.2, P4: 0.05 },
    satisfactionTarget: 0.95,
    customerLists: {
      sampleShare: 0,
      dormantMonths: 6,
      reminderLeadDays: 30,
      projectCallbacks: false,
      ...rules,
    },
  });
}

describe("customer callback lists", () => {
  it("C089 each month a share of active customers is drawn once, at its rate, reproducibly from the stored seed", async () => {
    const org = await createOrg(env.database);
    await listRules(org, { sampleShare: 0.2 });
    const owner = await createStaff(env.database, org, "agent", { name: "严销售" });
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      orgId: org.orgId,
      kind: "enterprise" as const,
      name: `客户${i}`,
      ownerUserId: i % 2 ? owner.actor.userId : null,
    }));
    await db().insert(customers).values(rows);
    // Prospects are not customers yet: never drawn.
    await db()
      .insert(customers)
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          orgId: org.orgId,
          kind: "individual" as const,
          name: `潜在${i}`,
          grade: "potential" as const,
        })),
      );
    await drawCustomerLists(db(), org.orgId, noonOf(TODAY), "seed-2026-11");
    const drawn = await entriesOf(org.orgId, "monthly_sample");
    // Within five standard deviations of a binomial over 2,000 customers.
    expect(Math.abs(drawn.length / 2000 - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / 2000));
    expect(new Set(drawn.map((e) => e.dueOn))).toEqual(new Set(["2026-11-30"]));
    const [sample] = await db()
      .select()
      .from(callbackSamples)
      .where(and(eq(callbackSamples.orgId, org.orgId), eq(callbackSamples.kind, "customers")));
    expect(sample).toMatchObject({
      day: "2026-11-01",
      seed: "seed-2026-11",
      share: 0.2,
      population: 2000,
      drawn: drawn.length,
    });
    // The stored seed draws the very same customers again.
    const population = await db().select().from(customers).where(eq(customers.orgId, org.orgId));
    const again = population.filter(
      (c) => c.grade !== "potential" && drawOf(sample.seed, c.id) < sample.share!,
    );
    expect(new Set(again.map((c) => c.id))).toEqual(new Set(drawn.map((e) => e.customerId)));
    // Each goes to the customer's owner; nobody's to the callback desk.
    const byId = new Map(population.map((c) => [c.id, c]));
    for (const e of drawn) expect(e.assigneeId).toBe(byId.get(e.customerId)!.ownerUserId);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "callback.customers_sampled")));
    expect(audit.after).toMatchObject({ seed: "seed-2026-11", drawn: drawn.length });
    // Once a month, however often the servers look.
    await drawCustomerLists(db(), org.orgId, noonOf("2026-11-25"));
    expect(await entriesOf(org.orgId, "monthly_sample")).toHaveLength(drawn.length);
  });

  it("C090 customers silent for six months are called once, and again only after another silence", async () => {
    const org = await createOrg(env.database);
    await listRules(org, {});
    const agent = await createStaff(env.database, org, "agent");
    const quiet = await aCustomer(org, { name: "久未联系公司", createdAt: new Date("2026-03-01T00:00:00Z") });
    const recent = await aCustomer(org, {
      name: "近期来电公司",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    });
    const ticket = await createTestTicket(agent, { customerId: recent.id, newCustomer: undefined });
    await db()
      .update(tickets)
      .set({ createdAt: new Date("2026-09-01T00:00:00Z") })
      .where(eq(tickets.id, ticket.id));
    const fresh = await aCustomer(org, { name: "新客户" });

    await drawCustomerLists(db(), org.orgId, noonOf(TODAY));
    const [entry, ...more] = await entriesOf(org.orgId, "dormant");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      customerId: quiet.id,
      dueOn: TODAY,
      detail: { lastContact: "2026-03-01", months: 6 },
    });
    expect([recent.id, fresh.id]).not.toContain(entry.customerId);
    await drawCustomerLists(db(), org.orgId, noonOf(addDays(TODAY, 1)));
    expect(await entriesOf(org.orgId, "dormant")).toHaveLength(1);

    // Called: that is contact. Six months later, silent again, they come back.
    await recordCustomerCallback(agent, entry.id, {
      outcome: "answered",
      satisfied: true,
      note: "客户近期无需求",
    });
    await drawCustomerLists(db(), org.orgId, noonOf(addMonths(TODAY, 3)));
    expect(await entriesOf(org.orgId, "dormant")).toHaveLength(1);
    await drawCustomerLists(db(), org.orgId, noonOf(addMonths(TODAY, 7)));
    const again = await entriesOf(org.orgId, "dormant");
    expect(again.filter((e) => e.customerId === quiet.id)).toHaveLength(2);
  });

  it("C091 a warranty ending within the lead time is called about ahead, once; the agreement's term decides the end", async () => {
    const org = await createOrg(env.database);
    await listRules(org, { reminderLeadDays: 30 });
    const ending = await aCustomer(org, { name: "质保将到期公司" });
    await db()
      .insert(purchases)
      .values([
        {
          orgId: org.orgId,
          customerId: ending.id,
          product: "LED 面板灯",
          model: "PL-600",
          deliveredOn: "2024-12-01",
          warrantyEndsOn: "2026-12-01",
        },
        {
          orgId: org.orgId,
          customerId: ending.id,
          product: "LED 筒灯",
          model: "DL-4",
          deliveredOn: "2024-12-01",
          warrantyEndsOn: "2026-12-01",
        },
        // Ends later than the lead time: not yet.
        {
          orgId: org.orgId,
          customerId: ending.id,
          product: "应急灯",
          deliveredOn: "2025-06-01",
          warrantyEndsOn: "2027-06-01",
        },
      ]);
    // Delivered two years ago next week, but the agreement gives 36 months: not ending.
    const covered = await aCustomer(org, { name: "签约客户" });
    await db()
      .insert(purchases)
      .values({ orgId: org.orgId, customerId: covered.id, product: "投光灯", deliveredOn: "2024-11-25" });
    await db().insert(serviceAgreements).values({
      orgId: org.orgId,
      contractNo: "FW-2026-01",
      customerId: covered.id,
      title: "维保协议",
      startsOn: "2026-01-01",
      endsOn: "2027-12-31",
      warrantyMonths: 36,
      siteAddress: "上海市",
    });
    await drawCustomerLists(db(), org.orgId, noonOf(TODAY));
    const listed = await entriesOf(org.orgId, "warranty_due");
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ customerId: ending.id, dueOn: TODAY });
    expect(listed[0].detail).toMatchObject({ endsOn: "2026-12-01", unitCount: 2 });
    expect(listed[0].detail.units?.sort()).toEqual(["LED 筒灯 DL-4", "LED 面板灯 PL-600"].sort());
    await drawCustomerLists(db(), org.orgId, noonOf(addDays(TODAY, 2)));
    expect(await entriesOf(org.orgId, "warranty_due")).toHaveLength(1);
  });

  it("C092 a delivered project is called monthly in its first year and quarterly after, while under warranty", async () => {
    const org = await createOrg(env.database);
    await listRules(org, { projectCallbacks: true, reminderLeadDays: 1 });
    const young = await aCustomer(org, { name: "新项目公司" });
    const older = await aCustomer(org, { name: "老项目公司" });
    const expired = await aCustomer(org, { name: "过保公司" });
    await db()
      .insert(purchases)
      .values([
        // One order of two units: one project.
        {
          orgId: org.orgId,
          customerId: young.id,
          orderNo: "XS-001",
          product: "面板灯",
          deliveredOn: "2026-08-10",
        },
        {
          orgId: org.orgId,
          customerId: young.id,
          orderNo: "XS-001",
          product: "筒灯",
          deliveredOn: "2026-08-12",
        },
        {
          orgId: org.orgId,
          customerId: older.id,
          orderNo: "XS-002",
          product: "路灯",
          deliveredOn: "2025-06-05",
          warrantyEndsOn: "2028-06-05",
        },
        {
          orgId: org.orgId,
          customerId: expired.id,
          orderNo: "XS-003",
          product: "路灯",
          deliveredOn: "2023-01-05",
          warrantyEndsOn: "2025-01-05",
        },
      ]);
    await drawCustomerLists(db(), org.orgId, noonOf(TODAY));
    const listed = await entriesOf(org.orgId, "project");
    expect(listed.map((e) => [e.customerId, e.dueOn, e.detail.orderNo, e.detail.monthAfter]).sort()).toEqual(
      [
        // 3 months after 10 Aug: the monthly call of November.
        [young.id, "2026-11-10", "XS-001", 3],
        // 17 months after June 2025: the quarterly call at 15 months.
        [older.id, "2026-09-05", "XS-002", 15],
      ].sort(),
    );
    // The older one waits for its quarter; a month on, the young project's next call and, at 18
    // months, the older one's.
    await drawCustomerLists(db(), org.orgId, noonOf("2026-11-30"));
    expect(await entriesOf(org.orgId, "project")).toHaveLength(2);
    await drawCustomerLists(db(), org.orgId, noonOf("2026-12-11"));
    const later = await entriesOf(org.orgId, "project");
    const duesOf = (customerId: string) =>
      later
        .filter((e) => e.customerId === customerId)
        .map((e) => e.dueOn)
        .sort();
    expect(duesOf(young.id)).toEqual(["2026-11-10", "2026-12-10"]);
    expect(duesOf(older.id)).toEqual(["2026-09-05", "2026-12-05"]);
  });

  it("C089 C093 the monthly sample call takes the questionnaire; unsatisfied opens a follow-up for the account owner", async () => {
    const org = env.org;
    await listRules(org, { sampleShare: 1 });
    const owner = await createStaff(env.database, org, "agent", { name: "严销售" });
    const supervisor = await createStaff(env.database, org, "supervisor");
    const stranger = await createStaff(env.database, org, "agent");
    const customer = await aCustomer(org, { ownerUserId: owner.actor.userId });
    await drawCustomerLists(db(), org.orgId, noonOf(TODAY));
    const [entry] = await entriesOf(org.orgId, "monthly_sample");
    expect(entry).toMatchObject({ customerId: customer.id, assigneeId: owner.actor.userId });

    const client = await env.http.signInAs(owner);
    const mine = (await client.request("GET", "/api/customer-callbacks?scope=mine")).json();
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: entry.id,
        list: "monthly_sample",
        contact: "钱经理",
        may: { record: true },
      }),
    ]);
    const phone = await client.request("POST", `/api/customer-callbacks/${entry.id}/contact`);
    expect(phone.json()).toMatchObject({ mobile: "13900001111" });
    expect(
      (
        await client.request("POST", `/api/customer-callbacks/${entry.id}/call`, {
          outcome: "answered",
          satisfied: true,
          note: "好",
        })
      ).json().error.code,
    ).toBe("VALIDATION_FAILED");
    expect(
      await codeOf(recordCustomerCallback(stranger, entry.id, { outcome: "unreachable", note: "x" })),
    ).toBe("CALLBACK_NOT_YOURS");
    const called = await client.request("POST", `/api/customer-callbacks/${entry.id}/call`, {
      outcome: "answered",
      answers: { ...defaultAnswers(4), quality: 1 },
      note: "灯具故障多",
    });
    expect(called.statusCode).toBe(200);
    expect(called.json()).toMatchObject({
      status: "done",
      satisfied: false,
      followUpTicketId: expect.any(String),
    });
    const [followUp] = await db()
      .select()
      .from(tickets)
      .where(eq(tickets.id, called.json().followUpTicketId));
    expect(followUp).toMatchObject({
      customerId: customer.id,
      assigneeId: owner.actor.userId,
      firstResponderId: owner.actor.userId,
    });
    const [response] = await db()
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.followUpTicketId, followUp.id));
    expect(response).toMatchObject({ channel: "phone", enteredBy: owner.actor.userId });
    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, supervisor.actor.userId), eq(notifications.kind, "survey_unsatisfied")),
      );
    expect(told).toHaveLength(1);
    expect(
      await codeOf(recordCustomerCallback(owner, entry.id, { outcome: "unreachable", note: "再打" })),
    ).toBe("CALLBACK_TASK_CLOSED");
    const done = (await client.request("GET", "/api/customer-callbacks?scope=mine&status=done")).json();
    expect(done.items[0]).toMatchObject({
      satisfied: false,
      followUpNumber: followUp.number,
      doneBy: "严销售",
    });
  });

  it("a call nobody answered needs a note; a list other than the sample records satisfied or not", async () => {
    const org = await createOrg(env.database);
    await listRules(org, {});
    const desk = await createStaff(env.database, org, "qa_inspector");
    await aCustomer(org, { createdAt: new Date("2025-01-01T00:00:00Z") });
    await drawCustomerLists(db(), org.orgId, noonOf(TODAY));
    const [entry] = await entriesOf(org.orgId, "dormant");
    // Nobody owns the customer: the callback desk sees it among theirs.
    expect((await listCustomerCallbacks(desk, { scope: "mine" })).total).toBe(1);
    expect(await codeOf(recordCustomerCallback(desk, entry.id, { outcome: "unreachable" }))).toBe(
      "REASON_REQUIRED",
    );
    expect(await codeOf(recordCustomerCallback(desk, entry.id, { outcome: "answered", note: "聊过" }))).toBe(
      "VALIDATION_FAILED",
    );
    const r = await recordCustomerCallback(desk, entry.id, {
      outcome: "answered",
      satisfied: false,
      note: "上次维修后再没人联系",
    });
    const [followUp] = await db().select().from(tickets).where(eq(tickets.id, r.followUpTicketId!));
    // No owner: the caller follows it up.
    expect(followUp.assigneeId).toBe(desk.actor.userId);
    expect(followUp.description).toContain("上次维修后再没人联系");
    const [row] = await entriesOf(org.orgId, "dormant");
    expect(row).toMatchObject({
      status: "done",
      satisfied: false,
      assigneeId: desk.actor.userId,
      doneBy: desk.actor.userId,
    });
  });

  it("an agent may not list another organisation's entries", async () => {
    const other = await createOrg(env.database);
    await listRules(other, { sampleShare: 1 });
    await aCustomer(other);
    await drawCustomerLists(db(), other.orgId, noonOf(TODAY));
    const [entry] = await entriesOf(other.orgId);
    const desk = await createStaff(env.database, env.org, "qa_inspector");
    expect(await codeOf(recordCustomerCallback(desk, entry.id, { outcome: "unreachable", note: "x" }))).toBe(
      "CALLBACK_TASK_NOT_FOUND",
    );
    const client = await env.http.signInAs(desk);
    const listed = (await client.request("GET", "/api/customer-callbacks?scope=all")).json();
    expect(listed.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
  });
});

describe("closing callbacks and their reconciliation", () => {
  it("C085 resolving a ticket opens the closing callback for its first responder the next working day", async () => {
    const org = await createOrg(env.database);
    const agent = await createStaff(env.database, org, "agent");
    const ticket = await createTestTicket(agent);
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已远程指导" });
    const [task] = await db().select().from(callbackTasks).where(eq(callbackTasks.ticketId, ticket.id));
    const calendarToday = localIsoDate(new Date(), "Asia/Shanghai");
    expect(task).toMatchObject({ reason: "ticket_resolved", assigneeId: agent.actor.userId, status: "open" });
    expect(task.dueOn > calendarToday).toBe(true);
    // The call recorded on the ticket closes it.
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      text: "客户确认正常",
      satisfied: true,
    });
    const [after] = await db().select().from(callbackTasks).where(eq(callbackTasks.id, task.id));
    expect(after).toMatchObject({ status: "done", satisfied: true, doneBy: agent.actor.userId });
  });

  it("C094 C088 per callback agent: made, not made by the month's end, and made about work no longer done", async () => {
    const org = await createOrg(env.database);
    const agent = await createStaff(env.database, org, "agent", { name: "陶客服" });
    const supervisor = await createStaff(env.database, org, "supervisor");
    const resolved = async () => {
      const t = await createTestTicket(agent);
      await changeTicketStatus(agent, t.id, { action: "start" });
      await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
      return t;
    };
    const called = await resolved();
    const forgotten = await resolved();
    const reopened = await resolved();
    await changeTicketStatus(agent, called.id, { action: "record_callback", text: "满意", satisfied: true });
    await changeTicketStatus(agent, reopened.id, {
      action: "record_callback",
      text: "满意",
      satisfied: true,
    });
    await changeTicketStatus(supervisor, reopened.id, { action: "reopen", text: "客户再次来电：灯又不亮" });
    // All three were due in one month; put them in November, and the calls made then.
    await db().update(callbackTasks).set({ dueOn: "2026-11-16" }).where(eq(callbackTasks.orgId, org.orgId));
    await db()
      .update(callbackTasks)
      .set({ doneAt: new Date("2026-11-16T08:00:00Z") })
      .where(and(eq(callbackTasks.orgId, org.orgId), eq(callbackTasks.status, "done")));

    const report = await callbackReconciliation(supervisor, "2026-11");
    expect(report.rows).toEqual([
      {
        userId: agent.actor.userId,
        name: "陶客服",
        due: 3,
        done: 2,
        unreachable: 0,
        missing: 1,
        unmatched: 1,
      },
    ]);
    expect(report.missing.map((m) => m.number)).toEqual([forgotten.number]);
    expect(report.unmatched).toEqual([
      expect.objectContaining({ number: reopened.number, status: "in_progress" }),
    ]);
    expect(report.days).toEqual([
      { day: "2026-11-16", due: 3, done: 2, unreachable: 0, satisfied: 2, unsatisfied: 0 },
    ]);
    expect(await codeOf(callbackReconciliation(agent, "2026-11"))).toBe("FORBIDDEN");
    const file = await exportCallbackReconciliation(supervisor, "2026-11");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "回访核对 2026-11",
      "电话回访汇总表",
      "未回访明细",
      "与实际不符明细",
    ]);
    expect(workbook.worksheets[3].getRow(2).values).toEqual([undefined, reopened.number, "陶客服", "处理中"]);
  });
});

describe("follow-ups of unsatisfied customers", () => {
  it("C093 a supervisor tracks each follow-up to its final result and the customer's final word; late ones are flagged", async () => {
    const org = await createOrg(env.database);
    await listRules(org, {});
    const agent = await createStaff(env.database, org, "agent", { name: "贺客服" });
    const supervisor = await createStaff(env.database, org, "supervisor");
    // One from the customer lists…
    await aCustomer(org, {
      name: "流失客户公司",
      createdAt: new Date("2025-01-01T00:00:00Z"),
      ownerUserId: agent.actor.userId,
    });
    await drawCustomerLists(db(), org.orgId, noonOf(TODAY));
    const [entry] = await entriesOf(org.orgId, "dormant");
    const fromList = await recordCustomerCallback(agent, entry.id, {
      outcome: "answered",
      satisfied: false,
      note: "报修后没人回电",
    });
    // …one from a survey answer about a ticket.
    const ticket = await createTestTicket(agent);
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
    const [invitation] = await db()
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, ticket.id));
    await answerSurvey(db(), invitation.token, { answers: { ...defaultAnswers(4), result: 1 } });
    const [response] = await db()
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitation.id));

    // The first is dealt with and the customer says they are satisfied now.
    await changeTicketStatus(agent, fromList.followUpTicketId!, { action: "start" });
    await changeTicketStatus(agent, fromList.followUpTicketId!, {
      action: "resolve",
      text: "上门道歉并复查",
    });
    await changeTicketStatus(agent, fromList.followUpTicketId!, {
      action: "record_callback",
      text: "满意",
      satisfied: true,
    });
    // The second ran past its resolution time.
    const [clock] = await db()
      .select()
      .from(ticketSlaClocks)
      .where(eq(ticketSlaClocks.ticketId, response.followUpTicketId!));
    await db().execute(sql`INSERT INTO sla_breaches (org_id, clock_id, ticket_id, metric, assignee_id, due_at, breached_at)
      VALUES (${org.orgId}, ${clock.id}, ${clock.ticketId}, ${clock.metric}, ${agent.actor.userId}, now(), now())`);

    const open = await listFollowUps(supervisor, { status: "open" });
    expect(open.items).toEqual([
      expect.objectContaining({
        ticketId: response.followUpTicketId,
        source: "survey",
        owner: "贺客服",
        overdue: true,
        finalSatisfied: null,
      }),
    ]);
    const done = await listFollowUps(supervisor, { status: "done" });
    expect(done.items).toEqual([
      expect.objectContaining({
        ticketId: fromList.followUpTicketId,
        source: "customer_list",
        customer: "流失客户公司",
        status: "callback_done",
        resolution: "上门道歉并复查",
        finalSatisfied: true,
        overdue: false,
      }),
    ]);
    expect(await codeOf(listFollowUps(agent, {}))).toBe("FORBIDDEN");
  });
});
