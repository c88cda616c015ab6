import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "../../../common/audit-labels";
import { LOCALES, REPAIR_RETURN_STATUSES, TICKET_ACTIONS } from "../../../common/enums";
import { createOrg, createStaff, createTestTicket, setupTestOrg, testApp } from "../../test/factories";
import { transferTicket } from "../tickets/transfer-ticket";

const env = setupTestOrg();
const serverDir = path.resolve(import.meta.dirname, "../..");

/** The server's source files, tests left out. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });

describe("the operation log", () => {
  it("every action and record type the server logs has a name in each of the console's languages", () => {
    const actions = new Set<string>();
    const entities = new Set<string>();
    for (const file of sources(serverDir)) {
      const text = readFileSync(file, "utf8");
      // action: "ticket.created", and both arms of action: x ? "qa.plan_updated" : "qa.plan_created".
      for (const [, clause] of text.matchAll(/action:\s*([^,\n]*(?:\n\s*[?:][^,\n]*)*)/g))
        for (const [, name] of clause.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) actions.add(name);
      for (const [, name] of text.matchAll(/entityType:\s*"([a-z_]+)"/g)) entities.add(name);
    }
    expect(actions.size).toBeGreaterThan(100);
    // Actions made from a value: each value they can take.
    for (const action of TICKET_ACTIONS) actions.add(`ticket.${action}`);
    for (const kind of ["reply", "note", "customer_reply"]) actions.add(`ticket.${kind}`);
    for (const status of REPAIR_RETURN_STATUSES) actions.add(`repair_return.${status}`);
    for (const name of ["tool.checked", "tool.lent", "tool.returned", "replenishment.received"])
      actions.add(name);
    for (const name of [
      "replenishment.cancelled",
      "complaint.proposal_accepted",
      "complaint.proposal_objected",
    ])
      actions.add(name);
    for (const name of ["campaign.approved", "campaign.rejected", "approval.approve", "approval.reject"])
      actions.add(name);
    for (const verb of ["step_done", "step_skipped", "countersign_signed", "countersign_refused"])
      actions.add(`complaint.${verb}`);
    for (const verb of ["approved", "rejected", "report_approved", "report_returned", "updated"])
      actions.add(`work_order.${verb}`);
    const unnamed = [...actions].filter((a) => LOCALES.some((l) => !AUDIT_ACTION_LABELS[a]?.[l]));
    expect(unnamed).toEqual([]);
    expect([...entities].filter((e) => LOCALES.some((l) => !AUDIT_ENTITY_LABELS[e]?.[l]))).toEqual([]);
  });

  it("names the records and people a page of the log mentions, never showing another organisation's", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "林客服" });
    const colleague = await createStaff(env.database, env.org, "agent", { name: "郑客服" });
    const ticket = await createTestTicket(agent);
    await transferTicket(agent, ticket.id, { assigneeId: colleague.actor.userId, reason: "换班" });
    const manager = await createStaff(env.database, env.org, "manager");
    const client = await env.http.signInAs(manager);
    const page = (await client.request("GET", `/api/audit?entityId=${ticket.id}`)).json();
    const transfer = page.items.find((r: { action: string }) => r.action === "ticket.transferred");
    expect(page.names[transfer.entityId]).toBe(ticket.number);
    expect(page.names[transfer.before.assigneeId]).toBe("林客服");
    expect(page.names[transfer.after.assigneeId]).toBe("郑客服");

    // A reader without customer.pii.view sees a logged phone number masked (C005).
    const qa = await env.http.signInAs(await createStaff(env.database, env.org, "qa_inspector"));
    const customerRows = (await qa.request("GET", `/api/audit?entityId=${ticket.customerId}`)).json().items;
    const created = customerRows.find((r: { action: string }) => r.action === "customer.created");
    expect(created.after.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const unmasked = (await client.request("GET", `/api/audit?entityId=${ticket.customerId}`)).json().items;
    expect(unmasked.find((r: { action: string }) => r.action === "customer.created").after.phone).toMatch(
      /^\d{11}$/,
    );

    const other = await createOrg(env.database);
    const outsider = await createStaff(env.database, other, "manager");
    const theirs = await (await testApp(env.database, other)).signInAs(outsider);
    const leaked = (await theirs.request("GET", `/api/audit?entityId=${ticket.id}`)).json();
    expect(leaked.items).toEqual([]);
  });
});
