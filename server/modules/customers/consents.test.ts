import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, outboxMessages, surveyInvitations } from "../../db/schema";
import { createStaff, createTestTicket, sendOrgSurveys, setupTestOrg } from "../../test/factories";
import { changeTicketStatus } from "../tickets/change-status";

const env = setupTestOrg();

describe("consents (C153)", () => {
  it("C153 a customer's consents are recorded with time, source and who recorded them; a withdrawn survey consent stops the survey; marketing needs a yes", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "林客服" });
    const ticket = await createTestTicket(agent, { newCustomer: { name: "许女士", phone: "13722223333" } });
    const customerId = ticket.customerId!;
    const http = await env.http.signInAs(agent);
    const consents = `/api/customers/${customerId}/consents`;

    // Before anything is recorded: service contact and surveys follow from the service, marketing does not.
    const initial = (await http.request("GET", consents)).json();
    expect(initial).toEqual({
      current: [
        { purpose: "service_contact", granted: true, since: null },
        { purpose: "survey", granted: true, since: null },
        { purpose: "marketing", granted: false, since: null },
      ],
      history: [],
    });

    // She says on the phone she wants no more surveys, and yes to product news.
    const withdrawn = await http.request("POST", consents, {
      purpose: "survey",
      granted: false,
      source: "phone",
      note: "来电表示不再参加满意度调查",
    });
    expect(withdrawn.statusCode).toBe(200);
    await http.request("POST", consents, { purpose: "marketing", granted: true, source: "phone" });
    const now = (await http.request("GET", consents)).json();
    expect(now.current.map((c: { granted: boolean }) => c.granted)).toEqual([true, false, true]);
    expect(now.history).toHaveLength(2);
    expect(now.history[1]).toMatchObject({
      purpose: "survey",
      granted: false,
      source: "phone",
      note: "来电表示不再参加满意度调查",
      recordedBy: "林客服",
    });
    expect(Date.parse(now.history[1].recordedAt)).toBeGreaterThan(Date.now() - 60_000);
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, env.org.orgId), eq(auditLog.entityId, customerId)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["customer.consent_withdrawn", "customer.consent_given"]),
    );

    // Her ticket is resolved: the survey invitation is made, but not sent to her.
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已上门更换" });
    await sendOrgSurveys(env.database, env.org.orgId, "https://kefu.example.com");
    const [invitation] = await env.database.db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.orgId, env.org.orgId), eq(surveyInvitations.ticketId, ticket.id)));
    expect(invitation).toMatchObject({ sentAt: null, sendAt: null });
    const messages = await env.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, env.org.orgId), eq(outboxMessages.recipient, "13722223333")));
    expect(messages.filter((m) => m.secret === invitation.token || m.body.includes("满意度"))).toEqual([]);

    // Bad input is refused naming the field; a customer out of the caller's scope is not found; and
    // one who may only view customers cannot record consents.
    const bad = await http.request("POST", consents, { purpose: "spam", granted: true, source: "phone" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe("/purpose");
    const long = await http.request("POST", consents, {
      purpose: "marketing",
      granted: false,
      source: "paper",
      note: "长".repeat(501),
    });
    expect(long.json().error.details[0].path).toBe("/note");
    const otherAgent = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    expect((await otherAgent.request("GET", consents)).statusCode).toBe(404);
    const qa = await env.http.signInAs(await createStaff(env.database, env.org, "qa_inspector"));
    const refused = await qa.request("POST", consents, { purpose: "survey", granted: true, source: "phone" });
    expect(refused.statusCode).toBe(403);
  });
});
