import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { surveyInvitations } from "../../db/schema";
import { createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { answerSurvey } from "../surveys/answers";
import { changeTicketStatus } from "../tickets/change-status";
import { serviceDashboard } from "./dashboard";

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

    const d = await serviceDashboard(supervisor);
    const byStatus = Object.fromEntries(d.openByStatus.map((s) => [s.status, s.n]));
    // Taken by the agent who logged them; the unsatisfied answer opened a follow-up ticket, open too.
    expect(byStatus).toEqual({ new: 0, accepted: 2, in_progress: 1, waiting_customer: 0, on_hold: 1 });
    expect(d).toMatchObject({
      today,
      greenChannel: 1,
      callbacksDue: 2,
      callbacksMade: 1,
      engineersOnSite: 0,
      satisfaction: { n: 4, rate: 0.75, index: 3.75 },
    });
    expect(fresh.isGreenChannel).toBe(true);
    await expect(serviceDashboard(agent)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
