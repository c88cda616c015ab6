import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ticketSlaClocks, tickets } from "../../db/schema";
import { codeOf, createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { changeTicketStatus } from "./change-status";
import { teamView } from "./team";

const env = setupTestOrg();

describe("the supervisor's team view", () => {
  it("shows each handler of the supervisor's department with open, oldest, at-risk and overdue counts and who is signed in", async () => {
    const { database, org, http } = env;
    const busy = await createStaff(database, org, "agent", { name: "忙客服" });
    const idle = await createStaff(database, org, "agent", { name: "闲客服" });
    const elsewhere = await createStaff(database, org, "engineer", { name: "外部门" });
    const supervisor = await createStaff(database, org, "supervisor", { name: "带班主管" });
    const first = await createTestTicket(busy, { title: "早来的" });
    const second = await createTestTicket(busy, { title: "晚来的" });
    await database.db
      .update(ticketSlaClocks)
      .set({ atRiskAt: new Date(Date.now() - 60_000) })
      .where(eq(ticketSlaClocks.ticketId, second.id));
    // One of them is past its time limit.
    await database.db
      .update(ticketSlaClocks)
      .set({ breachedAt: new Date() })
      .where(eq(ticketSlaClocks.ticketId, first.id));
    await http.signInAs(busy);

    const team = await teamView(supervisor);
    const names = team.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["忙客服", "闲客服", "带班主管"]));
    expect(names).not.toContain("外部门");
    expect(team.find((m) => m.name === "忙客服")).toMatchObject({
      department: "客服部",
      open: 2,
      atRisk: 1,
      overdue: 1,
      signedIn: true,
      oldestSince: first.receivedAt.toISOString(),
    });
    expect(team.find((m) => m.name === "闲客服")).toMatchObject({
      open: 0,
      overdue: 0,
      signedIn: false,
      oldestSince: null,
    });
    expect(team[0].name).toBe("忙客服");
    expect(await codeOf(teamView(idle))).toBe("FORBIDDEN");
    expect(elsewhere.actor.departmentId).not.toBe(supervisor.actor.departmentId);
  });
});

describe("bulk changes from the ticket list", () => {
  it("transfers the tickets it may, and says which it could not and why, in the caller's language", async () => {
    const { database, org, http } = env;
    const agent = await createStaff(database, org, "agent", { name: "原客服" });
    const target = await createStaff(database, org, "agent", { name: "新客服" });
    const supervisor = await createStaff(database, org, "supervisor");
    const a = await createTestTicket(agent);
    const b = await createTestTicket(agent);
    const closed = await createTestTicket(agent);
    for (const step of [
      { action: "start" },
      { action: "resolve", text: "已处理" },
      { action: "record_callback", text: "满意", satisfied: true },
      { action: "close" },
    ] as const)
      await changeTicketStatus(agent, closed.id, step);
    const foreign = await createTestTicket(await createStaff(database, await createOrg(database), "agent"));
    const client = await http.signInAs(supervisor);
    const res = await client.request("POST", "/api/tickets/bulk", {
      ids: [a.id, b.id, closed.id, foreign.id],
      action: "transfer",
      assigneeId: target.actor.userId,
      reason: "原客服休假，批量转交",
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.done).toBe(2);
    expect(body.failed).toEqual([
      { id: closed.id, number: closed.number, message: expect.stringContaining("已关闭") },
      { id: foreign.id, number: null, message: "工单不存在" },
    ]);
    const held = await database.db
      .select()
      .from(tickets)
      .where(inArray(tickets.id, [a.id, b.id]));
    expect(held.map((t) => t.assigneeId)).toEqual([target.actor.userId, target.actor.userId]);
    // More than the limit is refused as a whole, naming the field.
    const tooMany = await client.request("POST", "/api/tickets/bulk", {
      ids: Array.from({ length: 101 }, () => a.id),
      action: "priority",
      priority: "P1",
      reason: "x",
    });
    expect(tooMany.statusCode).toBe(422);
    // Bad input is a 4xx naming the field, never a 500: no ids, a NUL in the reason, an id that is no uuid.
    const bad = async (body: object) => {
      const reply = await client.request("POST", "/api/tickets/bulk", body);
      return `${reply.statusCode} ${reply.json().error.message}`;
    };
    expect(await bad({ ids: [], action: "close", reason: "重复" })).toBe(
      "422 输入有误：所选工单：至少选 1 项",
    );
    expect(await bad({ ids: [a.id], action: "close", reason: "重\u0000复" })).toBe(
      "422 输入有误：原因：不能包含控制字符",
    );
    // Half of a surrogate pair (what a cut emoji leaves) cannot be stored as text either.
    expect(await bad({ ids: [a.id], action: "close", reason: "重复\uD83D" })).toBe(
      "422 输入有误：原因：包含无法识别的字符",
    );
    // Emoji whole are text like any other.
    expect(await bad({ ids: [], action: "close", reason: "重复😀" })).toBe(
      "422 输入有误：所选工单：至少选 1 项",
    );
    // In a query as in a body.
    expect((await client.request("GET", "/api/tickets?q=%E7%81%AF%00")).statusCode).toBe(422);
    expect(await bad({ ids: ["x"], action: "close", reason: "重复" })).toBe(
      "422 输入有误：所选工单 · 第 1 项：所选的记录不存在",
    );
    expect(await bad({ ids: [a.id], action: "close", reason: "因".repeat(501) })).toBe(
      "422 输入有误：原因：最多 500 个字",
    );
    // The team view is for those who direct others' work.
    expect((await (await http.signInAs(agent)).request("GET", "/api/team")).statusCode).toBe(403);
    // An agent cannot reprioritise what a colleague now holds.
    const mine = await http.signInAs(agent);
    const refused = (
      await mine.request("POST", "/api/tickets/bulk", {
        ids: [a.id],
        action: "priority",
        priority: "P1",
        reason: "急",
      })
    ).json();
    expect(refused).toMatchObject({
      done: 0,
      failed: [{ id: a.id, message: expect.stringContaining("不由您处理") }],
    });
  });
});
