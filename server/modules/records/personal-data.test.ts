import path from "node:path";
import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { addPurchase } from "../customers/contacts-and-purchases";
import { attachToTicket } from "../tickets/attachments";

const env = setupTestOrg();

describe("a customer's personal data on request (PIPL, M14)", () => {
  it("one action gives a zip with everything held about the customer — record, contacts, purchases, consents, tickets with their timeline and files — and nobody else's; audited; only for those who may see and export personal data", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent, { newCustomer: { name: "何先生", phone: "13655556666" } });
    const other = await createTestTicket(agent, { newCustomer: { name: "别人", phone: "13677778888" } });
    const customerId = ticket.customerId!;
    await addPurchase(agent, customerId, { product: "LED 筒灯", serialNo: "SN-PIPL-1" });
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("现场照片")]);
    // Where the HTTP app keeps files (its data directory's files/).
    const filesDir = path.join(path.dirname(env.org.filesDir), "files");
    await attachToTicket({ ...agent, filesDir }, ticket.id, {
      fileName: "现场.jpg",
      mimeType: "image/jpeg",
      content: photo,
      maxBytes: 1 << 20,
    });
    const staff = await env.http.signInAs(agent);
    await staff.request("POST", `/api/customers/${customerId}/consents`, {
      purpose: "marketing",
      granted: true,
      source: "paper",
    });

    // An agent may not take personal data out; a supervisor may.
    expect((await staff.request("GET", `/api/customers/${customerId}/personal-data`)).statusCode).toBe(403);
    const supervisor = await env.http.signInAs(await createStaff(env.database, env.org, "supervisor"));
    const res = await supervisor.request("GET", `/api/customers/${customerId}/personal-data`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("何先生-个人信息.zip");
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const data = JSON.parse(strFromU8(files["personal-data.json"])) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    // Theirs, unmasked (it is given to them), and nobody else's.
    expect(data.tables.customers).toEqual([
      expect.objectContaining({ id: customerId, phone: "13655556666" }),
    ]);
    expect(data.tables.contacts.length).toBeGreaterThan(0);
    expect(data.tables.purchases).toEqual([expect.objectContaining({ serial_no: "SN-PIPL-1" })]);
    expect(data.tables.customer_consents).toEqual([
      expect.objectContaining({ purpose: "marketing", granted: true }),
    ]);
    expect(data.tables.tickets.map((t) => t.id)).toEqual([ticket.id]);
    expect(data.tables.ticket_events.length).toBeGreaterThan(0);
    expect(data.tables.ticket_events.every((e) => e.ticket_id === ticket.id)).toBe(true);
    expect(JSON.stringify(data)).not.toContain(other.id);
    expect(JSON.stringify(data)).not.toContain("13677778888");
    const [attachment] = data.tables.attachments;
    expect(Buffer.from(files[`attachments/${attachment.id}-现场.jpg`])).toEqual(photo);
    expect(files["personal-data.xlsx"].length).toBeGreaterThan(1000);

    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, env.org.orgId), eq(auditLog.action, "customer.personal_data_exported")));
    expect(audits).toEqual([expect.objectContaining({ entityId: customerId })]);
  });
});
