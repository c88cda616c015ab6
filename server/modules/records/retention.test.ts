import { access } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PURGE_GRACE_DAYS } from "../../../common/enums";
import { auditLog, retentionRuns, surveyInvitations, ticketEvents, tickets } from "../../db/schema";
import { codeOf, createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { attachToTicket, filePath } from "../tickets/attachments";
import { changeTicketStatus } from "../tickets/change-status";
import { getTicketDetail } from "../tickets/queries";
import { replyToTicket } from "../tickets/reply-to-ticket";
import { applyRetention } from "./retention";

const env = setupTestOrg();
const DAY = 86_400_000;
const yearsLater = (years: number, days = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return new Date(d.getTime() + days * DAY);
};

/** A ticket taken through to closed, as an agent does: its survey invitation is made on resolving. */
async function closedTicket(title: string) {
  const agent = await createStaff(env.database, env.org, "agent");
  const supervisor = await createStaff(env.database, env.org, "supervisor");
  const ticket = await createTestTicket(agent, { title });
  await changeTicketStatus(agent, ticket.id, { action: "start" });
  await changeTicketStatus(agent, ticket.id, { action: "resolve", text: "已处理" });
  await changeTicketStatus(agent, ticket.id, { action: "record_callback", text: "满意", satisfied: true });
  await changeTicketStatus(agent, ticket.id, { action: "close" });
  return { ticket, agent, supervisor };
}

const exists = (id: string) =>
  env.database.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.orgId, env.org.orgId), eq(tickets.id, id)))
    .then((rows) => rows.length === 1);

