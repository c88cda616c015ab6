import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { outboxMessages, surveyInvitations } from "../../db/schema";
import { codeOf, createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { answerSurvey } from "../surveys/answers";
import { changeTicketStatus } from "../tickets/change-status";
import { serviceDashboard } from "./dashboard";
import { sendDueReports, subscribe } from "./subscriptions";
import { trendReportFor } from "./trends";

const env = setupTestOrg();

describe("service dashboard", () => {
  it("C146 shows open tickets by status, green channel, unassigned, today's callbacks and today's satisfaction", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent");
    const supervisor = await createStaff(env.database, org, "supervisor");
    const fresh = await createTestTicket(agent, { isGreenChannel: true });
    const started = await createTestTicket(agent);
    await changeTicketStatus(agent, started.id, { action: "start" });
    const held = await createTestTicket(agent);
    await changeTicketStatus(agent, held.id, { action: "hold", text: "等待备件" });
    const done = await createTestTicket(agent);
    await changeTicketStatus(agent, done.id, { action: "start" });
    await changeTicketStatus(agent, done.id, { action: "resolve", text: "已处理" });
    const [invitation] = await db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, done.id));
    await answerSurvey(db, invitation.token, {
      answers: { service: 5, timeliness: 4, result: 4, quality: 2, recommend: "会" },
    });
    const today = localIsoDate(new Date(), "Asia/Shanghai");
    await db.execute(sql`INSERT INTO callback_tasks (org_id, ticket_id, assignee_id, due_on, reason, status) VALUES
      (${org.orgId}, ${done.id}, ${agent.actor.userId}, ${today}, 'satisfaction_sample', 'done'),
      (${org.orgId}, ${started.id}, ${agent.actor.userId}, ${today}, 'satisfaction_sample', 'open'),
      (${org.orgId}, ${held.id}, ${agent.actor.userId}, '2026-01-05', 'satisfaction_sample', 'open')`);
    // And a customer on the lists to call today.
    await db.execute(sql`INSERT INTO customer_callbacks (org_id, key, list, customer_id, detail, due_on)
      VALUES (${org.orgId}, 'dormant:test', 'dormant', ${done.customerId}, '{"lastContact": "2026-01-01", "months": 6}', ${today})`);

    const d = await serviceDashboard(supervisor);
    const byStatus = Object.fromEntries(d.openByStatus.map((s) => [s.status, s.n]));
    // Taken by the agent who logged them; the unsatisfied answer opened a follow-up ticket, open too.
    expect(byStatus).toEqual({ new: 0, accepted: 2, in_progress: 1, waiting_customer: 0, on_hold: 1 });
    expect(d).toMatchObject({
      today,
      greenChannel: 1,
      callbacksDue: 3,
      callbacksMade: 1,
      engineersOnSite: 0,
      satisfaction: { n: 4, rate: 0.75, index: 3.75 },
    });
    expect(fresh.isGreenChannel).toBe(true);
    await expect(serviceDashboard(agent)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("service trends", () => {
  it("counts each month's tickets by channel and type, resolutions, breaches and satisfaction", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent");
    const manager = await createStaff(env.database, org, "manager");
    const at = async (id: string, iso: string) =>
      db.execute(sql`UPDATE tickets SET received_at = ${iso}::timestamptz WHERE id = ${id}`);
    const a = await createTestTicket(agent, { channel: "phone", type: "inquiry" });
    const b = await createTestTicket(agent, { channel: "email", type: "repair" });
    const c = await createTestTicket(agent, { channel: "phone", type: "repair" });
    await changeTicketStatus(agent, c.id, { action: "start" });
    await changeTicketStatus(agent, c.id, { action: "resolve", text: "已处理" });
    const [invitation] = await db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.ticketId, c.id));
    if (invitation) {
      await answerSurvey(db, invitation.token, {
        answers: { service: 5, timeliness: 4, result: 2, quality: 5 },
      });
      await db.execute(
        sql`UPDATE survey_ratings SET submitted_at = '2026-09-10T02:00:00Z' WHERE org_id = ${org.orgId}`,
      );
    }
    await at(a.id, "2026-08-05T02:00:00Z");
    await at(b.id, "2026-09-05T02:00:00Z");
    await at(c.id, "2026-09-06T02:00:00Z");
    const report = await trendReportFor(manager, {
      granularity: "month",
      from: "2026-08-01",
      to: "2026-10-31",
    });
    expect(report.buckets.map((x) => [x.key, x.received, x.resolved])).toEqual([
      ["2026-08", 1, 0],
      ["2026-09", 2, 1],
      ["2026-10", 0, 0],
    ]);
    expect(report.buckets[1].byChannel).toEqual({ email: 1, phone: 1 });
    expect(report.buckets[1].byType).toEqual({ repair: 2 });
    if (invitation)
      expect(report.buckets[1]).toMatchObject({ ratings: { 2: 1, 4: 1, 5: 2 }, satisfactionRate: 0.75 });
    expect(await codeOf(trendReportFor(agent, { from: "2026-08-01", to: "2026-10-31" }))).toBe("FORBIDDEN");
    expect(
      await codeOf(trendReportFor(manager, { granularity: "week", from: "2026-01-01", to: "2026-12-31" })),
    ).toBe("REPORT_RANGE_TOO_LONG");
    const weeks = await trendReportFor(manager, {
      granularity: "week",
      from: "2026-09-01",
      to: "2026-09-07",
    });
    expect(weeks.buckets.map((w) => w.key)).toEqual(["2026-W36", "2026-W37"]);
    expect(weeks.buckets[0].received + weeks.buckets[1].received).toBe(2);
  });

  it("a monthly report subscription is emailed once when the month ends, to whoever may still read reports", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const manager = await createStaff(env.database, org, "manager", { name: "邵经理" });
    expect(await codeOf(subscribe(manager, { cadence: "month" }))).toBe("REPORT_EMAIL_REQUIRED");
    await subscribe(manager, { cadence: "month", email: "shao@example.com" });
    const agent = await createStaff(env.database, org, "agent");
    expect(await codeOf(subscribe(agent, { cadence: "week", email: "a@example.com" }))).toBe("FORBIDDEN");
    const firstOfDecember = new Date("2026-12-01T02:00:00Z");
    await sendDueReports(db, "https://kefu.example.com", firstOfDecember);
    await sendDueReports(db, "https://kefu.example.com", firstOfDecember);
    const mail = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "shao@example.com"));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("客户服务月报 2026-11");
    expect(mail[0].body).toContain("2025-12\t受理 0");
    expect(mail[0].body).toContain(
      "https://kefu.example.com/reports?granularity=month&from=2025-12-01&to=2026-11-30",
    );
  });
});
