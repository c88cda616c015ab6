import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Capability } from "../../../common/capabilities";
import {
  auditLog,
  notifications,
  roles,
  sanctions,
  surveyInvitations,
  ticketSlaClocks,
} from "../../db/schema";
import { codeOf, createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { listCategories } from "../complaints/settings";
import { openComplaint } from "../complaints/workflow";
import { revealReporter } from "../customers/contacts-and-purchases";
import { saveRole } from "../identity/org-structure";
import { answerSurvey } from "../surveys/answers";
import { changeTicketStatus } from "../tickets/change-status";
import {
  decideSanction,
  listSanctions,
  proposeByRules,
  proposeSanction,
  publishSanction,
  runSanctionRules,
} from "./sanctions";

const env = setupTestOrg();
const allFive = { service: 5, timeliness: 5, result: 5, quality: 5 };

async function resolvedBy(agent: Awaited<ReturnType<typeof createStaff>>) {
  const t = await createTestTicket(agent, { newCustomer: { name: "章先生", phone: "13700001111" } });
  await changeTicketStatus(agent, t.id, { action: "start" });
  await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
  return t;
}

describe("rewards and penalties", () => {
  it("C121 three late first responses in a month propose a deduction of that month's bonus, once", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent", { name: "滕客服" });
    const punctual = await createStaff(env.database, org, "agent", { name: "殷客服" });
    for (const [who, late] of [
      [agent, 3],
      [punctual, 2],
    ] as const)
      for (let i = 0; i < late; i++) {
        const t = await createTestTicket(who);
        const [clock] = await db
          .select()
          .from(ticketSlaClocks)
          .where(and(eq(ticketSlaClocks.ticketId, t.id), eq(ticketSlaClocks.metric, "first_response")));
        await db.execute(sql`INSERT INTO sla_breaches (org_id, clock_id, ticket_id, metric, assignee_id, due_at, breached_at)
          VALUES (${org.orgId}, ${clock.id}, ${t.id}, 'first_response', ${who.actor.userId},
                  '2026-10-12T02:00:00Z', '2026-10-12T02:00:00Z')`);
      }
    expect(await proposeByRules(db, org.orgId, "2026-10")).toBe(1);
    expect(await proposeByRules(db, org.orgId, "2026-10")).toBe(0);
    const [p] = await db.select().from(sanctions).where(eq(sanctions.orgId, org.orgId));
    expect(p).toMatchObject({
      kind: "penalty",
      type: "deduction",
      userId: agent.actor.userId,
      bonusShare: 0.1,
      source: "late_responses",
      status: "proposed",
    });
    expect(p.reason).toContain("超时未响应 3 次");
    // The hourly run on 1 November proposes October's again: still once.
    expect(await runSanctionRules(db, new Date("2026-11-01T04:00:00Z"))).toBe(0);
  });

  it("C120 satisfaction at 95% three months running, a major complaint resolved and the quarter's best satisfaction propose rewards", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent", { name: "柳客服" });
    for (const month of ["2026-07", "2026-08", "2026-09"]) {
      const t = await resolvedBy(agent);
      const [invitation] = await db
        .select()
        .from(surveyInvitations)
        .where(eq(surveyInvitations.ticketId, t.id));
      await answerSurvey(db, invitation.token, { answers: allFive });
      await db.execute(sql`UPDATE survey_ratings SET submitted_at = ${`${month}-15T02:00:00Z`}::timestamptz
        WHERE response_id IN (SELECT id FROM survey_responses WHERE invitation_id = ${invitation.id})`);
    }
    const complaintTicket = await createTestTicket(agent, { type: "complaint", title: "工地整批灯具损坏" });
    const [category] = await listCategories(db, org.orgId);
    const complaint = await openComplaint(agent, complaintTicket.id, {
      classification: "quality",
      categoryId: category.id,
      severity: "major",
    });
    await db.execute(
      sql`UPDATE complaints SET status = 'closed', closed_at = '2026-09-20T02:00:00Z' WHERE id = ${complaint.id}`,
    );
    await proposeByRules(db, org.orgId, "2026-09");
    const rows = await db.select().from(sanctions).where(eq(sanctions.orgId, org.orgId));
    expect(rows.map((r) => [r.source, r.type, r.userId, r.amountFen]).sort()).toEqual(
      [
        ["major_complaint", "bonus", agent.actor.userId, 20_000],
        ["satisfaction", "bonus", agent.actor.userId, 20_000],
        ["service_star", "service_star", agent.actor.userId, 50_000],
      ].sort(),
    );
    expect(rows.find((r) => r.source === "service_star")!.reason).toContain("2026-Q3 服务之星");
    // Two months at the mark are not three.
    const other = await createOrg(env.database);
    const b = await createStaff(env.database, other, "agent");
    for (const month of ["2026-08", "2026-09"]) {
      const t = await resolvedBy(b);
      const [invitation] = await db
        .select()
        .from(surveyInvitations)
        .where(eq(surveyInvitations.ticketId, t.id));
      await answerSurvey(db, invitation.token, { answers: allFive });
      await db.execute(sql`UPDATE survey_ratings SET submitted_at = ${`${month}-15T02:00:00Z`}::timestamptz
        WHERE response_id IN (SELECT id FROM survey_responses WHERE invitation_id = ${invitation.id})`);
    }
    await proposeByRules(db, other.orgId, "2026-09");
    const theirs = await db.select().from(sanctions).where(eq(sanctions.orgId, other.orgId));
    expect(theirs.map((r) => r.source)).toEqual(["service_star"]);
  });

  it("C119 a proposal goes to management for approval — never by its proposer or subject — and is published to its person", async () => {
    const org = await createOrg(env.database);
    const agent = await createStaff(env.database, org, "agent", { name: "袁客服" });
    const supervisor = await createStaff(env.database, org, "supervisor", { name: "酆主管" });
    const manager = await createStaff(env.database, org, "manager", { name: "鲍经理" });
    const proposal = {
      kind: "penalty" as const,
      type: "warning" as const,
      userId: agent.actor.userId,
      reason: "推诿客户，未执行首问负责制",
    };
    expect(await codeOf(proposeSanction(agent, proposal))).toBe("FORBIDDEN");
    await expect(proposeSanction(supervisor, { ...proposal, type: "bonus" })).rejects.toThrow();
    const warning = await proposeSanction(supervisor, proposal);
    const [told] = await env.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, manager.actor.userId), eq(notifications.kind, "sanction_proposed")),
      );
    expect(told).toBeDefined();
    expect(await codeOf(publishSanction(manager, warning.id))).toBe("SANCTION_STATE");
    expect(await codeOf(decideSanction(supervisor, warning.id, { approve: true, note: "同意" }))).toBe(
      "FORBIDDEN",
    );
    await decideSanction(manager, warning.id, { approve: true, note: "情况属实，同意警告" });
    expect((await listSanctions(agent, { view: "mine" })).total).toBe(0);
    await publishSanction(manager, warning.id);
    const mine = await listSanctions(agent, { view: "mine" });
    expect(mine.items).toMatchObject([
      { type: "warning", status: "published", decisionNote: "情况属实，同意警告" },
    ]);
    const [published] = await env.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, agent.actor.userId), eq(notifications.kind, "sanction_penalty")));
    expect(published.params).toMatchObject({ reason: "推诿客户，未执行首问负责制" });
    // A manager's own proposal goes to another manager.
    const own = await proposeSanction(manager, {
      kind: "reward",
      type: "commendation",
      departmentId: org.departments.get("客服部"),
      reason: "季度零投诉",
    });
    expect(await codeOf(decideSanction(manager, own.id, { approve: true, note: "自批" }))).toBe(
      "SANCTION_OWN",
    );
    const gm = await createStaff(env.database, org, "general_manager");
    await decideSanction(gm, own.id, { approve: false, note: "下季度再议" });
    expect(await codeOf(publishSanction(gm, own.id))).toBe("SANCTION_STATE");
    expect(await codeOf(listSanctions(agent, { view: "all" }))).toBe("FORBIDDEN");
  });

  it("a department head who manages appraisals reads the rewards and penalties of their department only", async () => {
    const org = await createOrg(env.database);
    const admin = await createStaff(env.database, org, "admin");
    const [role] = await env.database.db
      .select()
      .from(roles)
      .where(and(eq(roles.orgId, org.orgId), eq(roles.key, "department_head")));
    await saveRole(admin, role.id, {
      name: role.name,
      capabilities: [...(role.capabilities as Capability[]), "appraisal.manage"],
      dataScope: "department",
    });
    const head = await createStaff(env.database, org, "department_head", { department: "生产部" });
    const worker = await createStaff(env.database, org, "engineer", { department: "生产部" });
    const agent = await createStaff(env.database, org, "agent");
    const supervisor = await createStaff(env.database, org, "supervisor");
    const reason = "推诿客户，未执行首问负责制";
    await proposeSanction(supervisor, {
      kind: "penalty",
      type: "warning",
      userId: agent.actor.userId,
      reason,
    });
    await proposeSanction(supervisor, {
      kind: "penalty",
      type: "warning",
      userId: worker.actor.userId,
      reason,
    });
    await proposeSanction(supervisor, {
      kind: "reward",
      type: "commendation",
      departmentId: org.departments.get("生产部"),
      reason: "季度零投诉",
    });
    const seen = async (who: typeof head) =>
      (await listSanctions(who, { view: "all" })).items.map((s) => s.person ?? s.department);
    expect((await seen(head)).sort()).toEqual([worker.actor.name, "生产部"].sort());
    expect(await seen(supervisor)).toHaveLength(3);
  });

  it("C122 a penalty for leaking customer data rests on audit-log evidence, with its fine and termination", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const leaker = await createStaff(env.database, org, "supervisor", { name: "郝主管" });
    const supervisor = await createStaff(env.database, org, "supervisor");
    const t = await resolvedBy(leaker);
    await db.transaction((tx) => revealReporter(tx, leaker, t, { entityType: "ticket", entityId: t.id }));
    const [reveal] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.actorId, leaker.actor.userId)))
      .orderBy(sql`${auditLog.id} DESC`)
      .limit(1);
    const leak = {
      kind: "penalty" as const,
      type: "data_leak" as const,
      userId: leaker.actor.userId,
      amountFen: 200_000,
      terminate: true,
      reason: "将客户联系方式提供给第三方",
    };
    expect(await codeOf(proposeSanction(supervisor, leak))).toBe("SANCTION_LEAK_EVIDENCE");
    expect(await codeOf(proposeSanction(supervisor, { ...leak, auditIds: [reveal.id + 100000] }))).toBe(
      "SANCTION_EVIDENCE_NOT_FOUND",
    );
    const created = await proposeSanction(supervisor, { ...leak, auditIds: [reveal.id] });
    expect(created).toMatchObject({ amountFen: 200_000, terminate: true, auditIds: [reveal.id] });
  });
});
