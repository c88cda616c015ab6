import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { type CreateTicketInput, fitTicketTitle, TICKET_TEXT_LIMITS } from "../../../common/schemas/tickets";
import type { Database } from "../../db/client";
import { auditLog, forbiddenPhraseHits, notifications, ticketCounters, tickets } from "../../db/schema";
import { JOB_DEFINITIONS } from "../../jobs/definitions";
import { JobRunner } from "../../jobs/runner";
import { AppError } from "../../lib/errors";
import { documentTokens, tokensToVector } from "../../lib/search-tokens";
import {
  aTicket,
  createOrg,
  createStaff,
  createTestTicket,
  type TestOrg,
  testDatabase,
} from "../../test/factories";
import { changeTicketStatus } from "./change-status";
import { createTicket } from "./create-ticket";
import { promiseAnswer } from "./promises";
import { getTicketDetail, listTickets, TOTAL_CAP } from "./queries";
import { replyToTicket } from "./reply-to-ticket";
import { setTicketTags } from "./tags";
import { transferTicket } from "./transfer-ticket";

let database: Database;
let org: TestOrg;
beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
};

describe("ticket numbers", () => {
  it("C024 number is prefix + year-month + serial, restarting each month in the organisation's zone", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const numberAt = async (iso: string, type: "complaint" | "repair") => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(iso));
      try {
        return (await createTestTicket(agent, { type })).number;
      } finally {
        vi.useRealTimers();
      }
    };
    expect([
      await numberAt("2026-11-30T15:59:00Z", "complaint"), // 23:59 in Shanghai: November
      await numberAt("2026-11-30T16:01:00Z", "complaint"), // 00:01 in Shanghai: December
      await numberAt("2026-11-15T08:00:00Z", "complaint"),
      await numberAt("2026-11-15T08:00:00Z", "repair"),
    ]).toEqual(["KS-202611-0001", "KS-202612-0001", "KS-202611-0002", "BX-202611-0001"]);
  });

  it("C024 200 tickets created concurrently get unique, gapless numbers", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) => createTestTicket(agent, { title: `并发 ${i}` })),
    );
    const serials = created.map((t) => Number(t.number.split("-")[2])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it("C024 the ten-thousandth ticket of a month gets five digits, not a truncated duplicate", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const first = await createTestTicket(agent, { type: "repair" });
    await database.db
      .update(ticketCounters)
      .set({ lastSerial: 9999 })
      .where(eq(ticketCounters.orgId, fresh.orgId));
    const next = await createTestTicket(agent, { type: "repair" });
    expect(next.number).toBe(first.number.replace(/0001$/, "10000"));
  });

  it("C024 a rolled-back ticket gives its number back", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    await expect(
      createTestTicket(agent, { departmentId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toThrow();
    const ticket = await createTestTicket(agent);
    expect(ticket.number).toMatch(/-0001$/);
  });
});

