import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchIndexState, tickets } from "../../db/schema";
import { createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { listCustomers } from "../customers/queries";
import { listTickets } from "../tickets/queries";
import { replyToTicket } from "../tickets/reply-to-ticket";
import { reindexSearch } from "./search-reindex";

const env = setupTestOrg();

describe("search in mixed, traditional and full-width script (issue 19)", () => {
  it("finds the Chinese after a model number, either script, either width — through the database", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const led = await createTestTicket(agent, {
      title: "LED吸顶灯频闪",
      description: "型号ＸＤ－２０２６，客厅使用",
    });
    const aircon = await createTestTicket(agent, {
      title: "KFR-35GW不制冷",
      description: "客戶反映空調開機後不製冷",
    });
    const ids = async (q: string) => (await listTickets(agent, { q })).items.map((t) => t.id).sort();
    expect(await ids("频闪")).toEqual([led.id]);
    expect(await ids("吸顶灯频闪")).toEqual([led.id]);
    expect(await ids("頻閃")).toEqual([led.id]);
    expect(await ids("不制冷")).toEqual([aircon.id]);
    expect(await ids("空调开机")).toEqual([aircon.id]);
    expect(await ids("35gw")).toEqual([aircon.id]);
    expect(await ids("ＫＦＲ")).toEqual([aircon.id]);
    expect(await ids("xd-2026")).toEqual([led.id]);
    expect(await ids("客厅")).toEqual([led.id]);
  });
});

describe("rebuilding search vectors of older rows", () => {
  it("rebuilds in batches with progress; replies, numbers and customers are found afterwards; the status says so", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent, {
      title: "LED吸顶灯频闪",
      newCustomer: { name: "臺北客戶", phone: "13800138123" },
    });
    await replyToTicket(agent, ticket.id, { body: "已更換驅動電源" });
    for (let i = 0; i < 4; i++) await createTestTicket(agent, { title: `路灯不亮 ${i}` });
    // What version 1 left: "LED吸顶灯频闪" as one token, no folding.
    const db = env.database.db;
    await db
      .update(tickets)
      .set({ searchVector: sql`'led吸顶灯频闪'::tsvector` })
      .where(and(eq(tickets.orgId, env.org.orgId), eq(tickets.id, ticket.id)));
    await db.update(searchIndexState).set({
      version: 1,
      startedAt: null,
      finishedAt: null,
      afterOrgId: null,
      afterId: null,
      done: 0,
      total: 0,
    });
    const ids = async (q: string) => (await listTickets(agent, { q })).items.map((t) => t.id);
    expect(await ids("频闪")).toEqual([]);

    const http = await env.http.signInAs(agent);
    const before = await http.request("GET", "/api/search/status");
    expect(before.json()).toEqual({ rebuilding: true, percent: 0 });
    const part = await reindexSearch(db, { batch: 2, batches: 1 });
    // The database may hold other test files' rows (PostgreSQL): the percentage is of all of them.
    const [state] = await db.select().from(searchIndexState).where(eq(searchIndexState.target, "tickets"));
    expect(state).toMatchObject({ done: 2, version: 1 });
    expect(state.total).toBeGreaterThanOrEqual(5);
    expect(part).toEqual({ rebuilding: true, percent: Math.floor((state.done * 100) / state.total) });

    expect(await reindexSearch(db)).toEqual({ rebuilding: false, percent: 0 });
    expect((await http.request("GET", "/api/search/status")).json()).toEqual({
      rebuilding: false,
      percent: 0,
    });
    expect(await ids("频闪")).toEqual([ticket.id]);
    expect(await ids("驱动电源")).toEqual([ticket.id]);
    expect(await ids(ticket.number)).toEqual([ticket.id]);
    expect(await ids("台北客户")).toEqual([ticket.id]);
    expect((await listCustomers(agent, { q: "台北" })).items.map((c) => c.name)).toEqual(["臺北客戶"]);
    // Run again: nothing left to do.
    expect(await reindexSearch(db)).toEqual({ rebuilding: false, percent: 0 });
  });
});
