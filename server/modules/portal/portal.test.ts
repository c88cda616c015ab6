import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema";
import { createStaff, createTestTicket, setupTestOrg } from "../../test/factories";

const env = setupTestOrg();

async function lastCode(recipient: string) {
  const [message] = await env.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, env.org.orgId), eq(outboxMessages.recipient, recipient)))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  return message.body.match(/\d{6}/)![0];
}

describe("customer portal", () => {
  it("a customer signs in with a one-time code, submits a repair request and it lands unassigned", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "孙七", phone: "13600002222" } });
    const ask = await env.http.app.inject({
      method: "POST",
      url: "/api/portal/code",
      payload: { org: env.org.slug, destination: "13600002222" },
    });
    expect(ask.statusCode).toBe(204);
    const code = await lastCode("13600002222");
    const wrong = await env.http.app.inject({
      method: "POST",
      url: "/api/portal/sign-in",
      payload: {
        org: env.org.slug,
        destination: "13600002222",
        code: code === "000000" ? "111111" : "000000",
      },
    });
    expect(wrong.json().error.code).toBe("PORTAL_CODE_INVALID");
    const ok = await env.http.app.inject({
      method: "POST",
      url: "/api/portal/sign-in",
      payload: { org: env.org.slug, destination: "13600002222", code },
    });
    expect(ok.statusCode).toBe(204);
    const again = await env.http.app.inject({
      method: "POST",
      url: "/api/portal/sign-in",
      payload: { org: env.org.slug, destination: "13600002222", code },
    });
    expect(again.statusCode).toBe(401);

    const cookie = ok.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const headers = { cookie, "x-csrf-token": ok.cookies.find((c) => c.name === "kefu_csrf")!.value };
    const created = await env.http.app.inject({
      method: "POST",
      url: "/api/tickets",
      headers,
      payload: {
        type: "repair",
        channel: "portal",
        title: "路灯不亮",
        description: "小区门口三盏路灯晚上不亮",
      },
    });
    expect(created.statusCode).toBe(201);
    const mine = (await env.http.app.inject({ method: "GET", url: "/api/tickets", headers })).json();
    expect(mine.items.map((t: { number: string }) => t.number)).toContain(created.json().number);
    expect(mine.items).toHaveLength(2);

    const agentClient = await env.http.signInAs(agent);
    const pool = (await agentClient.request("GET", "/api/tickets?queue=unassigned")).json();
    expect(pool.items.map((t: { id: string }) => t.id)).toContain(created.json().id);
    // A customer cannot use staff functions.
    expect((await env.http.app.inject({ method: "GET", url: "/api/customers", headers })).statusCode).toBe(
      403,
    );
  });

  it("an unknown number gets a clear message", async () => {
    const res = await env.http.app.inject({
      method: "POST",
      url: "/api/portal/code",
      payload: { org: env.org.slug, destination: "13000000000" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("PORTAL_CONTACT_UNKNOWN");
  });
});
