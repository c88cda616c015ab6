import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { businessMsBetween, DEFAULT_CALENDAR } from "../../../common/business-time";
import { type Database, openDatabase } from "../../db/client";
import {
  auditLog,
  notifications,
  outboxMessages,
  slaBreaches,
  ticketEvents,
  ticketSlaClocks,
  tickets,
  users,
} from "../../db/schema";
import type { Ctx } from "../../lib/context";
import {
  aTicket,
  codeOf,
  createOrg,
  createStaff,
  type TestOrg,
  testApp,
  testDatabase,
} from "../../test/factories";
import { updateCustomer } from "../customers/save-customer";
import { changeTicketStatus } from "../tickets/change-status";
import { classifyTicket } from "../tickets/classify-ticket";
import { createTicket } from "../tickets/create-ticket";
import { replyToTicket } from "../tickets/reply-to-ticket";
import { transferTicket } from "../tickets/transfer-ticket";
import { moveClock, startClock, sweepClock, targetMinutes, usedMs } from "./clock-math";
import { matchPolicy, sweepDueClocks } from "./clocks";
import { deletePolicy, listPolicies, savePolicy } from "./policies";

let database: Database;
let org: TestOrg;
let agent: Awaited<ReturnType<typeof createStaff>>;
beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
  agent = await createStaff(database, org, "agent");
});
afterEach(() => {
  vi.useRealTimers();
});

/** Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);
const setNow = (local: string) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at(local));
};

const clocksOf = async (ticketId: string) => {
  const rows = await database.db
    .select()
    .from(ticketSlaClocks)
    .where(and(eq(ticketSlaClocks.ticketId, ticketId)));
  return Object.fromEntries(rows.filter((c) => c.state !== "replaced").map((c) => [c.metric, c]));
};

/** A request from the portal: nobody has started handling it yet. */
async function portalTicket(overrides: Parameters<typeof aTicket>[0] = {}) {
  const seed = await createTicket(agent, aTicket());
  const customer: Ctx = {
    db: database.db,
    actor: {
      type: "customer",
      orgId: org.orgId,
      customerId: seed.customerId!,
      contactId: seed.contactId!,
      name: "张三",
    },
    ip: null,
    filesDir: org.filesDir,
  };
  return {
    ticket: await createTicket(customer, aTicket({ channel: "portal", newCustomer: null, ...overrides })),
    customer,
  };
}

