import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { auditLog } from "../../db/schema";
import {
  createOrg,
  createStaff,
  createTestTicket,
  type TestOrg,
  testApp,
  testDatabase,
  usernameOf,
} from "../../test/factories";

let database: Database;
let org: TestOrg;
let http: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  database = await testDatabase();
  org = await createOrg(database);
  http = await testApp(database, org);
});

describe("customer archive", () => {
  it("C005 phone, email and address are masked; unmasking needs customer.pii.view and is audited", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent, {
      newCustomer: { name: "王五", phone: "13900001111", email: "wang@example.com" },
    });
    const agentClient = await http.signIn(await usernameOf(database, agent.actor.userId));
    const view = (await agentClient.request("GET", `/api/customers/${ticket.customerId}`)).json();
    expect(view.customer.phone).toBe("139****1111");
    expect(view.customer.email).toBe("w***@example.com");
    expect(view.tickets.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    expect((await agentClient.request("POST", `/api/customers/${ticket.customerId}/unmask`)).statusCode).toBe(
      403,
    );
    const supervisor = await createStaff(database, org, "supervisor");
    const supClient = await http.signIn(await usernameOf(database, supervisor.actor.userId));
    const full = (await supClient.request("POST", `/api/customers/${ticket.customerId}/unmask`)).json();
    expect(full.phone).toBe("13900001111");
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.customerId!), eq(auditLog.action, "customer.pii_viewed")));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(supervisor.actor.userId);
  });

  it("C019 the caller is found by number while it is typed, masked", async () => {
    const agent = await createStaff(database, org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "赵六", phone: "13712340000" } });
    const client = await http.signIn(await usernameOf(database, agent.actor.userId));
    const found = (await client.request("GET", "/api/customers/lookup?phone=1371234")).json();
    expect(found.map((c: { name: string }) => c.name)).toEqual(["赵六"]);
    expect(found[0].phone).toBe("137****0000");
  });

  it("C007 a purchase records its warranty end (2 years from delivery by default)", async () => {
    const agent = await createStaff(database, org, "agent");
    const client = await http.signIn(await usernameOf(database, agent.actor.userId));
    const customer = (
      await client.request("POST", "/api/customers", {
        kind: "enterprise",
        name: "华东照明工程有限公司",
        phone: "021-55550000",
      })
    ).json();
    const purchase = (
      await client.request("POST", `/api/customers/${customer.customerId}/purchases`, {
        product: "LED 平板灯",
        model: "PL-600",
        serialNo: "SN2026001",
        deliveredOn: "2026-03-15",
      })
    ).json();
    expect(purchase.warrantyEndsOn).toBe("2028-03-15");
  });

  it("validation errors name the field and keep the stable code", async () => {
    const agent = await createStaff(database, org, "agent");
    const client = await http.signIn(await usernameOf(database, agent.actor.userId));
    const res = await client.request("POST", "/api/customers", { kind: "enterprise", name: "" });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(res.json().error.message).toContain("name");
  });

  it("another organisation cannot read a customer", async () => {
    const agent = await createStaff(database, org, "agent");
    const ticket = await createTestTicket(agent);
    const other = await createOrg(database);
    const outsider = await (await testApp(database, other)).signIn("admin");
    expect((await outsider.request("GET", `/api/customers/${ticket.customerId}`)).statusCode).toBe(404);
    expect((await outsider.request("POST", `/api/customers/${ticket.customerId}/unmask`)).statusCode).toBe(
      404,
    );
  });
});
