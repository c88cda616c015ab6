import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications } from "../../db/schema";
import {
  createOrg,
  createStaff,
  createTestTicket,
  multipartFile,
  setupTestOrg,
  testApp,
  usernameOf,
} from "../../test/factories";
import { completeAssist, requestAssist } from "./assists";
import { getTicketDetail, listTickets } from "./queries";

const env = setupTestOrg();

describe("attachments", () => {
  it("stores an allowed file on the timeline and serves it back; refuses wrong types and oversize files", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent);
    const client = await env.http.signInAs(agent);
    const send = (name: string, type: string, content: Buffer) => {
      const body = multipartFile("file", name, type, content);
      return env.http.app.inject({
        method: "POST",
        url: `/api/tickets/${ticket.id}/attachments`,
        payload: body.payload,
        headers: { ...body.headers, cookie: client.cookie, "x-csrf-token": client.csrf },
      });
    };
    const ok = await send("现场照片.png", "image/png", Buffer.from("89504e470d0a1a0a", "hex"));
    expect(ok.statusCode).toBe(201);
    const detail = await getTicketDetail(agent, ticket.id);
    const entry = detail.timeline.find((e) => e.kind === "attachment")!;
    expect(entry.data).toMatchObject({ fileName: "现场照片.png", mimeType: "image/png" });
    const download = await client.request("GET", `/api/attachments/${ok.json().id}`);
    expect(download.rawPayload.equals(Buffer.from("89504e470d0a1a0a", "hex"))).toBe(true);

    // The declared type is the sender's word: a page sent as a picture, or text with NUL bytes, is refused.
    const page = await send("photo.png", "image/png", Buffer.from("<html><script>alert(1)</script></html>"));
    expect(page.statusCode).toBe(422);
    expect(page.json().error.message).toBe("文件内容与其类型（image/png）不符，请确认文件未损坏后重新上传");
    expect((await send("notes.txt", "text/plain", Buffer.from("<!DOCTYPE html><p>hi"))).statusCode).toBe(422);
    expect((await send("a.pdf", "application/pdf", Buffer.from("%PDF-1.7\n"))).statusCode).toBe(201);
    // Served as a download the browser may not reinterpret.
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-disposition"]).toMatch(/^attachment; filename\*=UTF-8''/);

    const exe = await send("setup.exe", "application/x-msdownload", Buffer.from("MZ"));
    expect(exe.statusCode).toBe(422);
    expect(exe.json().error.code).toBe("ATTACHMENT_TYPE_NOT_ALLOWED");
    const big = await send("大文件.pdf", "application/pdf", Buffer.alloc(1024 * 1024 + 10));
    expect(big.json().error.code).toBe("ATTACHMENT_TOO_LARGE");
  });

  it("another organisation cannot download an attachment", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent);
    const client = await env.http.signInAs(agent);
    const body = multipartFile("file", "a.txt", "text/plain", Buffer.from("内部资料"));
    const res = await env.http.app.inject({
      method: "POST",
      url: `/api/tickets/${ticket.id}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, cookie: client.cookie, "x-csrf-token": client.csrf },
    });
    const other = await createOrg(env.database);
    const outsider = await (await testApp(env.database, other)).signIn("admin");
    expect((await outsider.request("GET", `/api/attachments/${res.json().id}`)).statusCode).toBe(404);
  });
});

describe("assist requests (协办)", () => {
  it("C030 another department helps with its own owner and deadline while ownership stays; its queue sees the ticket", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const tech = await createStaff(env.database, env.org, "department_head", { department: "技术部" });
    const ticket = await createTestTicket(agent, { type: "complaint" });
    const due = new Date(Date.now() + 2 * 3600_000);
    const assist = await requestAssist(agent, ticket.id, {
      departmentId: env.org.departments.get("技术部")!,
      ownerId: tech.actor.userId,
      request: "请技术部 2 小时内确认驱动电源型号是否匹配",
      dueAt: due,
    });
    const seen = await listTickets(tech, { q: "亮度" });
    expect(seen.items.map((t) => t.id)).toContain(ticket.id);
    const note = await env.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, tech.actor.userId));
    expect(note.map((n) => n.kind)).toContain("assist_requested");
    await completeAssist(tech, assist.id, "型号匹配，属于批次质量问题");
    await expect(completeAssist(tech, assist.id, "again")).rejects.toMatchObject({ status: 409 });
    const detail = await getTicketDetail(agent, ticket.id);
    expect(detail.assignee?.id).toBe(agent.actor.userId);
    expect(detail.assists[0]).toMatchObject({
      status: "done",
      answer: "型号匹配，属于批次质量问题",
      dueAt: due.toISOString(),
    });
  });

  it("C030 an assist may be filed after the fact (事后补单)", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent);
    const assist = await requestAssist(agent, ticket.id, {
      departmentId: env.org.departments.get("财务部")!,
      request: "已先行为客户办理退款，补办工作联络单",
      dueAt: new Date(),
      isRetroactive: true,
    });
    expect(assist.isRetroactive).toBe(true);
  });
});

describe("viewers", () => {
  it("the audit log and the outbox need their capabilities and stay inside the organisation", async () => {
    const agent = await env.http.signIn(
      await usernameOf(env.database, (await createStaff(env.database, env.org, "agent")).actor.userId),
    );
    expect((await agent.request("GET", "/api/audit")).statusCode).toBe(403);
    expect((await agent.request("GET", "/api/outbox")).statusCode).toBe(403);
    const manager = await env.http.signIn(
      await usernameOf(env.database, (await createStaff(env.database, env.org, "manager")).actor.userId),
    );
    const audit = (await manager.request("GET", "/api/audit?pageSize=200")).json();
    expect(audit.total).toBeGreaterThan(0);
    const other = await createOrg(env.database);
    const outsider = await (await testApp(env.database, other)).signIn("admin");
    const theirs = (await outsider.request("GET", "/api/audit?pageSize=200")).json();
    const ours = new Set(audit.items.map((a: { id: number }) => a.id));
    expect(theirs.items.some((a: { id: number }) => ours.has(a.id))).toBe(false);
  });

  it("OpenAPI documentation is generated from the route schemas", async () => {
    const res = await (await env.http.signIn("admin")).request("GET", "/api/docs/json");
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.paths["/api/tickets"].post).toBeDefined();
    expect(spec.paths["/api/tickets/{id}/transfer"]).toBeDefined();
  });
});
