import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { createOrg, createStaff, createTestTicket, setupTestOrg, testApp } from "../../test/factories";

const env = setupTestOrg();

describe("customer archive", () => {
  it("C005 phone, email and address are masked; unmasking needs customer.pii.view and is audited", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent, {
      newCustomer: { name: "王五", phone: "13900001111", email: "wang@example.com" },
    });
    const agentClient = await env.http.signInAs(agent);
    const view = (await agentClient.request("GET", `/api/customers/${ticket.customerId}`)).json();
    expect(view.customer.phone).toBe("139****1111");
    expect(view.customer.email).toBe("w***@example.com");
    expect(view.tickets.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    expect((await agentClient.request("POST", `/api/customers/${ticket.customerId}/unmask`)).statusCode).toBe(
      403,
    );
    const supervisor = await createStaff(env.database, env.org, "supervisor");
    const supClient = await env.http.signInAs(supervisor);
    const full = (await supClient.request("POST", `/api/customers/${ticket.customerId}/unmask`)).json();
    expect(full.phone).toBe("13900001111");
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ticket.customerId!), eq(auditLog.action, "customer.pii_viewed")));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(supervisor.actor.userId);
  });

  it("C019 the caller is found by number while it is typed, masked", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "赵六", phone: "13712340000" } });
    const client = await env.http.signInAs(agent);
    const found = (await client.request("GET", "/api/customers/lookup?phone=1371234")).json();
    expect(found.map((c: { name: string }) => c.name)).toEqual(["赵六"]);
    expect(found[0].phone).toBe("137****0000");
  });

  it("C007 a purchase records its warranty end (2 years from delivery by default)", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const client = await env.http.signInAs(agent);
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
    const agent = await createStaff(env.database, env.org, "agent");
    const client = await env.http.signInAs(agent);
    const res = await client.request("POST", "/api/customers", { kind: "enterprise", name: "" });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(res.json().error.message).toContain("name");
  });

  it("another organisation cannot read a customer", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent);
    const other = await createOrg(env.database);
    const outsider = await (await testApp(env.database, other)).signIn("admin");
    expect((await outsider.request("GET", `/api/customers/${ticket.customerId}`)).statusCode).toBe(404);
    expect((await outsider.request("POST", `/api/customers/${ticket.customerId}/unmask`)).statusCode).toBe(
      404,
    );
  });
});
