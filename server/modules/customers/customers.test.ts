import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import {
  type Client,
  createOrg,
  createStaff,
  createTestTicket,
  setupTestOrg,
  testApp,
} from "../../test/factories";

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
    const refused = await agentClient.request("POST", `/api/customers/${ticket.customerId}/unmask`);
    expect(refused.statusCode).toBe(403);
    // The refusal names what is missing in words, not by its id.
    expect(refused.json().error.message).toBe("您没有执行此操作的权限（需要 查看客户完整信息）");
    const english = await agentClient.request(
      "POST",
      `/api/customers/${ticket.customerId}/unmask`,
      undefined,
      "en-US",
    );
    expect(english.json().error.message).toBe(
      "You may not do this (requires See customers' full personal data)",
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
    const found = (await client.request("GET", "/api/customers/lookup?q=1371234")).json();
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

  it("an account manager of another organisation is refused as the field's error, on creation and on edit", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const client = await env.http.signInAs(agent);
    const outsider = await createStaff(env.database, await createOrg(env.database), "agent");
    const created = await client.request("POST", "/api/customers", {
      kind: "individual",
      name: "钱十",
      ownerUserId: outsider.actor.userId,
    });
    expect(created.statusCode).toBe(422);
    expect(created.json().error.details).toEqual([{ path: "/ownerUserId", problem: "unknown" }]);
    const { customerId } = (
      await client.request("POST", "/api/customers", { kind: "individual", name: "钱十" })
    ).json();
    const edited = await client.request("PATCH", `/api/customers/${customerId}`, {
      ownerUserId: outsider.actor.userId,
    });
    expect(edited.statusCode).toBe(422);
    const own = await client.request("PATCH", `/api/customers/${customerId}`, {
      ownerUserId: agent.actor.userId,
    });
    expect(own.statusCode).toBe(204);
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

describe("customers in the role's data scope", () => {
  const names = async (client: Client, path: string) =>
    ((await client.request("GET", path)).json() as { items?: { name: string }[] } & { name: string }[])
      .items ?? ((await client.request("GET", path)).json() as { name: string }[]);

  it("an agent sees the customers of the tickets they took and those they entered; a colleague's is hidden from the list, the record and edits, and found at intake only by its whole number or name", async () => {
    const suffix = Math.random().toString(36).slice(2, 6);
    const [agent, colleague] = [
      await createStaff(env.database, env.org, "agent"),
      await createStaff(env.database, env.org, "agent"),
    ];
    await createTestTicket(agent, { newCustomer: { name: `孙七${suffix}`, phone: "136 1111 2222" } });
    const theirs = await createTestTicket(colleague, {
      newCustomer: { name: `周八${suffix}`, phone: "136-3333-4444" },
    });
    const client = await env.http.signInAs(agent);
    const listed = (await names(client, `/api/customers?pageSize=200`)).map((c) => c.name);
    expect(listed).toContain(`孙七${suffix}`);
    expect(listed).not.toContain(`周八${suffix}`);
    const record = `/api/customers/${theirs.customerId}`;
    for (const [method, path, body] of [
      ["GET", record, undefined],
      ["PATCH", record, { notes: "改一下" }],
      ["POST", `${record}/contacts`, { name: "联系人", mobile: "13900000000" }],
      ["POST", `${record}/purchases`, { product: "吸顶灯" }],
      ["GET", `${record}/duplicates`, undefined],
    ] as const) {
      const reply = await client.request(method, path, body);
      expect([path, reply.statusCode, reply.json().error.code]).toEqual([path, 404, "CUSTOMER_NOT_FOUND"]);
    }
    // Taking the call: part of the number finds nobody beyond the agent's own; the whole number or
    // the whole name finds the caller, masked.
    expect(await names(client, "/api/customers/lookup?q=1363333")).toEqual([]);
    expect(await names(client, `/api/customers/lookup?q=${encodeURIComponent(`周八`)}`)).toEqual([]);
    const caller = (await client.request("GET", "/api/customers/lookup?q=13633334444")).json();
    expect(caller).toEqual([expect.objectContaining({ name: `周八${suffix}`, phone: "136****4444" })]);
    const byName = await names(client, `/api/customers/lookup?q=${encodeURIComponent(`周八${suffix}`)}`);
    expect(byName.map((c) => c.name)).toEqual([`周八${suffix}`]);
    expect((await names(client, "/api/customers/lookup?q=1361111")).map((c) => c.name)).toEqual([
      `孙七${suffix}`,
    ]);
    // Once the agent logs the caller's new request, the customer is theirs to see too.
    await createTestTicket(agent, { customerId: theirs.customerId, newCustomer: null });
    expect((await client.request("GET", record)).statusCode).toBe(200);
    // A customer the agent enters without a ticket stays theirs.
    const entered = (
      await client.request("POST", "/api/customers", { kind: "individual", name: `吴九${suffix}` })
    ).json();
    expect((await client.request("GET", `/api/customers/${entered.customerId}`)).statusCode).toBe(200);
    expect(
      (await (await env.http.signInAs(colleague)).request("GET", `/api/customers/${entered.customerId}`))
        .statusCode,
    ).toBe(404);
  });

  it("a dispatcher sees what their department entered or handles, a supervisor every customer", async () => {
    const suffix = Math.random().toString(36).slice(2, 6);
    const [agent, dispatcher, colleague, supervisor] = [
      await createStaff(env.database, env.org, "agent"),
      await createStaff(env.database, env.org, "dispatcher"),
      await createStaff(env.database, env.org, "dispatcher"),
      await createStaff(env.database, env.org, "supervisor"),
    ];
    const agents = await createTestTicket(agent, {
      newCustomer: { name: `客服客户${suffix}`, phone: "13700000001" },
    });
    const department = await createTestTicket(colleague, {
      newCustomer: { name: `售后客户${suffix}`, phone: "13700000002" },
    });
    const listed = async (who: typeof agent) =>
      (await names(await env.http.signInAs(who), "/api/customers?pageSize=200")).map((c) => c.name);
    expect(await listed(dispatcher)).toContain(`售后客户${suffix}`);
    expect(await listed(dispatcher)).not.toContain(`客服客户${suffix}`);
    expect(await listed(supervisor)).toEqual(
      expect.arrayContaining([`售后客户${suffix}`, `客服客户${suffix}`]),
    );
    expect(department.customerId).not.toBe(agents.customerId);
  });
});
