import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db/client";
import { auditLog, contacts, customers, tickets } from "../../db/schema";
import { codeOf, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { listCustomers } from "../customers/queries";
import { updateCustomer } from "../customers/save-customer";
import { listTickets } from "../tickets/queries";
import { ERASED, PERSONAL_COLUMNS } from "./anonymise";

const env = setupTestOrg();

async function customerWithCase(name: string, phone: string) {
  const agent = await createStaff(env.database, env.org, "agent");
  const ticket = await createTestTicket(agent, {
    type: "repair",
    title: "吸顶灯不亮",
    newCustomer: { name, phone },
    repairRequest: { product: "LED 吸顶灯", siteAddress: "杭州市西湖区文三路 100 号 3 幢 502 室" },
  });
  return { agent, ticket, customerId: ticket.customerId! };
}

describe("a customer's correction and deletion requests (PIPL, M14)", () => {
  it("a deletion request logged by the agent and closed by a records manager erases the customer's personal data everywhere — record, contacts, the repair site, search — and keeps the tickets with their numbers; audited without the values", async () => {
    const { agent, ticket, customerId } = await customerWithCase("林女士", "13911112222");
    const staff = await env.http.signInAs(agent);
    const logged = await staff.request("POST", `/api/customers/${customerId}/data-requests`, {
      kind: "deletion",
      source: "phone",
      details: "客户来电要求删除其个人信息",
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const { id } = logged.json();
    // The agent may not erase; the request waits for a records manager, who sees it on the records page.
    const own = (await staff.request("GET", `/api/customers/${customerId}/data-requests`)).json();
    expect(own.items).toEqual([expect.objectContaining({ id, status: "open", may: { close: false } })]);
    expect(
      (
        await staff.request("POST", `/api/records/data-requests/${id}/close`, {
          outcome: "done",
          note: "已删除",
        })
      ).statusCode,
    ).toBe(403);
    const custodian = await env.http.signInAs(await createStaff(env.database, env.org, "records_custodian"));
    const waiting = (await custodian.request("GET", "/api/records/data-requests?status=open")).json();
    expect(waiting.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, customer: "林女士", may: { close: true } })]),
    );
    const done = await custodian.request("POST", `/api/records/data-requests/${id}/close`, {
      outcome: "done",
      note: "已按本人要求删除",
    });
    expect(done.statusCode, done.body).toBe(204);

    const [customer] = await env.database.db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, env.org.orgId), eq(customers.id, customerId)));
    expect(customer).toMatchObject({ phone: null, email: null, address: null });
    expect(customer.name).toMatch(/^已匿名客户 /);
    expect(customer.anonymisedAt).not.toBeNull();
    const people = await env.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, env.org.orgId), eq(contacts.customerId, customerId)));
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.name === ERASED && p.mobile === null && p.phone === null)).toBe(true);
    // The service record stays, numbered, its site erased.
    const [kept] = await env.database.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.orgId, env.org.orgId), eq(tickets.id, ticket.id)));
    expect(kept.number).toBe(ticket.number);
    expect(kept.repairRequest?.siteAddress).toBe(ERASED);
    // Nobody finds the customer or the case by the name or number any more; the case by its number, yes.
    const supervisor = await createStaff(env.database, env.org, "supervisor");
    expect((await listCustomers(supervisor, { q: "林女士" })).items).toEqual([]);
    expect((await listTickets(supervisor, { q: "13911112222" })).items).toEqual([]);
    expect((await listTickets(supervisor, { q: "林女士" })).items).toEqual([]);
    expect((await listTickets(supervisor, { q: ticket.number })).items.map((t) => t.id)).toEqual([ticket.id]);
    // Nothing of it is left anywhere in the customer's tables but the operation log's history.
    const dump = JSON.stringify(
      await queryRows(
        env.database.db,
        sql`SELECT row_to_json(x) FROM (SELECT * FROM tickets WHERE org_id = ${env.org.orgId} AND customer_id = ${customerId}) x`,
      ),
    );
    expect(dump).not.toContain("文三路");
    const [erased] = await env.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, env.org.orgId),
          eq(auditLog.action, "customer.anonymised"),
          eq(auditLog.entityId, customerId),
        ),
      );
    expect(erased.after).toMatchObject({ customers: 1, contacts: people.length, tickets: 1 });
    expect(JSON.stringify(erased)).not.toContain("13911112222");
    // The erased record is not changed again, and the request is closed.
    expect(await codeOf(updateCustomer(supervisor, customerId, { name: "林女士" }))).toBe(
      "CUSTOMER_ANONYMISED",
    );
    const again = await custodian.request("POST", `/api/records/data-requests/${id}/close`, {
      outcome: "done",
      note: "再次",
    });
    expect(again.statusCode).toBe(409);
  });

  it("a deletion is refused while one of the customer's cases is under a legal hold, and can be refused with the reason; a correction is closed by the agent who made it, not by one who cannot see the customer", async () => {
    const { agent, ticket, customerId } = await customerWithCase("周先生", "13922223333");
    const staff = await env.http.signInAs(agent);
    const custodian = await env.http.signInAs(await createStaff(env.database, env.org, "records_custodian"));
    await custodian.request("POST", "/api/records/holds", { ticketNumber: ticket.number, reason: "诉讼中" });
    const { id } = (
      await staff.request("POST", `/api/customers/${customerId}/data-requests`, {
        kind: "deletion",
        source: "paper",
        details: "书面申请删除个人信息",
      })
    ).json();
    const held = await custodian.request("POST", `/api/records/data-requests/${id}/close`, {
      outcome: "done",
      note: "删除",
    });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.message).toContain(ticket.number);
    const refused = await custodian.request("POST", `/api/records/data-requests/${id}/close`, {
      outcome: "refused",
      note: "诉讼期间依法保存，结案后再处理",
    });
    expect(refused.statusCode).toBe(204);
    const [customer] = await env.database.db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, env.org.orgId), eq(customers.id, customerId)));
    expect(customer.phone).toBe("13922223333");

    const correction = await staff.request("POST", `/api/customers/${customerId}/data-requests`, {
      kind: "correction",
      source: "phone",
      details: "地址有误，应为文一路",
    });
    const list = (await staff.request("GET", `/api/customers/${customerId}/data-requests`)).json();
    expect(list.items[0]).toMatchObject({
      id: correction.json().id,
      kind: "correction",
      may: { close: true },
    });
    expect(list.items[1]).toMatchObject({ id, status: "refused", outcome: "诉讼期间依法保存，结案后再处理" });
    // Another agent, whose data scope does not reach this customer, cannot close it.
    const stranger = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    const unseen = await stranger.request(
      "POST",
      `/api/records/data-requests/${correction.json().id}/close`,
      {
        outcome: "done",
        note: "已更正",
      },
    );
    expect(unseen.statusCode).toBe(404);
    const closed = await staff.request("POST", `/api/records/data-requests/${correction.json().id}/close`, {
      outcome: "done",
      note: "地址已更正",
    });
    expect(closed.statusCode).toBe(204);
    // Bad input is refused naming the field.
    const bad = await staff.request("POST", `/api/customers/${customerId}/data-requests`, {
      kind: "forget",
      source: "phone",
      details: "",
    });
    expect(bad.statusCode).toBe(422);
  });

  it("every column that holds a customer's personal data is erased by a deletion, or is known not to be about customers", async () => {
    const columns = await queryRows<{ name: string }>(
      env.database.db,
      sql`SELECT table_name || '.' || column_name AS name FROM information_schema.columns
           WHERE table_schema = 'public'
             AND column_name ~ '(phone|mobile|email|address|wechat|fax|signer|recipient|destination|^name$|^title$|notes|preferences)'`,
    );
    // Staff's own, the organisation's, partners' (survey campaigns to suppliers) and free text of the
    // work itself (a ticket's title is what the case is about).
    const notCustomers = new Set([
      "users.phone",
      "users.email",
      "report_subscriptions.email",
      "survey_campaigns.recipients",
      "organizations.name",
      "departments.name",
      "service_points.name",
      "roles.name",
      "business_calendars.name",
      "sla_policies.name",
      "survey_campaigns.name",
      "standard_answers.title",
      "tickets.title",
      "qa_scorecards.name",
      "complaint_categories.name",
      "spare_parts.name",
      "tools.name",
      "service_agreements.title",
      "recall_campaigns.title",
      "saved_views.name",
      "api_tokens.name",
      "jobs.name",
      "schedule_runs.name",
      "webhook_endpoints.name",
      "automation_rules.name",
      "qa_plans.name",
      "survey_templates.name",
    ]);
    const names = new Set(columns.map((c) => c.name));
    expect([...notCustomers].filter((c) => !names.has(c))).toEqual([]);
    const handled = new Set(PERSONAL_COLUMNS.map((c) => (c.endsWith(".*") ? c.slice(0, -2) : c)));
    const unaccounted = columns
      .map((c) => c.name)
      .filter((c) => !notCustomers.has(c) && !handled.has(c) && !handled.has(c.split(".")[0]))
      .sort();
    expect(unaccounted).toEqual([]);
  });
});
