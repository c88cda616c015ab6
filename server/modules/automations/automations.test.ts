import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AutomationInput } from "../../../common/schemas/automations";
import type { Database } from "../../db/client";
import {
  auditLog,
  automationRules,
  departments,
  notifications,
  standardAnswers,
  ticketEvents,
  tickets,
  users,
  webhookDeliveries,
} from "../../db/schema";
import type { Ctx } from "../../lib/context";
import {
  aTicket,
  codeOf,
  createOrg,
  createStaff,
  createTestTicket,
  setupTestOrg,
  type TestOrg,
  usernameOf,
} from "../../test/factories";
import { setAbsence } from "../identity/absence";
import { changeTicketStatus } from "../tickets/change-status";
import { createTicket } from "../tickets/create-ticket";
import { listTickets } from "../tickets/queries";
import { replyToTicket } from "../tickets/reply-to-ticket";
import { teamView } from "../tickets/team";
import { transferTicket } from "../tickets/transfer-ticket";
import { createEndpoint } from "../webhooks/endpoints";
import { allowWebhookHosts } from "../webhooks/target";
import { restoreDefaultRules } from "./defaults";
import { runTimedRules } from "./engine";
import { createRule, listRules, updateRule } from "./rules";

const env = setupTestOrg();

/** A customer of the organisation writing in through the portal (no handler yet). */
async function portalCtx(database: Database, org: TestOrg): Promise<Ctx> {
  const agent = await createStaff(database, org, "agent");
  const known = await createTestTicket(agent);
  return {
    ...agent,
    actor: {
      type: "customer",
      orgId: org.orgId,
      customerId: known.customerId!,
      contactId: known.contactId!,
      name: "张三",
    },
  };
}

const ticketRow = async (database: Database, id: string) =>
  (await database.db.select().from(tickets).where(eq(tickets.id, id)))[0];

const timeline = async (database: Database, id: string) =>
  database.db
    .select({ kind: ticketEvents.kind, data: ticketEvents.data })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, id))
    .orderBy(asc(ticketEvents.id))
    .then((rows) => rows.map((r) => ({ kind: r.kind, data: r.data as Record<string, unknown> })));

const noticesOf = async (database: Database, orgId: string, kind = "automation") =>
  database.db
    .select({ userId: notifications.userId, params: notifications.params })
    .from(notifications)
    .where(and(eq(notifications.orgId, orgId), eq(notifications.kind, kind)))
    .orderBy(asc(notifications.createdAt))
    .then((rows) => rows.map((r) => ({ userId: r.userId, params: r.params as Record<string, string> })));

/** Switches off an organisation's seeded rules, so that a test sees only its own. */
const withoutDefaults = (database: Database, orgId: string) =>
  database.db.update(automationRules).set({ active: false }).where(eq(automationRules.orgId, orgId));

describe("routing rules (C021)", () => {
  it("C021 a request that arrives without a handler goes to the queue of its type's department; an agent's own ticket stays with the agent", async () => {
    const { database } = env;
    const org = await createOrg(database);
    const customer = await portalCtx(database, org);
    const dept = (name: string) => org.departments.get(name)!;
    const cases = [
      ["complaint", "质量管理部"],
      ["repair", "售后服务组"],
      ["return", "售后服务组"],
      ["inquiry", "客服部"],
      ["suggestion", "客服部"],
    ] as const;
    for (const [type, department] of cases) {
      const made = await createTicket(customer, aTicket({ type, newCustomer: null }));
      const row = await ticketRow(database, made.id);
      expect({ type, department: row.departmentId, assignee: row.assigneeId, status: row.status }).toEqual({
        type,
        department: dept(department),
        assignee: null,
        status: "new",
      });
      const entries = await timeline(database, made.id);
      expect(entries.map((e) => e.kind)).toEqual(["created", "sla_applied", "rule_fired", "routed"]);
      expect(entries[3].data).toMatchObject({ toDepartment: department });
    }
    // The dispatcher of 售后服务组 finds the repairs in his department's queue.
    const dispatcher = await createStaff(database, org, "dispatcher", { department: "售后服务组" });
    const queue = await listTickets(dispatcher, { queue: "department" });
    expect(queue.items.map((t) => t.type).sort()).toEqual(["repair", "return"]);
    // An agent who takes a complaint call keeps it (首问负责制): the rules route only unheld requests.
    const agent = await createStaff(database, org, "agent");
    const own = await createTestTicket(agent, { type: "complaint" });
    const row = await ticketRow(database, own.id);
    expect([row.assigneeId, row.departmentId]).toEqual([agent.actor.userId, dept("客服部")]);
    expect((await timeline(database, own.id)).map((e) => e.kind)).not.toContain("rule_fired");
  });
});

