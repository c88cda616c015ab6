import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages, surveyInvitations } from "../../db/schema";
import { createStaff, createTestTicket, defaultAnswers, setupTestOrg } from "../../test/factories";
import { addPurchase } from "../customers/contacts-and-purchases";
import { changeTicketStatus } from "../tickets/change-status";

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

/** Session headers of a portal sign-in response: its cookies and the CSRF token. */
function portalHeaders(signIn: { cookies: { name: string; value: string }[] }) {
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { cookie, "x-csrf-token": signIn.cookies.find((c) => c.name === "kefu_csrf")!.value };
}

/** A customer's portal session, signed in with the code sent to their number. */
async function signInPortal(phone: string) {
  await env.http.app.inject({
    method: "POST",
    url: "/api/portal/code",
    payload: { org: env.org.slug, destination: phone },
  });
  const ok = await env.http.app.inject({
    method: "POST",
    url: "/api/portal/sign-in",
    payload: { org: env.org.slug, destination: phone, code: await lastCode(phone) },
  });
  return portalHeaders(ok);
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

    const headers = portalHeaders(ok);
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

  it("C064 a customer reports a repair of a unit picked from their installed base; the agent gets the unit, site and time", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const theirs = await createTestTicket(agent, { newCustomer: { name: "周八", phone: "13600003333" } });
    const other = await createTestTicket(agent, { newCustomer: { name: "吴九", phone: "13600004444" } });
    const unit = await addPurchase(agent, theirs.customerId!, {
      product: "LED 路灯 X100",
      serialNo: "SN-88",
      deliveredOn: new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10),
    });
    const foreign = await addPurchase(agent, other.customerId!, { product: "别人的设备" });
    const headers = await signInPortal("13600003333");
    const base = (
      await env.http.app.inject({ method: "GET", url: "/api/portal/installed-base", headers })
    ).json();
    expect(base).toEqual([expect.objectContaining({ id: unit.id, serialNo: "SN-88", inWarranty: true })]);

    const repair = (repairRequest: Record<string, unknown>) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/tickets",
        headers,
        payload: {
          type: "repair",
          channel: "portal",
          title: "路灯不亮",
          description: "晚上不亮",
          repairRequest,
        },
      });
    const site = { siteAddress: "北京市西城区 5 号", preferredAt: "2026-12-01T10:00:00+08:00" };
    expect((await repair({ purchaseId: foreign.id, ...site })).json().error.code).toBe("VALIDATION_FAILED");
    expect((await repair({ ...site })).json().error.code).toBe("VALIDATION_FAILED");
    const created = await repair({ purchaseId: unit.id, ...site });
    expect(created.statusCode).toBe(201);
    const agentClient = await env.http.signInAs(agent);
    const detail = (await agentClient.request("GET", `/api/tickets/${created.json().id}`)).json();
    expect(detail.repairRequest).toMatchObject({ purchaseId: unit.id, siteAddress: "北京市西城区 5 号" });
  });

  it("a customer finds the survey about their resolved request in the portal and answers it there, once", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent, { newCustomer: { name: "郑十", phone: "13600005555" } });
    await createTestTicket(agent, { newCustomer: { name: "冯十一", phone: "13600006666" } });
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已更换灯管" });
    // Sent (by the survey sender, which other test files' organisations share: this one alone here).
    await env.database.db
      .update(surveyInvitations)
      .set({ sentAt: new Date(), sendAt: null })
      .where(eq(surveyInvitations.ticketId, ticket.id));
    const headers = await signInPortal("13600005555");
    const open = async () =>
      (await env.http.app.inject({ method: "GET", url: "/api/portal/surveys", headers })).json();
    const [survey, ...others] = await open();
    // Theirs only: not the other customer's.
    expect(others).toEqual([]);
    expect(survey).toMatchObject({ number: ticket.number, title: ticket.title });
    const answered = await env.http.app.inject({
      method: "POST",
      url: `/api/surveys/${survey.token}`,
      payload: { answers: defaultAnswers(5) },
    });
    expect(answered.statusCode).toBe(200);
    expect(await open()).toEqual([]);
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