describe("clock arithmetic", () => {
  const office = DEFAULT_CALENDAR;
  it("C040 a working day is the calendar's working day; hours on a 7×24 calendar are continuous", () => {
    expect(targetMinutes({ amount: 3, unit: "working_days" }, office)).toBe(3 * 450);
    expect(targetMinutes({ amount: 24, unit: "hours" }, { ...office, is24x7: true })).toBe(1440);
    expect(targetMinutes({ amount: 1, unit: "working_days" }, { ...office, is24x7: true })).toBe(1440);
  });

  it("C043 working days skip the National Day holiday and count the make-up Saturday", () => {
    // 2026-09-30 (Wednesday) 17:00; 10/1–7 National Day, 10/10 Saturday a make-up day.
    const clock = startClock(
      office,
      { targetMinutes: 3 * 450, atRiskPercent: 75 },
      at("2026-09-30 17:00"),
      [],
    );
    expect(clock.dueAt).toEqual(at("2026-10-10 17:00"));
    const friday = startClock(office, { targetMinutes: 450, atRiskPercent: 75 }, at("2026-10-09 17:00"), []);
    expect(friday.dueAt).toEqual(at("2026-10-10 17:00"));
  });

  it("C044 a paused clock keeps its used time and moves its deadline by the pause", () => {
    const steps = [{ afterMinutes: 0, notify: ["assignee"] }];
    let clock = startClock(office, { targetMinutes: 1350, atRiskPercent: 75 }, at("2026-11-16 10:00"), steps);
    expect(clock.dueAt).toEqual(at("2026-11-19 10:00"));
    clock = moveClock(office, clock, "paused", at("2026-11-16 11:00"), steps).clock;
    expect(clock.elapsedMs).toBe(60 * 60_000);
    expect(clock.nextCheckAt).toBeNull();
    clock = moveClock(office, clock, "running", at("2026-11-17 10:00"), steps).clock;
    expect(clock.dueAt).toEqual(at("2026-11-19 18:00"));
    // At risk at 75% of 1350 = 1012.5 minutes used: 60 + Tuesday 390 + Wednesday 450 + 112.5 on Thursday.
    expect(clock.atRiskAt).toEqual(new Date("2026-11-19T10:52:30+08:00"));
  });

  it("C044 the sweep warns at risk, then breaches once at the deadline, then escalates step by step", () => {
    const steps = [
      { afterMinutes: 0, notify: ["assignee"] },
      { afterMinutes: 450, notify: ["role:manager"] },
    ];
    let clock = startClock(office, { targetMinutes: 60, atRiskPercent: 75 }, at("2026-11-16 09:00"), steps);
    expect(clock.nextCheckAt).toEqual(at("2026-11-16 09:45"));
    let swept = sweepClock(office, clock, steps, at("2026-11-16 09:50"));
    expect(swept.events).toEqual([{ kind: "at_risk" }]);
    clock = swept.clock;
    expect(clock.nextCheckAt).toEqual(at("2026-11-16 10:00"));
    swept = sweepClock(office, clock, steps, at("2026-11-16 10:01"));
    expect(swept.events).toEqual([
      { kind: "breached", dueAt: at("2026-11-16 10:00") },
      { kind: "escalated", level: 1, notify: ["assignee"] },
    ]);
    clock = swept.clock;
    expect(clock.nextCheckAt).toEqual(at("2026-11-17 10:00"));
    expect(sweepClock(office, clock, steps, at("2026-11-17 09:59")).events).toEqual([]);
    swept = sweepClock(office, clock, steps, at("2026-11-17 10:00"));
    expect(swept.events).toEqual([{ kind: "escalated", level: 2, notify: ["role:manager"] }]);
    expect(swept.clock.nextCheckAt).toBeNull();
    expect(swept.clock.dueAt).toEqual(at("2026-11-16 10:00"));
  });

  it("a clock stopped late is breached then, even if no sweep saw it", () => {
    const clock = startClock(office, { targetMinutes: 30, atRiskPercent: 75 }, at("2026-11-16 09:00"), []);
    expect(moveClock(office, clock, "stopped", at("2026-11-16 09:30"), []).events).toEqual([]);
    const late = moveClock(office, clock, "stopped", at("2026-11-16 09:31"), []);
    expect(late.events).toEqual([{ kind: "breached", dueAt: at("2026-11-16 09:30") }]);
    expect(late.clock.state).toBe("stopped");
  });

  it("a clock paused and resumed at instants carrying seconds and milliseconds keeps exact whole-ms elapsed time and meets its target exactly at dueAt", () => {
    const year = Date.parse("2026-01-01T00:00:00+08:00");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 360 * 86_400_000 }),
        fc.array(fc.integer({ min: 1, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        (startMs, gaps, target) => {
          let clock = startClock(
            office,
            { targetMinutes: target, atRiskPercent: 75 },
            new Date(year + startMs),
            [],
          );
          let now = year + startMs;
          let running = 0;
          for (const [i, gap] of gaps.entries()) {
            const from = new Date(now);
            now += gap;
            if (clock.state === "running") running += businessMsBetween(office, from, new Date(now));
            clock = moveClock(office, clock, i % 2 ? "running" : "paused", new Date(now), []).clock;
          }
          expect(Number.isInteger(clock.elapsedMs)).toBe(true);
          expect(clock.elapsedMs).toBe(running);
          if (clock.state === "running" && clock.elapsedMs < target * 60_000) {
            // The deadline is the instant the target is used up, to the millisecond.
            expect(usedMs(office, clock, clock.dueAt!)).toBe(target * 60_000);
            expect(usedMs(office, clock, new Date(clock.dueAt!.getTime() - 1))).toBe(target * 60_000 - 1);
          }
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe("policies", () => {
  it("the first active policy by rank whose conditions all hold applies; empty conditions hold always", async () => {
    const policies = await listPolicies(database.db, org.orgId);
    const pick = (facts: Partial<Parameters<typeof matchPolicy>[1]>) =>
      matchPolicy(policies, {
        type: "inquiry",
        priority: "P3",
        channel: "phone",
        customerGrade: null,
        departmentId: null,
        ...facts,
      })?.name;
    expect(pick({})).toBe("标准");
    expect(pick({ channel: "email" })).toBe("电子邮件");
    expect(pick({ type: "repair", channel: "email" })).toBe("报修");
    expect(pick({ type: "complaint", priority: "P1" })).toBe("紧急（P1）");
    expect(pick({ type: "complaint" })).toBe("客户投诉");
  });

  it("a policy naming an unknown role or calendar is refused; one in use cannot be deleted", async () => {
    const admin = await createStaff(database, org, "admin");
    const [standard] = (await listPolicies(database.db, org.orgId)).filter((p) => p.name === "标准");
    const calendarId = standard.targets.first_response!.calendarId;
    const base = {
      name: "测试",
      rank: 500,
      targets: { first_response: { amount: 1, unit: "hours" as const, calendarId } },
    };
    expect(
      await codeOf(
        savePolicy(admin, null, { ...base, escalation: [{ afterMinutes: 0, notify: ["role:nobody"] }] }),
      ),
    ).toBe("SLA_POLICY_INVALID");
    expect(
      await codeOf(
        savePolicy(admin, null, {
          ...base,
          targets: { resolution: { amount: 1, unit: "hours", calendarId: org.orgId } },
        }),
      ),
    ).toBe("SLA_POLICY_INVALID");
    expect(await codeOf(savePolicy(agent, null, base))).toBe("FORBIDDEN");
    await createTicket(agent, aTicket());
    const created = await savePolicy(admin, null, base);
    expect(await codeOf(deletePolicy(admin, created.id))).toBe("OK");
    expect(await codeOf(deletePolicy(admin, standard.id))).toBe("SLA_POLICY_IN_USE");
  });
});

describe("ticket clocks", () => {
  it("C043 a P1 ticket received on Friday evening before a 调休 Saturday is due that Saturday morning", async () => {
    setNow("2026-05-08 19:05");
    const ticket = await createTicket(agent, aTicket({ priority: "P1", receivedAt: at("2026-05-08 19:00") }));
    const clocks = await clocksOf(ticket.id);
    expect(clocks.resolution.dueAt).toEqual(at("2026-05-09 14:30"));
    expect(clocks.first_response.state).toBe("stopped");
    // Logged five minutes after the call, outside working hours: no working time had passed.
    expect(clocks.first_response.breachedAt).toBeNull();
    const [applied] = await database.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, "sla_applied")));
    expect(applied.data).toEqual({ policy: "紧急（P1）", reason: "created" });
  });

  it("C038 the first-response clock stops when handling starts, not when the request arrives", async () => {
    setNow("2026-11-16 10:00");
    const { ticket } = await portalTicket();
    let clocks = await clocksOf(ticket.id);
    expect(clocks.first_response.state).toBe("running");
    expect(clocks.first_response.dueAt).toEqual(at("2026-11-16 10:30"));
    vi.setSystemTime(at("2026-11-16 10:20"));
    await changeTicketStatus(agent, ticket.id, { action: "accept" });
    clocks = await clocksOf(ticket.id);
    expect(clocks.first_response.state).toBe("stopped");
    expect(clocks.first_response.elapsedMs).toBe(20 * 60_000);
    expect(clocks.first_response.breachedAt).toBeNull();
    expect(clocks.resolution.state).toBe("running");
  });

  it("C044 clocks pause while the customer is awaited and resume when they answer", async () => {
    setNow("2026-11-16 10:00");
    const { ticket, customer } = await portalTicket();
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    vi.setSystemTime(at("2026-11-16 11:00"));
    await changeTicketStatus(agent, ticket.id, { action: "wait_customer" });
    let clocks = await clocksOf(ticket.id);
    expect(clocks.resolution.state).toBe("paused");
    expect(clocks.resolution.elapsedMs).toBe(60 * 60_000);
    vi.setSystemTime(at("2026-11-17 10:00"));
    await replyToTicket(customer, ticket.id, { body: "型号是 LED-40，麻烦尽快处理" });
    clocks = await clocksOf(ticket.id);
    expect(clocks.resolution.state).toBe("running");
    expect(clocks.resolution.dueAt).toEqual(at("2026-11-19 18:00"));
  });

  it("C044 the callback clock runs from resolution to the recorded callback; a reopen resumes the resolution clock", async () => {
    setNow("2026-11-16 10:00");
    const ticket = await createTicket(agent, aTicket());
    vi.setSystemTime(at("2026-11-16 11:00"));
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已更换镇流器" });
    let clocks = await clocksOf(ticket.id);
    expect(clocks.resolution.state).toBe("stopped");
    expect(clocks.callback.state).toBe("running");
    expect(clocks.callback.dueAt).toEqual(at("2026-11-17 11:00"));
    vi.setSystemTime(at("2026-11-16 15:00"));
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      text: "仍有异响",
      satisfied: false,
    });
    clocks = await clocksOf(ticket.id);
    expect(clocks.callback.state).toBe("stopped");
    expect(clocks.resolution.state).toBe("running");
    expect(clocks.resolution.elapsedMs).toBe(60 * 60_000);
  });

  it("C042 reclassifying re-applies the policy and says so; live clocks keep the time they used", async () => {
    setNow("2026-11-16 10:00");
    const ticket = await createTicket(agent, aTicket());
    vi.setSystemTime(at("2026-11-16 11:00"));
    await classifyTicket(agent, ticket.id, { priority: "P1", reason: "客户生产线停工" });
    const clocks = await clocksOf(ticket.id);
    expect(clocks.resolution.targetMinutes).toBe(240);
    expect(clocks.resolution.elapsedMs).toBe(60 * 60_000);
    expect(clocks.resolution.dueAt).toEqual(at("2026-11-16 15:30"));
    const kinds = await database.db
      .select({ kind: ticketEvents.kind, data: ticketEvents.data })
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id));
    expect(kinds.filter((k) => k.kind === "sla_applied").map((k) => k.data)).toEqual([
      { policy: "标准", reason: "created" },
      { policy: "紧急（P1）", reason: "reclassified" },
    ]);
    expect(kinds.some((k) => k.kind === "classified")).toBe(true);
  });

  it("C021 a ticket routed to another department runs on that department's time limits", async () => {
    setNow("2026-11-16 10:00");
    const admin = await createStaff(database, org, "admin");
    const [standard] = (await listPolicies(database.db, org.orgId)).filter((p) => p.name === "标准");
    const calendarId = standard.targets.resolution!.calendarId;
    const afterSales = org.departments.get("售后服务组")!;
    expect(
      await codeOf(
        savePolicy(admin, null, {
          name: "售后时限",
          rank: 1,
          departmentIds: [afterSales, org.orgId],
          targets: { resolution: { amount: 2, unit: "hours", calendarId } },
        }),
      ),
    ).toBe("VALIDATION_FAILED");
    const policy = await savePolicy(admin, null, {
      name: "售后时限",
      rank: 1,
      departmentIds: [afterSales],
      targets: { resolution: { amount: 2, unit: "hours", calendarId } },
    });
    try {
      // A portal request without a handler: the seeded routing rule puts a repair into 售后服务组's queue.
      const { ticket } = await portalTicket({ type: "repair" });
      const [routed] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(routed.departmentId).toBe(afterSales);
      expect((await clocksOf(ticket.id)).resolution.dueAt).toEqual(at("2026-11-16 12:00"));
      // The agent's own ticket stays in 客服部 on the standard limits until it is transferred there.
      const own = await createTicket(agent, aTicket());
      const [kept] = await database.db.select().from(tickets).where(eq(tickets.id, own.id));
      expect(kept.slaPolicyId).toBe(standard.id);
      vi.setSystemTime(at("2026-11-16 11:00"));
      const dispatcher = await createStaff(database, org, "dispatcher", { department: "售后服务组" });
      await transferTicket(agent, own.id, { assigneeId: dispatcher.actor.userId, reason: "需要上门" });
      const clocks = await clocksOf(own.id);
      expect(clocks.resolution.targetMinutes).toBe(120);
      expect(clocks.resolution.elapsedMs).toBe(60 * 60_000);
      expect(clocks.resolution.dueAt).toEqual(at("2026-11-16 12:00"));
      const applied = await database.db
        .select({ data: ticketEvents.data })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, own.id), eq(ticketEvents.kind, "sla_applied")));
      expect(applied.map((e) => e.data)).toEqual([
        { policy: "标准", reason: "created" },
        { policy: "售后时限", reason: "routed" },
      ]);
    } finally {
      await savePolicy(admin, policy.id, { ...policy, isActive: false });
    }
  });

  it("a customer becoming a key customer re-applies the policy of their open tickets", async () => {
    const admin = await createStaff(database, org, "admin");
    const [standard] = (await listPolicies(database.db, org.orgId)).filter((p) => p.name === "标准");
    await savePolicy(admin, null, {
      name: "重点客户",
      rank: 5,
      customerGrades: ["key"],
      targets: {
        resolution: { amount: 1, unit: "working_days", calendarId: standard.targets.resolution!.calendarId },
      },
    });
    const ticket = await createTicket(agent, aTicket());
    await updateCustomer(admin, ticket.customerId!, { grade: "key" });
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    const clocks = await clocksOf(ticket.id);
    expect(clocks.resolution.targetMinutes).toBe(450);
    expect(row.slaPolicyId).not.toBe(standard.id);
  });
});

