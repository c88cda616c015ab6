import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DOMAIN_EVENT_TYPES } from "../../../common/events";
import type { Database } from "../../db/client";
import { domainEvents, tickets } from "../../db/schema";
import { emit, MAX_EVENT_DEPTH, on, setListeners } from "../../lib/domain-events";
import { createOrg, createStaff, createTestTicket, type TestOrg, testDatabase } from "../../test/factories";
import { wireModules } from "../../wiring";
import { updateCustomer } from "../customers/save-customer";
import { changeTicketStatus } from "./change-status";
import { replyToTicket } from "./reply-to-ticket";
import { transferTicket } from "./transfer-ticket";

let database: Database;
let org: TestOrg;
beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
});

const eventsOf = (orgId: string) =>
  database.db.select().from(domainEvents).where(eq(domainEvents.orgId, orgId)).orderBy(asc(domainEvents.id));

/** Runs with other listeners than the wiring's, and puts the wiring's back (files share the module registry). */
async function withListeners(subscriptions: Parameters<typeof setListeners>[0], run: () => Promise<void>) {
  setListeners(subscriptions);
  try {
    await run();
  } finally {
    wireModules();
  }
}

describe("domain events", () => {
  it("every event of the list is emitted somewhere, and nothing emits an event off the list", () => {
    const server = path.resolve(import.meta.dirname, "../..");
    const emitted = readdirSync(server, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .flatMap((file) => [
        ...readFileSync(path.join(server, file), "utf8").matchAll(/\bemit\(\s*tx,\s*\w+,\s*"([\w.]+)"/g),
      ])
      .map((m) => m[1]);
    expect(new Set(emitted)).toEqual(new Set(DOMAIN_EVENT_TYPES));
  });

  it("each change records its typed event in its own transaction, with ids and facts and no personal data", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const dispatcher = await createStaff(database, fresh, "dispatcher");
    const ticket = await createTestTicket(agent, {
      title: "王小明家灯具异响",
      newCustomer: { name: "王小明", phone: "13912345678" },
    });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await replyToTicket(agent, ticket.id, { body: "王先生您好，我们已安排处理。" });
    await transferTicket(agent, ticket.id, { assigneeId: dispatcher.actor.userId, reason: "需上门" });
    await changeTicketStatus(dispatcher, ticket.id, { action: "resolve", text: "已为王小明更换镇流器" });
    await updateCustomer(agent, ticket.customerId!, { grade: "key" });

    const events = await eventsOf(fresh.orgId);
    expect(events.map((e) => e.type)).toEqual([
      "ticket.created",
      "ticket.status_changed",
      "ticket.replied",
      "ticket.assigned",
      "ticket.status_changed",
      "customer.grade_changed",
    ]);
    expect(events[0].payload).toEqual({
      ticketId: ticket.id,
      number: ticket.number,
      type: "inquiry",
      priority: "P3",
      channel: "phone",
      customerId: ticket.customerId,
      departmentId: agent.actor.departmentId,
      assigneeId: agent.actor.userId,
    });
    expect(events[3].payload).toMatchObject({
      assigneeId: dispatcher.actor.userId,
      previousAssigneeId: agent.actor.userId,
    });
    expect(events[4].payload).toMatchObject({ action: "resolve", from: "in_progress", to: "resolved" });
    expect(events[4]).toMatchObject({ actorType: "user", actorId: dispatcher.actor.userId });
    expect(events[5].payload).toEqual({ customerId: ticket.customerId, from: "normal", to: "key" });
    const recorded = JSON.stringify(events.map((e) => e.payload));
    for (const personal of ["王小明", "13912345678", "镇流器", "王先生", "需上门"]) {
      expect(recorded).not.toContain(personal);
    }
  });

  it("a listener that refuses the change rolls back the change and its event", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    const before = (await eventsOf(org.orgId)).length;
    await withListeners(
      [
        on("ticket.status_changed", async () => {
          throw new Error("refused by a listener");
        }),
      ],
      async () => {
        await expect(changeTicketStatus(agent, ticket.id, { action: "start" })).rejects.toThrow(
          "refused by a listener",
        );
      },
    );
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.status).toBe(ticket.status);
    expect(await eventsOf(org.orgId)).toHaveLength(before);
  });

  it(`a listener that sets off its own event endlessly is stopped at depth ${MAX_EVENT_DEPTH}, and nothing is kept`, async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    const payload = { customerId: crypto.randomUUID(), from: null, to: "key" as const };
    let calls = 0;
    await withListeners(
      [
        on("customer.grade_changed", async (tx, ctx, event) => {
          calls++;
          await emit(tx, ctx, "customer.grade_changed", event.payload);
        }),
      ],
      async () => {
        await expect(
          agent.db.transaction((tx) => emit(tx, agent, "customer.grade_changed", payload)),
        ).rejects.toThrow(`nested deeper than ${MAX_EVENT_DEPTH}`);
      },
    );
    expect(calls).toBe(MAX_EVENT_DEPTH);
    expect(await eventsOf(fresh.orgId)).toHaveLength(0);
  });

  it("a payload that does not match its event's schema is refused before anything is recorded", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    await expect(
      agent.db.transaction((tx) =>
        emit(tx, agent, "customer.grade_changed", { customerId: "not-an-id", from: null, to: "key" }),
      ),
    ).rejects.toThrow();
    expect(await eventsOf(fresh.orgId)).toHaveLength(0);
  });
});
