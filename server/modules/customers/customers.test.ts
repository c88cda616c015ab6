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

  it("validation errors name the field in the caller's language and say what is expected", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const client = await env.http.signInAs(agent);
    const res = await client.request("POST", "/api/customers", { kind: "enterprise", name: "" });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: "VALIDATION_FAILED", message: "输入有误：名称：必填" });
    const ticket = {
      type: "inquiry",
      channel: "phone",
      title: "灯".repeat(101),
      description: "不亮",
      newCustomer: { kind: "individual", name: "王先生", phone: "abc" },
    };
    const said = async (locale: "zh-CN" | "en-US" | "zh-TW") => {
      const reply = await client.request("POST", "/api/tickets", ticket, locale);
      expect(reply.statusCode).toBe(422);
      return reply.json().error;
    };
    const zh = await said("zh-CN");
    expect(zh.message).toContain("标题：最多 100 个字");
    expect(zh.message).toContain("新客户 · 电话：应为电话号码（如 13800138000）");
    expect(zh.message).not.toMatch(/[A-Za-z]{3,}/);
    expect(zh.details).toEqual(
      expect.arrayContaining([
        { path: "/title", problem: "too_long", limit: 100 },
        { path: "/newCustomer/phone", problem: "phone" },
      ]),
    );
    expect((await said("en-US")).message).toContain("new customer · phone must be a phone number");
    expect((await said("zh-TW")).message).toContain("新客戶 · 電話：應為電話號碼");
    // A body that is not JSON is a request problem in words, not the parser's English.
    const garbled = await env.http.app.inject({
      method: "POST",
      url: "/api/customers",
      payload: "{not json",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "application/json" },
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().error).toMatchObject({ code: "MALFORMED_REQUEST" });
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