describe("breach sweep", () => {
  it("C045 breaches are stored once and each escalation happens once, even with two servers sweeping", async () => {
    const sweepOrg = await createOrg(database);
    const handler = await createStaff(database, sweepOrg, "agent");
    const boss = await createStaff(database, sweepOrg, "supervisor");
    setNow("2026-11-16 09:00");
    await database.db.update(users).set({ email: "boss@example.com" }).where(eq(users.id, boss.actor.userId));
    for (let i = 0; i < 12; i++) await createTicket(handler, aTicket({ title: `亮度异常 ${i}` }));
    vi.useRealTimers();
    // A second server: its own connection pool on PostgreSQL, the same in-process database on PGlite.
    const second = inject("testDatabaseUrl")
      ? await openDatabase({ url: inject("testDatabaseUrl"), poolSize: 4 })
      : database;
    const when = at("2026-11-20 10:00"); // resolution (3 working days from Monday 09:00) due Wednesday 18:00
    const [a, b] = await Promise.all([sweepDueClocks(database.db, when), sweepDueClocks(second.db, when)]);
    if (second !== database) await second.close();
    expect(a + b).toBeGreaterThanOrEqual(12);
    const breaches = await database.db
      .select()
      .from(slaBreaches)
      .where(eq(slaBreaches.orgId, sweepOrg.orgId));
    expect(breaches.filter((x) => x.metric === "resolution")).toHaveLength(12);
    expect(breaches[0].dueAt).toEqual(at("2026-11-18 18:00"));
    expect(breaches[0].assigneeId).toBe(handler.actor.userId);
    const escalations = await database.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.orgId, sweepOrg.orgId), eq(ticketEvents.kind, "sla_escalated")));
    // Wednesday 18:00 + 1 working day = Thursday 18:00 (level 2): both steps are due on Friday 10:00.
    expect(escalations).toHaveLength(24);
    expect(escalations.filter((e) => (e.data as { level: number }).level === 2)).toHaveLength(12);
    const toBoss = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, boss.actor.userId), eq(notifications.kind, "sla_escalated")));
    // Level 1 names the supervisors; level 2's department head and managers do not exist here, so
    // it falls back to the supervisors rather than reaching nobody.
    expect(toBoss).toHaveLength(24);
    expect(await sweepDueClocks(database.db, when)).toBe(0);
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orgId, sweepOrg.orgId));
    expect(mails.map((m) => m.recipient)).toEqual(Array(24).fill("boss@example.com"));
    expect(mails[0].subject).toMatch(/工单逾期升级$/);
  });
});

