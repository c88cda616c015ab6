import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { auditLog, surveyInvitations, ticketSlaClocks } from "../../db/schema";
import { createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { answerSurvey } from "../surveys/answers";
import { changeTicketStatus } from "../tickets/change-status";
import { exportKpiScorecard, kpiScorecard } from "./scorecard";

const env = setupTestOrg();
const answers = (rating: number) => ({
  service: rating,
  timeliness: rating,
  result: rating,
  quality: rating,
});

describe("monthly KPI scorecard", () => {
  it("C115 the KPIs of each agent and department match figures worked out by hand", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const a = await createStaff(env.database, org, "agent", { name: "甲客服" });
    const b = await createStaff(env.database, org, "agent", { name: "乙客服" });
    const supervisor = await createStaff(env.database, org, "supervisor", { name: "丙主管" });
    const at = (iso: string) => sql`${iso}::timestamptz`;
    /** A ticket of the agent, resolved `hours` after it was received on 5 Oct (or left open). */
    async function ticketOf(agent: typeof a, hours: number | null, reopened = false) {
      const t = await createTestTicket(agent);
      await changeTicketStatus(agent, t.id, { action: "start" });
      if (hours !== null) {
        await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
        if (reopened) {
          await changeTicketStatus(supervisor, t.id, { action: "reopen", text: "客户反映未解决" });
          await changeTicketStatus(agent, t.id, { action: "resolve", text: "再次处理" });
        }
      }
      await db.execute(sql`UPDATE tickets SET received_at = ${at("2026-10-05T02:00:00Z")},
        resolved_at = CASE WHEN resolved_at IS NULL THEN NULL ELSE ${at("2026-10-05T02:00:00Z")} + ${hours ?? 0} * interval '1 hour' END
        WHERE id = ${t.id}`);
      return t;
    }
    const t1 = await ticketOf(a, 5);
    await ticketOf(a, 7, true);
    const t3 = await ticketOf(a, null);
    const t4 = await ticketOf(b, 10);
    // Not this month: received in September.
    const old = await ticketOf(b, 1);
    await db.execute(
      sql`UPDATE tickets SET received_at = ${at("2026-09-30T02:00:00Z")} WHERE id = ${old.id}`,
    );
    // A's open ticket: its first response was late, and a promise to call back was broken.
    const [clock] = await db
      .select()
      .from(ticketSlaClocks)
      .where(and(eq(ticketSlaClocks.ticketId, t3.id), eq(ticketSlaClocks.metric, "first_response")));
    await db.execute(sql`INSERT INTO sla_breaches (org_id, clock_id, ticket_id, metric, assignee_id, due_at, breached_at)
      VALUES (${org.orgId}, ${clock.id}, ${t3.id}, 'first_response', ${a.actor.userId}, ${at("2026-10-05T02:30:00Z")}, ${at("2026-10-05T02:30:00Z")})`);
    await db.execute(sql`UPDATE tickets SET broken_promises = 1 WHERE id = ${t3.id}`);
    // A customer complained about A; A was due one callback and made it, B was due one and did not.
    await db.execute(sql`INSERT INTO complaints (org_id, ticket_id, classification, category_id, severity, accused_user_id, created_at)
      SELECT ${org.orgId}, ${t1.id}, 'human', id, 'normal', ${a.actor.userId}, ${at("2026-10-06T02:00:00Z")}
      FROM complaint_categories WHERE org_id = ${org.orgId} LIMIT 1`);
    await db.execute(sql`INSERT INTO callback_tasks (org_id, ticket_id, assignee_id, due_on, reason, status) VALUES
      (${org.orgId}, ${t1.id}, ${a.actor.userId}, '2026-10-10', 'satisfaction_sample', 'done'),
      (${org.orgId}, ${t4.id}, ${b.actor.userId}, '2026-10-31', 'satisfaction_sample', 'open')`);
    // T1's customer answered 5 on every item, T4's 2 on every item.
    for (const [ticket, rating] of [
      [t1, 5],
      [t4, 2],
    ] as const) {
      const [invitation] = await db
        .select()
        .from(surveyInvitations)
        .where(eq(surveyInvitations.ticketId, ticket.id));
      await answerSurvey(db, invitation.token, { answers: { ...answers(rating), recommend: "会" } });
    }
    await db.execute(
      sql`UPDATE survey_ratings SET submitted_at = ${at("2026-10-08T02:00:00Z")} WHERE org_id = ${org.orgId}`,
    );

    const card = await kpiScorecard(supervisor, { month: "2026-10" });
    const rowOf = (name: string) => card.rows.find((r) => r.name === name)!;
    expect(rowOf("甲客服")).toMatchObject({
      handled: 3,
      resolved: 2,
      resolvedFirstContact: 1,
      resolutionRate: 2 / 3,
      firstContactRate: 1 / 2,
      avgResolutionHours: 6,
      firstResponseLate: 1,
      firstResponseRate: 2 / 3,
      overdue: 1,
      brokenPromises: 1,
      complaints: 1,
      complaintRate: 1 / 3,
      callbacksDue: 1,
      callbacksMade: 1,
      callbackRate: 1,
      satisfactionIndex: 5,
      satisfactionRate: 1,
    });
    expect(rowOf("乙客服")).toMatchObject({
      handled: 1,
      resolved: 1,
      resolvedFirstContact: 1,
      avgResolutionHours: 10,
      overdue: 0,
      complaints: 0,
      callbacksDue: 1,
      callbackRate: 0,
      satisfactionIndex: 2,
      satisfactionRate: 0,
    });
    // Nothing of September, and the supervisor (who reopened a ticket) holds none.
    expect(rowOf("丙主管")).toMatchObject({ handled: 0, resolutionRate: null, satisfactionIndex: null });
    expect(card.total).toMatchObject({
      handled: 4,
      resolved: 3,
      avgResolutionHours: 7.3,
      satisfactionIndex: 3.5,
      satisfactionRate: 0.5,
    });
    const byDepartment = await kpiScorecard(supervisor, { month: "2026-10", by: "department" });
    expect(byDepartment.rows).toEqual([expect.objectContaining({ name: "客服部", handled: 4, resolved: 3 })]);

    // Exported as a spreadsheet, audited.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exportKpiScorecard(supervisor, { month: "2026-10" })) as unknown as ExcelJS.Buffer,
    );
    const sheet = workbook.worksheets[0];
    const names = sheet.getColumn(1).values.slice(2);
    expect(names).toContain("甲客服");
    expect(names.at(-1)).toBe("合计");
    const exported = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "appraisal.scorecard_exported")));
    expect(exported).toHaveLength(1);
  });

  it("an agent without report.view cannot open the scorecard", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    await expect(kpiScorecard(agent, { month: "2026-10" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