describe("first-contact responsibility", () => {
  it("C027 the first responder never changes and keeps the ticket in 我首问的 after transfer", async () => {
    const agent = await createStaff(database, org, "agent");
    const quality = await createStaff(database, org, "engineer", { department: "质量管理部" });
    const ticket = await createTestTicket(agent, { type: "complaint" });
    expect(ticket.firstResponderId).toBe(agent.actor.userId);
    await transferTicket(agent, ticket.id, {
      assigneeId: quality.actor.userId,
      reason: "产品质量问题，转质量管理部调查",
    });
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.firstResponderId).toBe(agent.actor.userId);
    expect(row.assigneeId).toBe(quality.actor.userId);
    expect(row.departmentId).toBe(org.departments.get("质量管理部"));
    const mine = await listTickets(agent, { queue: "first_responsibility" });
    expect(mine.items.map((t) => t.id)).toContain(ticket.id);
    const theirs = await listTickets(quality, { queue: "mine" });
    expect(theirs.items.map((t) => t.id)).toContain(ticket.id);
  });

  it("C029 a transfer needs a reason", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    expect(
      await codeOf(
        transferTicket(agent, ticket.id, { departmentId: org.departments.get("技术部"), reason: " " }),
      ),
    ).toBe("422 REASON_REQUIRED");
  });

  it("after a transfer the previous holder no longer handles the ticket, but as first responder still makes the closing callback", async () => {
    const first = await createStaff(database, org, "agent");
    const next = await createStaff(database, org, "agent");
    const supervisor = await createStaff(database, org, "supervisor");
    const ticket = await createTestTicket(first);
    await transferTicket(first, ticket.id, { assigneeId: next.actor.userId, reason: "换班，转同事跟进" });

    const seen = await getTicketDetail(first, ticket.id);
    expect(seen.abilities).toMatchObject({ start: false, hold: false, resolve: false, transfer: false });
    expect(seen.abilities).toMatchObject({ reply: true, note: true });
    expect(await codeOf(changeTicketStatus(first, ticket.id, { action: "start" }))).toBe(
      "403 TICKET_NOT_HELD",
    );
    expect(
      await codeOf(transferTicket(first, ticket.id, { assigneeId: first.actor.userId, reason: "拿回来" })),
    ).toBe("403 TICKET_NOT_HELD");
    const inAnHour = new Date(Date.now() + 3_600_000);
    expect(await codeOf(promiseAnswer(first, ticket.id, { promisedAt: inAnHour }))).toBe(
      "403 TICKET_NOT_HELD",
    );
    expect((await getTicketDetail(next, ticket.id)).abilities).toMatchObject({ start: true, transfer: true });
    // Whoever directs others' work may still act on it.
    await changeTicketStatus(supervisor, ticket.id, { action: "start" });
    await changeTicketStatus(next, ticket.id, { action: "resolve", text: "已远程指导恢复" });
    // C085: the closing callback belongs to the first responder.
    expect((await getTicketDetail(first, ticket.id)).abilities.record_callback).toBe(true);
    await changeTicketStatus(first, ticket.id, {
      action: "record_callback",
      text: "客户满意",
      satisfied: true,
    });
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.status).toBe("callback_done");
  });

  it("a portal ticket's first responder is whoever accepts it; a second agent racing gets 409", async () => {
    const a = await createStaff(database, org, "agent");
    const b = await createStaff(database, org, "agent");
    const staffTicket = await createTestTicket(a);
    const customerActor = {
      type: "customer" as const,
      orgId: org.orgId,
      customerId: staffTicket.customerId!,
      contactId: staffTicket.contactId!,
      name: "张三",
    };
    const portalTicket = await createTicket(
      { ...a, actor: customerActor },
      aTicket({ type: "repair", newCustomer: null }),
    );
    expect(portalTicket.status).toBe("new");
    expect(portalTicket.firstResponderId).toBeNull();
    const results = await Promise.all([
      codeOf(changeTicketStatus(a, portalTicket.id, { action: "accept" })),
      codeOf(changeTicketStatus(b, portalTicket.id, { action: "accept" })),
    ]);
    expect(results.sort()).toEqual(["409 TICKET_CONFLICT", "OK"]);
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, portalTicket.id));
    expect([a.actor.userId, b.actor.userId]).toContain(row.firstResponderId);
    expect(row.assigneeId).toBe(row.firstResponderId);
  });
});