describe("triggers", () => {
  it("conditions on priority, VIP and words pick the tickets; round robin hands them to the department's handlers in turn; a rule that stops the chain ends it", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    const engineersDept = org.departments.get("售后服务组")!;
    const a = await createStaff(database, org, "agent", { department: "售后服务组" });
    const b = await createStaff(database, org, "agent", { department: "售后服务组" });
    const customer = await portalCtx(database, org);
    const urgent: AutomationInput = {
      name: "频闪升为紧急",
      kind: "trigger",
      event: "ticket.created",
      conditions: { textContains: "频闪", priorities: ["P3", "P4"] },
      actions: { priority: "P1" },
    };
    await createRule(admin, urgent);
    await createRule(admin, {
      name: "售后轮流分派",
      kind: "trigger",
      event: "ticket.created",
      conditions: { types: ["repair"], unassigned: true },
      actions: { route: { departmentId: engineersDept, assign: "round_robin" } },
      stop: true,
    });
    await createRule(admin, {
      name: "不会执行（前一条已停止）",
      kind: "trigger",
      event: "ticket.created",
      conditions: {},
      actions: { priority: "P4" },
    });
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(
        await createTicket(
          customer,
          aTicket({ type: "repair", newCustomer: null, title: i === 0 ? "吸顶灯频闪" : "灯不亮" }),
        ),
      );
    const rows = await Promise.all(made.map((t) => ticketRow(database, t.id)));
    expect(rows.map((r) => r.priority)).toEqual(["P1", "P3", "P3"]);
    const handlers = [a.actor.userId, b.actor.userId].sort();
    expect(rows.map((r) => r.assigneeId)).toEqual([handlers[0], handlers[1], handlers[0]]);
    expect(rows.every((r) => r.departmentId === engineersDept)).toBe(true);
    const first = await timeline(database, made[0].id);
    expect(first.filter((e) => e.kind === "rule_fired").map((e) => e.data.rule)).toEqual([
      "频闪升为紧急",
      "售后轮流分派",
    ]);
    // The handler round robin chose is told of the new work.
    const told = await noticesOf(database, org.orgId, "assigned");
    expect(told.map((n) => n.userId).sort()).toEqual([handlers[0], handlers[0], handlers[1]].sort());
    // Fired counts for the administrator's list (after the seeded rules, switched off here).
    const listed = await listRules(admin, "trigger");
    expect(listed.slice(3).map((r) => [r.name, r.firedRecently])).toEqual([
      ["频闪升为紧急", 1],
      ["售后轮流分派", 3],
      ["不会执行（前一条已停止）", 0],
    ]);
  });

  it("a rule never triggers itself; two rules that feed each other each fire once", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    const here = org.departments.get("客服部")!;
    const there = org.departments.get("技术部")!;
    // Each routes on every assignment — its own routing is an assignment.
    await createRule(admin, {
      name: "去技术部",
      kind: "trigger",
      event: "ticket.assigned",
      conditions: { departmentIds: [here] },
      actions: { route: { departmentId: there, assign: "queue" } },
    });
    await createRule(admin, {
      name: "回客服部",
      kind: "trigger",
      event: "ticket.assigned",
      conditions: { departmentIds: [there] },
      actions: { route: { departmentId: here, assign: "queue" } },
    });
    const agent = await createStaff(database, org, "agent");
    const supervisor = await createStaff(database, org, "supervisor");
    const ticket = await createTestTicket(agent);
    await transferTicket(supervisor, ticket.id, { departmentId: here, reason: "重新分配" });
    const fired = (await timeline(database, ticket.id)).filter((e) => e.kind === "rule_fired");
    expect(fired.map((e) => e.data.rule)).toEqual(["去技术部", "回客服部"]);
    expect((await ticketRow(database, ticket.id)).departmentId).toBe(here);
  });

  it("an action the ticket refuses leaves it as it was and the timeline says why; the change that triggered the rule goes through", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    await createRule(admin, {
      name: "受理后立即解决",
      kind: "trigger",
      event: "ticket.replied",
      conditions: {},
      // Resolving needs a state it can resolve from: a note on a closed-for-change ticket is refused.
      actions: { priority: "P2", status: { action: "hold", reason: "自动挂起" } },
    });
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    await changeTicketStatus(agent, ticket.id, { action: "hold", text: "等配件" });
    await replyToTicket(agent, ticket.id, { body: "配件已订", isInternal: true });
    const row = await ticketRow(database, ticket.id);
    // Hold from on_hold is refused: neither the priority nor the status moved; the note is kept.
    expect([row.priority, row.status]).toEqual(["P3", "on_hold"]);
    const entries = await timeline(database, ticket.id);
    expect(entries.map((e) => e.kind).slice(-3)).toEqual(["note", "rule_fired", "rule_refused"]);
    expect(entries.at(-1)!.data).toMatchObject({ rule: "受理后立即解决", code: "TICKET_TRANSITION_INVALID" });
  });

  it("a rule sends a standard answer to the customer and calls the webhook it names", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    allowWebhookHosts(["127.0.0.1"]);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    const [answer] = await database.db
      .select()
      .from(standardAnswers)
      .where(and(eq(standardAnswers.orgId, org.orgId), eq(standardAnswers.title, "报修受理")));
    const { endpoint } = await createEndpoint(admin, {
      name: "ERP",
      url: "http://127.0.0.1:9/hooks",
      events: ["ticket.status_changed"],
    });
    await createRule(admin, {
      name: "报修自动回复",
      kind: "trigger",
      event: "ticket.created",
      conditions: { types: ["repair"] },
      actions: { standardAnswerId: answer.id, webhookEndpointId: endpoint.id },
    });
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent, { type: "repair" });
    const entries = await timeline(database, ticket.id);
    expect(entries.map((e) => e.kind)).toContain("reply");
    const [delivery] = await database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.orgId, org.orgId));
    expect(delivery).toMatchObject({ endpointId: endpoint.id, eventType: "automation.fired" });
    expect((delivery.body as { data: object }).data).toMatchObject({ ticketId: ticket.id, applied: true });
    allowWebhookHosts([]);
  });

  it("a rule changes a ticket's type, tags it and tells everyone holding a role; a role the organisation lacks is refused", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    const dispatchers = [
      await createStaff(database, org, "dispatcher", { department: "售后服务组" }),
      await createStaff(database, org, "dispatcher", { department: "售后服务组" }),
    ].map((d) => d.actor.userId);
    const rule: AutomationInput = {
      name: "咨询里说坏了的转报修",
      kind: "trigger",
      event: "ticket.created",
      conditions: { types: ["inquiry"], textContains: "坏了" },
      actions: { type: "repair", addTags: ["咨询转报修"], notify: { roleKeys: ["dispatcher", "nobody"] } },
    };
    await expect(createRule(admin, rule)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "/actions/notify/roleKeys/1", problem: "reference" }],
    });
    await createRule(admin, { ...rule, actions: { ...rule.actions, notify: { roleKeys: ["dispatcher"] } } });
    const agent = await createStaff(database, org, "agent");
    const broken = await createTestTicket(agent, { type: "inquiry", title: "空调坏了怎么办" });
    const other = await createTestTicket(agent, { type: "inquiry", title: "营业时间" });
    expect(await ticketRow(database, broken.id)).toMatchObject({ type: "repair", tags: ["咨询转报修"] });
    expect((await ticketRow(database, other.id)).type).toBe("inquiry");
    const entries = await timeline(database, broken.id);
    expect(entries.find((e) => e.kind === "classified")?.data).toMatchObject({
      from: { type: "inquiry" },
      to: { type: "repair" },
    });
    const told = await noticesOf(database, org.orgId);
    expect(told.map((n) => n.userId).sort()).toEqual([...dispatchers].sort());
    expect(told[0].params).toMatchObject({ rule: "咨询里说坏了的转报修", number: broken.number });
  });
});