describe("service time over HTTP", () => {
  it("C047 the overdue queue, the overdue list with reasons and the monthly report per department", async () => {
    const httpOrg = await createOrg(database);
    const http = await testApp(database, httpOrg);
    const handler = await createStaff(database, httpOrg, "agent");
    const colleague = await createStaff(database, httpOrg, "agent");
    const manager = await createStaff(database, httpOrg, "manager");
    const asHandler = await http.signInAs(handler);
    const receivedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const res = await asHandler.request("POST", "/api/tickets", { ...aTicket(), receivedAt });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    await sweepDueClocks(database.db);
    const detail = (await asHandler.request("GET", `/api/tickets/${id}`)).json();
    const resolution = detail.sla.clocks.find((c: { metric: string }) => c.metric === "resolution");
    expect(detail.sla.policy).toBe("标准");
    expect(resolution.status).toBe("breached");
    expect(resolution.usedMinutes).toBeGreaterThan(resolution.targetMinutes);
    const overdue = (await asHandler.request("GET", "/api/tickets?queue=overdue")).json();
    expect(overdue.items.map((t: { id: string }) => t.id)).toEqual([id]);
    expect((await asHandler.request("GET", "/api/tickets/counts")).json().overdue).toBe(1);

    const month = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
    })
      .format(new Date(resolution.breachedAt))
      .slice(0, 7);
    const list = (
      await asHandler.request("GET", `/api/sla/breaches?month=${month}&metric=resolution`)
    ).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ number: detail.number, metric: "resolution", canExplain: true });
    const breachId = list.items[0].id;
    const asColleague = await http.signInAs(colleague);
    expect(
      (await asColleague.request("PUT", `/api/sla/breaches/${breachId}/reason`, { reason: "代答" }))
        .statusCode,
    ).toBe(403);
    expect(
      (await asHandler.request("PUT", `/api/sla/breaches/${breachId}/reason`, { reason: "等待厂家配件" }))
        .statusCode,
    ).toBe(204);

    const asManager = await http.signInAs(manager);
    expect((await asHandler.request("GET", `/api/sla/overdue-report?month=${month}`)).statusCode).toBe(403);
    const report = (await asManager.request("GET", `/api/sla/overdue-report?month=${month}`)).json();
    const row = report.find((r: { departmentName: string }) => r.departmentName === "客服部");
    expect(row.breaches.resolution).toBe(1);
    expect(row.explained).toBe(1);
    expect(row.stillOverdue).toBeGreaterThanOrEqual(1);
    const xlsx = await asManager.request("GET", `/api/sla/overdue-report/export?month=${month}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, httpOrg.orgId), eq(auditLog.action, "sla.overdue_report_exported")));
    expect(audited).toHaveLength(1);
  });

  it("the at-risk queue lists open tickets past their warning point and not yet late", async () => {
    const httpOrg = await createOrg(database);
    const http = await testApp(database, httpOrg);
    const handler = await createStaff(database, httpOrg, "agent");
    const client = await http.signInAs(handler);
    const { id } = (await client.request("POST", "/api/tickets", aTicket())).json();
    expect((await client.request("GET", "/api/tickets?queue=at_risk")).json().total).toBe(0);
    await database.db
      .update(ticketSlaClocks)
      .set({ atRiskAt: new Date(Date.now() - 60_000) })
      .where(and(eq(ticketSlaClocks.ticketId, id), eq(ticketSlaClocks.metric, "resolution")));
    expect((await client.request("GET", "/api/tickets?queue=at_risk")).json().items[0].id).toBe(id);
    await changeTicketStatus(handler, id, { action: "resolve", text: "已解答" });
    expect((await client.request("GET", "/api/tickets?queue=at_risk")).json().total).toBe(0);
  });

  it("policies are managed by settings managers; defaults can be restored only when there are none", async () => {
    const httpOrg = await createOrg(database);
    const http = await testApp(database, httpOrg);
    const agentClient = await http.signInAs(await createStaff(database, httpOrg, "agent"));
    const admin = await http.signIn("admin");
    const policies = (await admin.request("GET", "/api/sla-policies")).json();
    expect(policies.map((p: { name: string }) => p.name)).toEqual([
      "紧急（P1）",
      "客户投诉",
      "报修",
      "电子邮件",
      "标准",
    ]);
    const standard = policies.at(-1);
    const body = { ...standard, id: undefined, name: "重点客户", rank: 1, customerGrades: ["key"] };
    expect((await agentClient.request("POST", "/api/sla-policies", body)).statusCode).toBe(403);
    const created = await admin.request("POST", "/api/sla-policies", body);
    expect(created.statusCode).toBe(201);
    const bad = await admin.request("PUT", `/api/sla-policies/${created.json().id}`, {
      ...body,
      atRiskPercent: 150,
    });
    expect(bad.statusCode).toBe(422);
    expect((await admin.request("POST", "/api/sla-policies/defaults")).statusCode).toBe(409);
    for (const p of (await admin.request("GET", "/api/sla-policies")).json()) {
      expect((await admin.request("DELETE", `/api/sla-policies/${p.id}`)).statusCode).toBe(204);
    }
    const restored = await admin.request("POST", "/api/sla-policies/defaults");
    expect(restored.statusCode).toBe(201);
    expect(restored.json()).toHaveLength(5);
  });
});