describe("lifecycle", () => {
  it("C017 a ticket cannot be resolved without a recorded result", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    expect(await codeOf(changeTicketStatus(agent, ticket.id, { action: "resolve" }))).toBe(
      "422 RESOLUTION_REQUIRED",
    );
    expect(await codeOf(changeTicketStatus(agent, ticket.id, { action: "hold" }))).toBe(
      "422 REASON_REQUIRED",
    );
  });

  it("goes 受理 → 处理中 → 待客户反馈 → 处理中 → 已解决 → 已回访 → 已关闭 and writes each step", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    for (const step of [
      { action: "start" },
      { action: "wait_customer" },
      { action: "resume" },
      { action: "resolve", text: "更换镇流器后恢复正常" },
      { action: "record_callback", text: "客户确认已正常", satisfied: true },
      { action: "close" },
    ] as const) {
      await changeTicketStatus(agent, ticket.id, step);
    }
    const detail = await getTicketDetail(agent, ticket.id);
    expect(detail.status).toBe("closed");
    expect(detail.timeline.filter((e) => e.kind === "status").map((e) => e.data.to)).toEqual([
      "in_progress",
      "waiting_customer",
      "in_progress",
      "resolved",
      "callback_done",
      "closed",
    ]);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.id), eq(auditLog.orgId, org.orgId)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["ticket.created", "ticket.resolve", "ticket.close"]),
    );
    expect(await codeOf(changeTicketStatus(agent, ticket.id, { action: "resolve", text: "x" }))).toBe(
      "409 TICKET_TRANSITION_INVALID",
    );
  });

  it("C027 an unsatisfied callback sends the ticket back to its handler and counts a reopen", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已远程指导" });
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      text: "灯还是闪",
      satisfied: false,
    });
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.status).toBe("in_progress");
    expect(row.reopenCount).toBe(1);
  });

  it("an agent may not reopen (needs ticket.reopen); a supervisor may", async () => {
    const agent = await createStaff(database, org, "agent");
    const supervisor = await createStaff(database, org, "supervisor");
    const ticket = await createTestTicket(agent);
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
    expect(
      await codeOf(changeTicketStatus(agent, ticket.id, { action: "reopen", text: "客户再次来电" })),
    ).toBe("403 FORBIDDEN");
    expect(
      await codeOf(changeTicketStatus(supervisor, ticket.id, { action: "reopen", text: "客户再次来电" })),
    ).toBe("OK");
  });
});