describe("timed rules and stall reminders (C027)", () => {
  // Monday 7 December 2026 in Shanghai: 9:00–12:00 and 13:30–18:00 are working hours.
  const at = (local: string) => new Date(`${local}+08:00`);
  const quietSince = (database: Database, id: string, when: Date) =>
    database.db.update(tickets).set({ updatedAt: when }).where(eq(tickets.id, id));

  it("C027 a ticket nobody touched for its working hours reminds its holder, later its first responder and supervisor — once per quiet spell", async () => {
    const { database } = env;
    const org = await createOrg(database);
    const agent = await createStaff(database, org, "agent");
    const head = await createStaff(database, org, "supervisor");
    await database.db
      .update(departments)
      .set({ headUserId: head.actor.userId })
      .where(eq(departments.id, org.departments.get("客服部")!));
    const colleague = await createStaff(database, org, "agent");
    const urgent = await createTestTicket(agent, { priority: "P1", assigneeId: colleague.actor.userId });
    const calm = await createTestTicket(agent, { priority: "P3" });
    for (const t of [urgent, calm]) await quietSince(database, t.id, at("2026-12-07T09:00:00"));

    // 6.5 working hours later: the urgent one's holder (4 h) is reminded; nothing else is due.
    await runTimedRules(database.db, at("2026-12-07T17:00:00"), org.orgId);
    let told = await noticesOf(database, org.orgId);
    expect(told.map((n) => [n.userId, n.params.rule])).toEqual([
      [colleague.actor.userId, "停滞提醒处理人（紧急、高）"],
    ]);
    // The next sweep a minute later fires nothing again.
    await runTimedRules(database.db, at("2026-12-07T17:01:00"), org.orgId);
    expect(await noticesOf(database, org.orgId)).toHaveLength(1);

    // Tuesday 10:00 (8.5 working hours): the first responder and the department head hear of it.
    await runTimedRules(database.db, at("2026-12-08T10:00:00"), org.orgId);
    told = await noticesOf(database, org.orgId);
    expect(
      told
        .slice(1)
        .map((n) => n.userId)
        .sort(),
    ).toEqual([agent.actor.userId, head.actor.userId].sort());
    const entries = await timeline(database, urgent.id);
    expect(entries.filter((e) => e.kind === "rule_fired")).toHaveLength(2);

    // Something happens on it: the quiet spell starts again, and a new reminder comes after 4 more hours.
    await replyToTicket(colleague, urgent.id, { body: "已联系厂家", isInternal: true });
    await quietSince(database, urgent.id, at("2026-12-08T10:00:00"));
    await runTimedRules(database.db, at("2026-12-08T15:00:00"), org.orgId);
    expect(await noticesOf(database, org.orgId)).toHaveLength(3);
    await runTimedRules(database.db, at("2026-12-08T16:00:00"), org.orgId);
    expect(await noticesOf(database, org.orgId)).toHaveLength(4);
    // The calm one (16 h) reached its reminder by now? Mon 9:00 → Tue 16:00 is 7.5 + 6 = 13.5 h: not yet.
    expect((await timeline(database, calm.id)).some((e) => e.kind === "rule_fired")).toBe(false);
  });

  it("waiting for the customer for 7 working days: resolved with the rule's reason", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    await createRule(admin, {
      name: "客户 7 天未回复自动解决",
      kind: "timed",
      afterHours: 7 * 7.5,
      conditions: { statuses: ["waiting_customer"] },
      actions: { status: { action: "resolve", reason: "客户 7 个工作日未回复，按规定结案" } },
    });
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    await changeTicketStatus(agent, ticket.id, { action: "wait_customer" });
    await quietSince(database, ticket.id, at("2026-12-07T09:00:00"));
    await runTimedRules(database.db, at("2026-12-15T17:59:00"), org.orgId);
    expect((await ticketRow(database, ticket.id)).status).toBe("waiting_customer");
    await runTimedRules(database.db, at("2026-12-16T09:00:00"), org.orgId);
    const row = await ticketRow(database, ticket.id);
    expect([row.status, row.resolution]).toEqual(["resolved", "客户 7 个工作日未回复，按规定结案"]);
  });
});

