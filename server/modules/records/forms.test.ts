import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import {
  createOrg,
  createStaff,
  createTestTicket,
  multipartFile,
  setupTestOrg,
  testApp,
} from "../../test/factories";
import { listCategories } from "../complaints/settings";
import { openComplaint } from "../complaints/workflow";
import { changeTicketStatus } from "../tickets/change-status";

const env = setupTestOrg();

/** A phone ticket resolved and called back, as the first responder does it. */
async function calledBack() {
  const agent = await createStaff(env.database, env.org, "agent", { name: "冯客服" });
  const ticket = await createTestTicket(agent, {
    title: "面板灯闪烁",
    newCustomer: { name: "吴先生", phone: "13812340001" },
  });
  await changeTicketStatus(agent, ticket.id, { action: "start" });
  await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "更换驱动电源" });
  await changeTicketStatus(agent, ticket.id, {
    action: "record_callback",
    text: "灯已正常，感谢上门",
    satisfied: true,
  });
  return { agent, ticket };
}

const PDF = Buffer.from("%PDF-1.4\n% 客户签字的回访记录表扫描件\n%%EOF\n");

describe("standard forms (C154)", () => {
  it("C154 a records custodian sets a form's number, version and boxes; the callback form carries them with the record's content, and the server prints it as PDF (audited)", async () => {
    const custodian = await env.http.signInAs(await createStaff(env.database, env.org, "records_custodian"));
    const settings = (await custodian.request("GET", "/api/records/forms")).json();
    expect(
      settings.map((f: { kind: string; formNo: string; version: string; boxes: string[] }) => [
        f.kind,
        f.formNo,
        f.version,
        f.boxes,
      ]),
    ).toEqual([
      ["service_report", "KF-JL-001", "A/0", ["prepared", "reviewed", "approved"]],
      ["return_receipt", "KF-JL-002", "A/0", ["prepared", "reviewed", "approved"]],
      ["complaint_record", "KF-JL-003", "A/0", ["prepared", "reviewed", "approved"]],
      ["callback_form", "KF-JL-004", "A/0", ["prepared", "reviewed", "approved"]],
    ]);
    const saved = await custodian.request("PUT", "/api/records/forms/callback_form", {
      formNo: "QR-KF-07",
      version: "B/1",
      boxes: ["approved", "prepared"],
    });
    expect(saved.statusCode, saved.body).toBe(204);
    const empty = await custodian.request("PUT", "/api/records/forms/callback_form", {
      formNo: "",
      version: "B/1",
      boxes: [],
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details[0].path).toBe("/formNo");

    const { agent, ticket } = await calledBack();
    const staff = await env.http.signInAs(agent);
    const res = await staff.request("GET", `/api/forms/callback_form/${ticket.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const form = res.json();
    expect(form).toMatchObject({
      title: "客户回访记录表",
      formNo: "QR-KF-07",
      version: "B/1",
      back: `/tickets/${ticket.id}`,
    });
    expect(form.boxes).toEqual([
      { box: "prepared", label: "制表", name: "冯客服" },
      { box: "approved", label: "核准", name: null },
    ]);
    const value = (label: string) => form.rows.find((r: { label: string }) => r.label === label)?.value;
    expect(value("服务单号")).toBe(ticket.number);
    expect(value("客户意见")).toBe("灯已正常，感谢上门");
    expect(value("满意程度")).toBe("满意");
    expect(value("处理结果")).toBe("更换驱动电源");

    const pdf = await staff.request("GET", `/api/forms/callback_form/${ticket.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(decodeURIComponent(String(pdf.headers["content-disposition"]))).toContain(
      `客户回访记录表-${ticket.number}.pdf`,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // The form number and version are the document's subject; the Chinese text is embedded with its font.
    expect(pdf.rawPayload.toString("latin1")).toContain("(QR-KF-07 B/1)");
    expect(pdf.rawPayload.toString("latin1")).toContain("/FontFile2");
    const [printed] = await env.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, env.org.orgId),
          eq(auditLog.action, "records.form_printed"),
          eq(auditLog.entityId, ticket.id),
        ),
      );
    expect(printed.after).toMatchObject({ kind: "callback_form", formNo: "QR-KF-07" });
  });

  it("C154 the complaint record carries the complaint's particulars; a record nobody opened as a complaint has none", async () => {
    const agent = await createStaff(env.database, env.org, "agent", { name: "许客服" });
    const ticket = await createTestTicket(agent, { type: "complaint", title: "整批灯具色温不一致" });
    const [category] = await listCategories(env.database.db, env.org.orgId);
    await openComplaint(agent, ticket.id, {
      classification: "quality",
      categoryId: category.id,
      severity: "normal",
      orderNo: "SO-2026-1107",
      partNo: "LED-40W-4000K",
      quantity: 500,
      defectiveQuantity: 37,
      customerRequest: "退换不良品",
      sampleReceived: true,
      customerWords: "同一批次色温明显不同",
    });
    const staff = await env.http.signInAs(agent);
    const form = (await staff.request("GET", `/api/forms/complaint_record/${ticket.id}`)).json();
    const value = (label: string) => form.rows.find((r: { label: string }) => r.label === label)?.value;
    expect(value("订单编号 / 料号")).toBe("SO-2026-1107 / LED-40W-4000K");
    expect(value("数量 / 不良数量")).toBe("500 / 37");
    expect(value("客户原话")).toBe("同一批次色温明显不同");
    const inquiry = await createTestTicket(agent, { title: "咨询" });
    expect((await staff.request("GET", `/api/forms/complaint_record/${inquiry.id}`)).statusCode).toBe(404);
  });

  it("C154 the signed paper original is scanned and attached: it is listed on the form and the ticket's timeline; anything but a PDF or image is refused, and nobody outside the organisation reaches the form", async () => {
    const { agent, ticket } = await calledBack();
    const staff = await env.http.signInAs(agent);
    const upload = multipartFile("file", "回访记录表-签字.pdf", "application/pdf", PDF);
    const res = await env.http.app.inject({
      method: "POST",
      url: `/api/forms/callback_form/${ticket.id}/scans`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: staff.cookie, "x-csrf-token": staff.csrf },
    });
    expect(res.statusCode, res.body).toBe(201);
    const form = (await staff.request("GET", `/api/forms/callback_form/${ticket.id}`)).json();
    expect(form.scans).toEqual([
      expect.objectContaining({ id: res.json().id, fileName: "回访记录表-签字.pdf" }),
    ]);
    const detail = (await staff.request("GET", `/api/tickets/${ticket.id}`)).json();
    expect(
      detail.timeline.some(
        (e: { kind: string; data: { fileName?: string } }) =>
          e.kind === "attachment" && e.data.fileName === "回访记录表-签字.pdf",
      ),
    ).toBe(true);

    const text = multipartFile("file", "说明.txt", "text/plain", Buffer.from("不是扫描件"));
    const refused = await env.http.app.inject({
      method: "POST",
      url: `/api/forms/callback_form/${ticket.id}/scans`,
      payload: text.payload,
      headers: { ...text.headers, cookie: staff.cookie, "x-csrf-token": staff.csrf },
    });
    expect(refused.statusCode).toBe(422);

    const other = await createOrg(env.database);
    const outsiderApp = await testApp(env.database, other);
    const outsider = await outsiderApp.signInAs(await createStaff(env.database, other, "admin"));
    expect((await outsider.request("GET", `/api/forms/callback_form/${ticket.id}`)).statusCode).toBe(404);
    expect((await outsider.request("GET", `/api/forms/callback_form/${ticket.id}/pdf`)).statusCode).toBe(404);
  });
});