describe("records retention (M14)", () => {
  it("C151 each record type has a custodian department and a period of at least 3 years; custody is transferred and audited; only records managers see it", async () => {
    const custodian = await env.http.signInAs(await createStaff(env.database, env.org, "records_custodian"));
    const res = await custodian.request("GET", "/api/records/retention");
    expect(res.statusCode, res.body).toBe(200);
    const policies = res.json() as {
      recordType: string;
      custodianDepartment: string;
      retentionYears: number;
      purgeEnabled: boolean;
    }[];
    expect(
      policies.map((p) => [p.recordType, p.custodianDepartment, p.retentionYears, p.purgeEnabled]),
    ).toEqual([
      ["ticket", "客服部", 3, false],
      ["survey_response", "管理部", 3, false],
      ["customer_callback", "客服部", 3, false],
      ["qa_inspection", "质量管理部", 3, false],
    ]);
    // Under 3 years is refused, naming the field.
    const tooShort = await custodian.request("PUT", "/api/records/retention/survey_response", {
      custodianDepartmentId: null,
      retentionYears: 2,
      purgeEnabled: false,
    });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json().error.message).toContain("保存期限（年）");
    // Survey forms go to 管理部's keeping for 5 years (C151: 移交行政部保存).
    const admin = env.org.departments.get("质量管理部")!;
    const moved = await custodian.request("PUT", "/api/records/retention/survey_response", {
      custodianDepartmentId: admin,
      retentionYears: 5,
      purgeEnabled: false,
    });
    expect(moved.statusCode, moved.body).toBe(204);
    const after = (await custodian.request("GET", "/api/records/retention")).json() as typeof policies;
    expect(after.find((p) => p.recordType === "survey_response")).toMatchObject({
      custodianDepartment: "质量管理部",
      retentionYears: 5,
    });
    const [audit] = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, env.org.orgId), eq(auditLog.action, "records.retention_changed")));
    expect(audit.after).toMatchObject({
      recordType: "survey_response",
      custodianDepartmentId: admin,
      retentionYears: 5,
    });
    expect(audit.before).toMatchObject({ retentionYears: 3 });
    // A department of another organisation is refused, naming the field; nothing changes.
    const other = await createOrg(env.database);
    const foreign = await custodian.request("PUT", "/api/records/retention/survey_response", {
      custodianDepartmentId: other.departments.get("管理部"),
      retentionYears: 5,
      purgeEnabled: false,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details[0].path).toBe("/custodianDepartmentId");
    // An agent sees none of it.
    const agent = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    expect((await agent.request("GET", "/api/records/retention")).statusCode).toBe(403);
  });

  it("C152 past its period a closed ticket is archived: still found and read, never changed — no reopening, reply or attachment", async () => {
    const { ticket, supervisor } = await closedTicket("过期的服务记录");
    const early = await applyRetention(env.database.db, env.org.orgId, {
      now: yearsLater(3, -1),
      filesDir: env.org.filesDir,
    });
    expect(early?.counts.ticket?.archived ?? 0).toBe(0);
    const run = await applyRetention(env.database.db, env.org.orgId, {
      now: yearsLater(3, 1),
      filesDir: env.org.filesDir,
    });
    expect(run?.counts.ticket?.archived).toBeGreaterThanOrEqual(1);

    const detail = await getTicketDetail(supervisor, ticket.id);
    expect(detail.number).toBe(ticket.number);
    expect(detail.archivedAt).not.toBeNull();
    expect(Object.values(detail.abilities).some(Boolean)).toBe(false);
    expect(
      await codeOf(changeTicketStatus(supervisor, ticket.id, { action: "reopen", text: "客户再次来电" })),
    ).toBe("RECORD_ARCHIVED");
    expect(await codeOf(replyToTicket(supervisor, ticket.id, { body: "补充说明", isInternal: true }))).toBe(
      "RECORD_ARCHIVED",
    );
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("补拍")]);
    expect(
      await codeOf(
        attachToTicket(supervisor, ticket.id, {
          fileName: "a.jpg",
          mimeType: "image/jpeg",
          content: photo,
          maxBytes: 1 << 20,
        }),
      ),
    ).toBe("RECORD_ARCHIVED");
    // Over HTTP: 409 with the reason, in the caller's language.
    const http = await env.http.signInAs(supervisor);
    const res = await http.request(
      "POST",
      `/api/tickets/${ticket.id}/status`,
      { action: "reopen", text: "再次来电" },
      "en-US",
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("archived");
  });

  it("C151 purging is off until turned on, waits out the grace after archiving, spares a held case, and logs its counts and the numbers it purged; the case's files go, its survey answer stays", async () => {
    const { ticket: purged, supervisor } = await closedTicket("可清理的记录");
    const { ticket: disputed } = await closedTicket("争议中的记录");
    const filesDir = path.join(path.dirname(env.org.filesDir), "files");
    const photo = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from(`现场照片 ${purged.id}`),
    ]);
    const attachment = await attachToTicket({ ...supervisor, filesDir }, purged.id, {
      fileName: "现场.jpg",
      mimeType: "image/jpeg",
      content: photo,
      maxBytes: 1 << 20,
    });
    const custodian = await env.http.signInAs(await createStaff(env.database, env.org, "records_custodian"));
    // A hold names the case by its number; a second hold on it is refused.
    const hold = await custodian.request("POST", "/api/records/holds", {
      ticketNumber: disputed.number.toLowerCase(),
      reason: "客户起诉，法务要求保全",
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const again = await custodian.request("POST", "/api/records/holds", {
      ticketNumber: disputed.number,
      reason: "再次保全",
    });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await custodian.request("POST", "/api/records/holds", {
          ticketNumber: "KS-000000-0000",
          reason: "不存在",
        })
      ).statusCode,
    ).toBe(404);

    const past = yearsLater(3, 1);
    // Purging off: archived only, whatever the time.
    await applyRetention(env.database.db, env.org.orgId, { now: past, filesDir });
    await applyRetention(env.database.db, env.org.orgId, { now: yearsLater(4), filesDir });
    expect(await exists(purged.id)).toBe(true);

    const policy = {
      custodianDepartmentId: env.org.departments.get("客服部")!,
      retentionYears: 3,
      purgeEnabled: true,
    };
    expect((await custodian.request("PUT", "/api/records/retention/ticket", policy)).statusCode).toBe(204);
    // Within the grace after archiving (archived at `past`): nothing goes.
    const inGrace = await applyRetention(env.database.db, env.org.orgId, {
      now: new Date(past.getTime() + (PURGE_GRACE_DAYS - 1) * DAY),
      filesDir,
    });
    expect(inGrace?.counts.ticket?.purged ?? 0).toBe(0);
    expect(await exists(purged.id)).toBe(true);

    const later = new Date(past.getTime() + (PURGE_GRACE_DAYS + 1) * DAY);
    const [invitation] = await env.database.db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.orgId, env.org.orgId), eq(surveyInvitations.ticketId, purged.id)));
    const run = await applyRetention(env.database.db, env.org.orgId, { now: later, filesDir });
    expect(run?.purgedNumbers).toContain(purged.number);
    expect(run?.purgedNumbers).not.toContain(disputed.number);
    expect(run?.counts.ticket?.held).toBeGreaterThanOrEqual(1);
    expect(await exists(purged.id)).toBe(false);
    expect(await exists(disputed.id)).toBe(true);
    const events = await env.database.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.orgId, env.org.orgId), eq(ticketEvents.ticketId, purged.id)));
    expect(events).toEqual([]);
    await expect(access(filePath(filesDir, attachment.sha256))).rejects.toThrow();
    // The survey invitation is its own record (its answer has its own period): it stays, unlinked.
    const [kept] = await env.database.db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.orgId, env.org.orgId), eq(surveyInvitations.id, invitation.id)));
    expect(kept.ticketId).toBeNull();
    const [logged] = await env.database.db
      .select()
      .from(retentionRuns)
      .where(and(eq(retentionRuns.orgId, env.org.orgId), eq(retentionRuns.id, run!.id)));
    expect(logged.counts.ticket?.purged).toBeGreaterThanOrEqual(1);
    const runs = (await custodian.request("GET", "/api/records/retention/runs")).json();
    expect(runs.items[0]).toMatchObject({
      id: run!.id,
      purgedNumbers: expect.arrayContaining([purged.number]),
    });

    // Released, the case goes at the next pass.
    const holds = (await custodian.request("GET", "/api/records/holds")).json();
    const standing = holds.items.find((h: { ticketNumber: string }) => h.ticketNumber === disputed.number);
    expect(
      (await custodian.request("POST", `/api/records/holds/${standing.id}/release`, { reason: "案件已结" }))
        .statusCode,
    ).toBe(204);
    const last = await applyRetention(env.database.db, env.org.orgId, { now: later, filesDir });
    expect(last?.purgedNumbers).toContain(disputed.number);
    expect(await exists(disputed.id)).toBe(false);
    const released = (await custodian.request("GET", "/api/records/holds")).json();
    expect(released.items.find((h: { id: string }) => h.id === standing.id)).toMatchObject({
      releaseReason: "案件已结",
      releasedBy: expect.any(String),
    });
  });
});