describe("the administrator's rules", () => {
  it("an organisation without rules of a kind makes the default ones; routing to a department it lacks is left out; with rules it is refused", async () => {
    const { database } = env;
    const org = await createOrg(database);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    expect(await codeOf(restoreDefaultRules(admin, "timed"))).toBe("AUTOMATION_DEFAULTS_EXIST");
    await database.db.delete(automationRules).where(eq(automationRules.orgId, org.orgId));
    await database.db
      .update(departments)
      .set({ name: "品质部" })
      .where(eq(departments.id, org.departments.get("质量管理部")!));
    const triggers = await restoreDefaultRules(admin, "trigger");
    expect(triggers.map((r) => r.name)).toEqual(["报修、退换货转售后服务组", "其他来件转客服部"]);
    expect(await listRules(admin, "timed")).toEqual([]);
    expect((await restoreDefaultRules(admin, "timed")).map((r) => r.afterHours)).toEqual([4, 16, 8, 32]);
    const agent = await createStaff(database, org, "agent");
    expect(await codeOf(restoreDefaultRules(agent, "timed"))).toBe("FORBIDDEN");
    const audited = await database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "automation.defaults_restored")));
    expect(audited.map((a) => (a.after as { kind: string }).kind)).toEqual(["trigger", "timed"]);
  });

  it("create, list, reorder, change, delete — audited; bad input is 422 naming the field; other organisations' records are refused; an agent may not", async () => {
    const { database } = env;
    const admin = await createStaff(database, env.org, "admin", { department: "管理部" });
    const seeded = await listRules(admin, "trigger");
    expect(seeded.map((r) => r.name)).toEqual([
      "投诉转质量管理部",
      "报修、退换货转售后服务组",
      "其他来件转客服部",
    ]);
    expect((await listRules(admin, "timed")).map((r) => r.afterHours)).toEqual([4, 16, 8, 32]);

    const client = await env.http.signIn(await usernameOf(database, admin.actor.userId));
    const vip = {
      name: "VIP 升为高",
      kind: "trigger",
      event: "ticket.created",
      conditions: { vip: true },
      actions: { priority: "P2" },
    };
    const created = await client.request("POST", "/api/automations", vip);
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ position: 4, active: true, stop: false, firedRecently: 0 });

    const other = await createOrg(database);
    const cases: [unknown, string, string][] = [
      [{ ...vip, name: "" }, "/name", "required"],
      [{ ...vip, name: "规".repeat(61) }, "/name", "too_long"],
      [{ ...vip, event: null }, "/event", "required"],
      [{ ...vip, kind: "timed", event: null }, "/afterHours", "required"],
      [{ ...vip, actions: {} }, "/actions", "required"],
      [{ ...vip, actions: { priority: "P9" } }, "/actions/priority", "choice"],
      [
        { ...vip, actions: { route: { departmentId: other.departments.get("客服部"), assign: "queue" } } },
        "/actions/route/departmentId",
        "reference",
      ],
      [
        { ...vip, actions: { route: { departmentId: env.org.departments.get("客服部"), assign: "user" } } },
        "/actions/route/userId",
        "required",
      ],
      [{ ...vip, actions: { notify: { recipients: [] } } }, "/actions/notify/recipients", "required"],
      [{ ...vip, actions: { standardAnswerId: other.adminId } }, "/actions/standardAnswerId", "reference"],
    ];
    for (const [body, path, problem] of cases) {
      const answer = await client.request("POST", "/api/automations", body);
      expect(answer.statusCode).toBe(422);
      expect(answer.json().error.details?.[0]).toMatchObject({ path, problem });
    }
    const named = await client.request("POST", "/api/automations", { ...vip, name: "" }, "en-US");
    expect(named.json().error.message).toContain("name");

    // The order rules are tried in.
    const ids = (await listRules(admin, "trigger")).map((r) => r.id);
    const reordered = await client.request("PUT", "/api/automations/order", {
      kind: "trigger",
      ids: [rule.id, ...ids.filter((id) => id !== rule.id)],
    });
    expect(reordered.json().map((r: { name: string }) => r.name)[0]).toBe("VIP 升为高");
    const partial = await client.request("PUT", "/api/automations/order", {
      kind: "trigger",
      ids: [rule.id],
    });
    expect(partial.statusCode).toBe(422);

    const changed = await updateRule(admin, rule.id, {
      ...(vip as AutomationInput),
      name: "VIP 升为紧急",
      actions: { priority: "P1" },
      active: false,
    });
    expect(changed).toMatchObject({ name: "VIP 升为紧急", active: false, actions: { priority: "P1" } });
    expect((await client.request("DELETE", `/api/automations/${rule.id}`)).statusCode).toBe(204);
    const audited = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, env.org.orgId), eq(auditLog.entityId, rule.id)))
      .orderBy(asc(auditLog.id));
    expect(audited.map((a) => a.action)).toEqual([
      "automation.created",
      "automation.updated",
      "automation.deleted",
    ]);

    // Another organisation's rule is not found; an agent may not look at all.
    const [theirs] = await database.db
      .select({ id: automationRules.id })
      .from(automationRules)
      .where(eq(automationRules.orgId, other.orgId))
      .limit(1);
    expect((await client.request("DELETE", `/api/automations/${theirs.id}`)).statusCode).toBe(404);
    const agent = await createStaff(database, env.org, "agent");
    const agentClient = await env.http.signIn(await usernameOf(database, agent.actor.userId));
    expect((await agentClient.request("GET", "/api/automations?kind=trigger")).statusCode).toBe(403);
  });
});

