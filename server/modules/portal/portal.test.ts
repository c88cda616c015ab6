import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages, surveyInvitations } from "../../db/schema";
import {
  Client,
  createStaff,
  createTestTicket,
  defaultAnswers,
  lastCode,
  setupTestOrg,
} from "../../test/factories";
import { addPurchase } from "../customers/contacts-and-purchases";
import { deliverMessage, recordingDriver, setMessageDriver } from "../messaging/outbox";
import { changeTicketStatus } from "../tickets/change-status";

const env = setupTestOrg();

const codeSentTo = (recipient: string) => lastCode(env.database, env.org, recipient);

/** Session headers of a portal sign-in: its cookies and the CSRF token. */
function portalHeaders(signIn: { cookies: { name: string; value: string }[] }) {
  const client = new Client(env.http.app, signIn.cookies);
  return { cookie: client.cookie, "x-csrf-token": client.csrf };
}

/** Session headers of a customer's portal session, signed in with the code sent to their number. */
async function signInPortal(phone: string) {
  const client = await env.http.signInCustomer(phone);
  return { cookie: client.cookie, "x-csrf-token": client.csrf };
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
    const code = await codeSentTo("13600002222");
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

  it("an unknown number is answered as a known one, and nothing is sent: the portal does not tell whose numbers are customers'", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "周八", phone: "13600003333" } });
    const ask = (destination: string, remoteAddress: string) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/portal/code",
        payload: { org: env.org.slug, destination },
        remoteAddress,
      });
    const known = await ask("13600003333", "198.51.100.1");
    const unknown = await ask("13000000000", "198.51.100.2");
    expect([known.statusCode, unknown.statusCode]).toEqual([204, 204]);
    expect(unknown.body).toBe(known.body);
    const sent = await env.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "13000000000"));
    expect(sent).toHaveLength(0);
  });

  it("codes for one number are limited, and new codes do not buy new guesses: 10 wrong codes stop the number for the hour", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "吴九", phone: "13600004444" } });
    const ask = (n: number) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/portal/code",
        payload: { org: env.org.slug, destination: "13600004444" },
        remoteAddress: `198.51.100.${10 + n}`,
      });
    for (let n = 0; n < 5; n++) expect((await ask(n)).statusCode).toBe(204);
    const sixth = await ask(5);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe("TOO_MANY_ATTEMPTS");
    expect(
      await env.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, "13600004444")),
    ).toHaveLength(5);

    // Guesses, concurrently and from many addresses, across the codes sent: ten, then nothing.
    const code = await codeSentTo("13600004444");
    const guess = (value: string, n: number) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/portal/sign-in",
        payload: { org: env.org.slug, destination: "13600004444", code: value },
        remoteAddress: `203.0.113.${n}`,
      });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, n) => guess(wrong, n)));
    expect(guesses.filter((r) => r.statusCode === 401)).toHaveLength(10);
    expect(guesses.filter((r) => r.statusCode === 429)).toHaveLength(20);
    // Even the right code is refused until the hour is over.
    expect((await guess(code, 99)).statusCode).toBe(429);
  });

  it("the outbox never shows a one-time code, and forgets it once the message driver has taken it", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "郑十", phone: "13600005555" } });
    await env.http.app.inject({
      method: "POST",
      url: "/api/portal/code",
      payload: { org: env.org.slug, destination: "13600005555" },
    });
    const code = await codeSentTo("13600005555");
    const supervisor = await env.http.signInAs(await createStaff(env.database, env.org, "supervisor"));
    const shown = async () =>
      (await supervisor.request("GET", "/api/outbox?pageSize=100"))
        .json()
        .items.find((m: { recipient: string }) => m.recipient === "13600005555");
    expect((await shown()).body).toContain("您的登录验证码是 ••••••");
    expect(JSON.stringify(await shown())).not.toContain(code);

    // Delivered as the job does, for this organisation's message only (a runner would also take jobs
    // of other test files' organisations on a shared PostgreSQL, and they ours).
    const ofThisNumber = and(
      eq(outboxMessages.orgId, env.org.orgId),
      eq(outboxMessages.recipient, "13600005555"),
    );
    const queued = await env.database.db.select().from(outboxMessages).where(ofThisNumber);
    const delivered: string[] = [];
    setMessageDriver({ send: async (m) => void delivered.push(m.body) });
    try {
      const job = { db: env.database.db, orgId: env.org.orgId, jobId: 0, attempt: 1 };
      for (const { id } of queued) await deliverMessage.handle(job, { messageId: id });
    } finally {
      setMessageDriver(recordingDriver);
    }
    expect(delivered.find((body) => body.includes(code))).toContain(`您的登录验证码是 ${code}`);
    const stored = await env.database.db.select().from(outboxMessages).where(ofThisNumber);
    for (const message of stored) expect(message).toMatchObject({ status: "sent", secret: null });
    expect(JSON.stringify(stored)).not.toContain(code);
  });
});