describe("text limits", () => {
  it("a title over 100 characters or a description over 5,000 is refused, naming the field; derived titles are cut to fit", async () => {
    const agent = await createStaff(database, org, "agent");
    const issue = async (overrides: Partial<CreateTicketInput>) =>
      createTestTicket(agent, overrides).then(
        () => "OK",
        (error: z.ZodError) => error.issues.map((i) => i.path.join(".")).join(","),
      );
    expect(await issue({ title: "灯".repeat(101) })).toBe("title");
    expect(await issue({ description: "闪".repeat(5_001) })).toBe("description");
    expect(await issue({ title: "灯".repeat(100), description: "闪".repeat(5_000) })).toBe("OK");
    // The emoji straddles the cut: its first half would be the last unit kept.
    const long = `满意度回访不满意：${"灯".repeat(89)}😀${"尾".repeat(10)}`;
    const fitted = fitTicketTitle(long);
    expect(fitted.length).toBeLessThanOrEqual(TICKET_TEXT_LIMITS.title);
    expect(fitted.endsWith("…")).toBe(true);
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(await issue({ title: fitted })).toBe("OK");
    expect(fitTicketTitle("路灯不亮")).toBe("路灯不亮");
  });

  it("a reply over 5,000 characters and a transfer reason over 500 are refused, with the limits the forms count down", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    const rejected = (p: Promise<unknown>) =>
      p.then(
        () => "OK",
        (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".")} ${i.code}`).join(","),
      );
    expect(await rejected(replyToTicket(agent, ticket.id, { body: "答".repeat(5_001) }))).toBe(
      "body too_big",
    );
    expect(
      await rejected(
        transferTicket(agent, ticket.id, {
          departmentId: org.departments.get("技术部"),
          reason: "因".repeat(TICKET_TEXT_LIMITS.reason + 1),
        }),
      ),
    ).toBe("reason too_big");
  });
});

describe("replies", () => {
  it("C034 a reply containing a forbidden phrase is refused and counted for QA", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    expect(await codeOf(replyToTicket(agent, ticket.id, { body: "这个问题我不知道怎么办" }))).toBe(
      "422 FORBIDDEN_PHRASE",
    );
    expect(await codeOf(replyToTicket(agent, ticket.id, { body: "这事情 不归我管" }))).toBe(
      "422 FORBIDDEN_PHRASE",
    );
    const hits = await database.db
      .select()
      .from(forbiddenPhraseHits)
      .where(eq(forbiddenPhraseHits.userId, agent.actor.userId));
    expect(hits).toHaveLength(2);
    const detail = await getTicketDetail(agent, ticket.id);
    expect(detail.timeline.some((e) => e.kind === "reply")).toBe(false);
    await replyToTicket(agent, ticket.id, { body: "您好，我们已安排工程师跟进。" });
    expect((await getTicketDetail(agent, ticket.id)).timeline.some((e) => e.kind === "reply")).toBe(true);
  });

  it("internal notes may say anything and never reach the customer", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    await replyToTicket(agent, ticket.id, { body: "我不知道这个型号，请技术部确认", isInternal: true });
    const customerCtx = {
      ...agent,
      actor: {
        type: "customer" as const,
        orgId: org.orgId,
        customerId: ticket.customerId!,
        contactId: ticket.contactId!,
        name: "张三",
      },
    };
    const seenByCustomer = await getTicketDetail(customerCtx, ticket.id);
    expect(seenByCustomer.timeline.some((e) => e.kind === "note")).toBe(false);
  });
});

describe("time promises", () => {
  it("C031 a promise with no reply by then is counted as broken; a kept one is not", async () => {
    const agent = await createStaff(database, org, "agent");
    const broken = await createTestTicket(agent);
    const kept = await createTestTicket(agent);
    const soon = new Date(Date.now() + 60_000);
    await promiseAnswer(agent, broken.id, { promisedAt: soon, note: "下午给您答复" });
    await promiseAnswer(agent, kept.id, { promisedAt: soon });
    await replyToTicket(agent, kept.id, { body: "您好，经核实，灯具在保修期内，可免费更换。" });
    // Move the clock of the jobs two minutes on (keeping their order) instead of waiting.
    await database.db.execute(
      sql`UPDATE jobs SET run_at = run_at - interval '2 minutes' WHERE org_id = ${org.orgId} AND name LIKE 'ticket.promise%'`,
    );
    const runner = new JobRunner(database.db, JOB_DEFINITIONS);
    while ((await runner.runDue()) > 0) {}
    const rows = await database.db.select().from(tickets).where(eq(tickets.orgId, org.orgId));
    expect(rows.find((t) => t.id === broken.id)!.brokenPromises).toBe(1);
    expect(rows.find((t) => t.id === kept.id)!.brokenPromises).toBe(0);
    const notes = await database.db.select().from(notifications).where(eq(notifications.ticketId, broken.id));
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(["promise_due_soon", "promise_broken"]));
  });

  it("a promise must be in the future", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    expect(await codeOf(promiseAnswer(agent, ticket.id, { promisedAt: new Date(Date.now() - 1000) }))).toBe(
      "422 PROMISE_IN_PAST",
    );
  });
});

describe("queues and search", () => {
  it("each ticket shows its next time limit, and sorting by it puts the nearest first, open tickets only", async () => {
    const agent = await createStaff(database, org, "agent");
    const later = await createTestTicket(agent, { priority: "P4", title: "不急" });
    const urgent = await createTestTicket(agent, { priority: "P1", title: "很急" });
    const done = await createTestTicket(agent, { priority: "P1", title: "已办完" });
    await changeTicketStatus(agent, done.id, { action: "start" });
    await changeTicketStatus(agent, done.id, { action: "resolve", text: "已处理" });
    await changeTicketStatus(agent, done.id, { action: "record_callback", text: "满意", satisfied: true });
    await changeTicketStatus(agent, done.id, { action: "close" });
    const page = await listTickets(agent, { queue: "first_responsibility", sort: "due" });
    const ids = page.items.map((t) => t.id);
    expect(ids).not.toContain(done.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(later.id));
    const dues = page.items.map((t) => t.nextDue);
    expect(dues.every((d) => d && !d.breached && Date.parse(d.dueAt) > Date.now())).toBe(true);
    expect(dues.map((d) => d!.dueAt)).toEqual(dues.map((d) => d!.dueAt).sort());
  });

  it("C026 a green-channel ticket tops every queue and notifies the supervisors at once", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const supervisor = await createStaff(database, fresh, "supervisor");
    await createTestTicket(agent, { title: "普通咨询" });
    const urgent = await createTestTicket(agent, {
      title: "紧急投诉",
      isGreenChannel: true,
      type: "complaint",
      priority: "P1",
    });
    await createTestTicket(agent, { title: "另一个咨询" });
    const queue = await listTickets(agent, { queue: "mine" });
    expect(queue.items[0].id).toBe(urgent.id);
    const notes = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, supervisor.actor.userId));
    expect(notes.map((n) => n.kind)).toContain("green_channel");
  });

  it("Chinese word search: 亮度 finds 灯具亮度异常, 异响 finds the description, an absent word finds nothing", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const hit = await createTestTicket(agent, { title: "灯具亮度异常", description: "客户反映运行时异响" });
    await createTestTicket(agent, { title: "发票开具咨询", description: "需要增值税专用发票" });
    const ids = async (q: string) => (await listTickets(agent, { q })).items.map((t) => t.id);
    expect(await ids("亮度")).toEqual([hit.id]);
    expect(await ids("异响")).toEqual([hit.id]);
    expect(await ids("灯")).toEqual([hit.id]);
    expect(await ids(hit.number)).toEqual([hit.id]);
    expect(await ids("张三")).toHaveLength(2);
    expect(await ids("不存在的词语")).toEqual([]);
    await replyToTicket(agent, hit.id, { body: "建议更换整流器" });
    expect(await ids("整流器")).toEqual([hit.id]);
  });

  it("a frequent term (over the count cap) still pages newest first with green channel on top", async () => {
    const fresh = await createOrg(database);
    const supervisor = await createStaff(database, fresh, "supervisor");
    const base = Date.now() - 86_400_000;
    await database.db.insert(tickets).values(
      Array.from({ length: TOTAL_CAP + 5 }, (_, i) => ({
        orgId: fresh.orgId,
        number: `BX-202611-${i + 1}`,
        type: "repair",
        channel: "phone",
        priority: "P3" as const,
        title: `路灯不亮 ${i}`,
        description: "路灯不亮",
        isGreenChannel: i === 3,
        searchVector: tokensToVector(documentTokens(`路灯不亮 ${i}`)),
        createdAt: new Date(base + i * 1000),
      })),
    );
    const page = await listTickets(supervisor, { q: "路灯", pageSize: 5 });
    expect(page.totalIsCapped).toBe(true);
    expect(page.items.map((t) => t.title)).toEqual([
      "路灯不亮 3",
      `路灯不亮 ${TOTAL_CAP + 4}`,
      `路灯不亮 ${TOTAL_CAP + 3}`,
      `路灯不亮 ${TOTAL_CAP + 2}`,
      `路灯不亮 ${TOTAL_CAP + 1}`,
    ]);
  });

  it("department scope: a dispatcher sees their department's tickets, not another department's", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const dispatcher = await createStaff(database, fresh, "dispatcher", { department: "售后服务组" });
    const ours = await createTestTicket(agent, {
      type: "repair",
      departmentId: fresh.departments.get("售后服务组"),
    });
    const theirs = await createTestTicket(agent, { type: "complaint" });
    const visible = (await listTickets(dispatcher, {})).items.map((t) => t.id);
    expect(visible).toContain(ours.id);
    expect(visible).not.toContain(theirs.id);
    expect((await listTickets(dispatcher, { queue: "department" })).items.map((t) => t.id)).toEqual([
      ours.id,
    ]);
    expect(await codeOf(getTicketDetail(dispatcher, theirs.id))).toBe("404 TICKET_NOT_FOUND");
  });

  it("an agent (own scope) sees their tickets and the unassigned pool, not a colleague's", async () => {
    const fresh = await createOrg(database);
    const a = await createStaff(database, fresh, "agent");
    const b = await createStaff(database, fresh, "agent");
    const hers = await createTestTicket(a);
    expect(await codeOf(getTicketDetail(b, hers.id))).toBe("404 TICKET_NOT_FOUND");
    expect((await listTickets(b, {})).items).toHaveLength(0);
    // Writing to it tells no more than reading: 404, not 409 with its status.
    expect(await codeOf(changeTicketStatus(b, hers.id, { action: "start" }))).toBe("404 TICKET_NOT_FOUND");
    expect(await codeOf(replyToTicket(b, hers.id, { body: "?" }))).toBe("404 TICKET_NOT_FOUND");
  });
});

describe("tags", () => {
  it("the holder tags a ticket (timeline and audit); a colleague may not; the queue filters by tag; the customer never sees them", async () => {
    const fresh = await createOrg(database);
    const a = await createStaff(database, fresh, "agent");
    const b = await createStaff(database, fresh, "agent");
    const supervisor = await createStaff(database, fresh, "supervisor");
    const tagged = await createTestTicket(a, { title: "整批灯具闪烁" });
    const other = await createTestTicket(a);
    expect(await setTicketTags(a, tagged.id, { tags: [" 批量问题 ", "媒体关注", "批量问题"] })).toEqual([
      "批量问题",
      "媒体关注",
    ]);
    // The same tags again change nothing and write nothing.
    await setTicketTags(a, tagged.id, { tags: ["批量问题", "媒体关注"] });
    await setTicketTags(supervisor, tagged.id, { tags: ["批量问题"] });
    expect(await codeOf(setTicketTags(b, tagged.id, { tags: ["x"] }))).toBe("404 TICKET_NOT_FOUND");
    const colleague = await createTestTicket(b);
    expect(await codeOf(setTicketTags(a, colleague.id, { tags: ["x"] }))).toBe("404 TICKET_NOT_FOUND");
    const eleven = Array.from({ length: 11 }, (_, i) => `标签${i}`);
    await expect(setTicketTags(a, other.id, { tags: eleven })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: "too_big", path: ["tags"] })],
    });
    await expect(setTicketTags(a, other.id, { tags: ["长".repeat(31)] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: "too_big", path: ["tags", 0] })],
    });
    const detail = await getTicketDetail(a, tagged.id);
    expect(detail.tags).toEqual(["批量问题"]);
    expect(detail.abilities.tag).toBe(true);
    expect(detail.timeline.filter((e) => e.kind === "tagged").map((e) => e.data)).toEqual([
      { added: ["批量问题", "媒体关注"], removed: [] },
      { added: [], removed: ["媒体关注"] },
    ]);
    const audited = await database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, tagged.id), eq(auditLog.action, "ticket.tagged")));
    expect(audited).toHaveLength(2);
    expect((await listTickets(a, { tag: "批量问题" })).items.map((t) => t.id)).toEqual([tagged.id]);
    expect((await listTickets(a, { tag: "媒体关注" })).items).toEqual([]);
    const customer = {
      ...a,
      actor: {
        type: "customer" as const,
        orgId: fresh.orgId,
        customerId: tagged.customerId!,
        contactId: tagged.contactId!,
        name: "张三",
      },
    };
    expect((await getTicketDetail(customer, tagged.id)).tags).toEqual([]);
    // Nor can a customer find out which of their requests carry a tag.
    await expect(listTickets(customer, { tag: "批量问题" })).rejects.toMatchObject({
      status: 422,
      details: [{ path: "/tag", problem: "unknown" }],
    });
  });
});

describe("access", () => {
  it("a custom role without ticket.view can neither list nor open tickets", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    const noView = { ...agent, actor: { ...agent.actor, capabilities: new Set(["customer.view"] as const) } };
    expect(await codeOf(listTickets(noView, {}))).toBe("403 FORBIDDEN");
    expect(await codeOf(getTicketDetail(noView, ticket.id))).toBe("403 FORBIDDEN");
  });
});

describe("organisations", () => {
  it("one organisation can never read or change another's tickets", async () => {
    const other = await createOrg(database);
    const outsider = await createStaff(database, other, "manager");
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    expect(await codeOf(getTicketDetail(outsider, ticket.id))).toBe("404 TICKET_NOT_FOUND");
    expect(await codeOf(changeTicketStatus(outsider, ticket.id, { action: "start" }))).toBe(
      "404 TICKET_NOT_FOUND",
    );
    expect(await codeOf(replyToTicket(outsider, ticket.id, { body: "你好" }))).toBe("404 TICKET_NOT_FOUND");
    expect((await listTickets(outsider, { q: "亮度" })).items).toHaveLength(0);
  });

  it("the audit log is append-only", async () => {
    await expect(
      database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE org_id = ${org.orgId}`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`DELETE FROM audit_log WHERE org_id = ${org.orgId}`),
    ).rejects.toThrow();
  });
});