describe("out of office with a deputy (C029)", () => {
  it("C029 work transferred or routed to someone away goes to their deputy, who is told; round robin passes them by; the supervisor sees them away", async () => {
    const { database } = env;
    const org = await createOrg(database);
    await withoutDefaults(database, org.orgId);
    const admin = await createStaff(database, org, "admin", { department: "管理部" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "孙主管" });
    const away = await createStaff(database, org, "agent", { name: "王休假" });
    const deputy = await createStaff(database, org, "agent", { name: "李代理" });
    const agent = await createStaff(database, org, "agent", { name: "赵接线" });
    const now = Date.now();
    await setAbsence(away, away.actor.userId, {
      from: new Date(now - 3_600_000),
      until: new Date(now + 3 * 86_400_000),
      deputyId: deputy.actor.userId,
    });

    // A transfer to the absent agent lands with the deputy; the timeline says for whom.
    const ticket = await createTestTicket(agent);
    await transferTicket(supervisor, ticket.id, { assigneeId: away.actor.userId, reason: "熟悉该客户" });
    expect((await ticketRow(database, ticket.id)).assigneeId).toBe(deputy.actor.userId);
    const entry = (await timeline(database, ticket.id)).find((e) => e.kind === "transfer")!;
    expect(entry.data).toMatchObject({ toAssignee: "李代理", deputyOf: "王休假" });
    expect((await noticesOf(database, org.orgId, "assigned")).map((n) => n.userId)).toEqual([
      deputy.actor.userId,
    ]);
    // Logged by another agent straight to the absent one: the deputy again.
    const direct = await createTestTicket(agent, { assigneeId: away.actor.userId });
    expect((await ticketRow(database, direct.id)).assigneeId).toBe(deputy.actor.userId);

    // Round robin in 客服部 passes the absent agent by.
    const here = org.departments.get("客服部")!;
    await createRule(admin, {
      name: "客服部轮流",
      kind: "trigger",
      event: "ticket.created",
      conditions: { unassigned: true },
      actions: { route: { departmentId: here, assign: "round_robin" } },
    });
    const customer = await portalCtx(database, org);
    const assigned = [];
    for (let i = 0; i < 6; i++) {
      const t = await createTicket(customer, aTicket({ newCustomer: null }));
      assigned.push((await ticketRow(database, t.id)).assigneeId);
    }
    expect(assigned).not.toContain(away.actor.userId);
    expect(new Set(assigned).size).toBeGreaterThan(1);

    // The supervisor's team view shows who is away, until when and who stands in.
    const team = await teamView(supervisor);
    expect(team.find((m) => m.name === "王休假")).toMatchObject({ deputy: "李代理" });
    expect(team.find((m) => m.name === "李代理")).toMatchObject({ awayUntil: null, deputy: null });

    // A deputy who has left meanwhile takes nothing: it stays with the one it was meant for.
    await database.db.update(users).set({ isDisabled: true }).where(eq(users.id, deputy.actor.userId));
    const meantForHer = await createTestTicket(agent, { assigneeId: away.actor.userId });
    expect((await ticketRow(database, meantForHer.id)).assigneeId).toBe(away.actor.userId);
    await database.db.update(users).set({ isDisabled: false }).where(eq(users.id, deputy.actor.userId));

    // Back early: cleared, new work reaches them again.
    await setAbsence(away, away.actor.userId, null);
    const back = await createTestTicket(agent, { assigneeId: away.actor.userId });
    expect((await ticketRow(database, back.id)).assigneeId).toBe(away.actor.userId);
  });

  it("an absence is one's own to set (or an administrator's); bad input is 422 naming the field", async () => {
    const { database } = env;
    const a = await createStaff(database, env.org, "agent");
    const b = await createStaff(database, env.org, "agent");
    const client = await env.http.signIn(await usernameOf(database, a.actor.userId));
    const hour = 3_600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const ok = { from: at(0), until: at(48 * hour), deputyId: b.actor.userId };
    const other = await createOrg(database);
    const cases: [unknown, string, string][] = [
      [{ ...ok, until: at(-hour) }, "/until", "before_start"],
      [{ ...ok, from: at(-3 * hour), until: at(-hour) }, "/until", "past"],
      [{ ...ok, deputyId: a.actor.userId }, "/deputyId", "same_person"],
      [{ ...ok, deputyId: other.adminId }, "/deputyId", "reference"],
      [{ ...ok, from: "明天" }, "/from", "date"],
    ];
    for (const [body, path, problem] of cases) {
      const answer = await client.request("PUT", `/api/users/${a.actor.userId}/absence`, body);
      expect(answer.statusCode).toBe(422);
      expect(answer.json().error.details?.[0]).toMatchObject({ path, problem });
    }
    const set = await client.request("PUT", `/api/users/${a.actor.userId}/absence`, ok);
    expect(set.json().absence).toMatchObject({ deputyId: b.actor.userId, away: true });
    // Set ahead of time: not away yet, whatever the browser's clock says.
    const ahead = { ...ok, from: at(24 * hour) };
    expect(
      (await client.request("PUT", `/api/users/${a.actor.userId}/absence`, ahead)).json().absence,
    ).toMatchObject({
      away: false,
    });
    await client.request("PUT", `/api/users/${a.actor.userId}/absence`, ok);
    expect((await client.request("PUT", `/api/users/${b.actor.userId}/absence`, ok)).statusCode).toBe(403);
    const admin = await createStaff(database, env.org, "admin", { department: "管理部" });
    const adminClient = await env.http.signIn(await usernameOf(database, admin.actor.userId));
    // The administrator's user list shows it on the person's row.
    const listed = (await adminClient.request("GET", "/api/users")).json() as {
      id: string;
      absence: unknown;
    }[];
    expect(listed.find((u) => u.id === a.actor.userId)?.absence).toMatchObject({
      deputyId: b.actor.userId,
      away: true,
    });
    expect(listed.find((u) => u.id === b.actor.userId)?.absence).toBeNull();
    expect((await adminClient.request("DELETE", `/api/users/${a.actor.userId}/absence`)).statusCode).toBe(
      204,
    );
    expect((await client.request("GET", `/api/users/${a.actor.userId}/absence`)).json()).toEqual({
      absence: null,
    });
    const audited = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, env.org.orgId), eq(auditLog.entityId, a.actor.userId)))
      .orderBy(asc(auditLog.id));
    expect(audited.map((x) => x.action).filter((x) => x.startsWith("user.absence"))).toEqual([
      "user.absence_set",
      "user.absence_set",
      "user.absence_set",
      "user.absence_cleared",
    ]);
  });
});
