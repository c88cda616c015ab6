import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  appraisalPeriods,
  arrivalRecords,
  auditLog,
  notifications,
  surveyInvitations,
  ticketSlaClocks,
  workOrders,
} from "../../db/schema";
import { codeOf, createOrg, createStaff, createTestTicket, setupTestOrg } from "../../test/factories";
import { answerSurvey } from "../surveys/answers";
import { defaultTemplate } from "../surveys/templates";
import { changeTicketStatus } from "../tickets/change-status";
import { engineerScorecard, exportEngineerScorecard } from "./engineer-scorecard";
import {
  appealAppraisal,
  appraisalResultsOf,
  appraisalScore,
  DEFAULT_SCHEME,
  decideAppraisalAppeal,
  exportAppraisal,
  myAppraisals,
  openAppraisal,
  publishAppraisal,
  scoreAppraisal,
  updateAppraisalScheme,
} from "./periods";
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

describe("engineer and team KPIs", () => {
  it("C115 each engineer's month in the field matches figures worked out by hand", async () => {
    const org = await createOrg(env.database);
    const db = env.database.db;
    const agent = await createStaff(env.database, org, "agent");
    const han = await createStaff(env.database, org, "engineer", { name: "韩工" });
    const qin = await createStaff(env.database, org, "engineer", { name: "秦工" });
    const supervisor = await createStaff(env.database, org, "supervisor");
    const ticket = await createTestTicket(agent, { type: "repair" });
    let n = 0;
    /** A work order of the engineer, on site at `arrived` and completed `hours` later, due by `dueBy`. */
    const order = async (
      engineerId: string,
      arrived: string,
      hours: number,
      dueBy: string | null,
      previous?: string,
    ) => {
      const completedAt = new Date(Date.parse(arrived) + hours * 3_600_000);
      const [w] = await db
        .insert(workOrders)
        .values({
          orgId: org.orgId,
          number: `PG-T-${++n}`,
          ticketId: ticket.id,
          kind: "repair",
          status: "completed",
          product: "路灯",
          fault: "不亮",
          siteAddress: "北京",
          inWarranty: true,
          chargeable: false,
          engineerId,
          arrivedAt: new Date(arrived),
          completedAt,
          completeBy: dueBy ? new Date(dueBy) : null,
          previousWorkOrderId: previous ?? null,
        })
        .returning();
      return w;
    };
    // 韩工: three completions in October — the first needed a repeat visit (his third), so two of three
    // were fixed the first time; 2 h, 4 h and 3 h on site; two had a limit, one kept.
    const first = await order(han.actor.userId, "2026-10-05T01:00:00Z", 2, "2026-10-05T04:00:00Z");
    await order(han.actor.userId, "2026-10-12T01:00:00Z", 4, "2026-10-12T02:00:00Z");
    await order(han.actor.userId, "2026-10-20T01:00:00Z", 3, null, first.id);
    // Not October.
    await order(han.actor.userId, "2026-09-20T01:00:00Z", 1, null);
    const arrival = (
      workOrderId: string,
      engineerId: string,
      outcome: "on_time" | "late" | "no_show",
      at: string,
    ) =>
      db.insert(arrivalRecords).values({
        orgId: org.orgId,
        workOrderId,
        engineerId,
        appointmentAt: new Date(at),
        outcome,
        customerInformed: outcome !== "no_show",
        violation: outcome === "no_show",
        recordedAt: new Date(at),
      });
    await arrival(first.id, han.actor.userId, "on_time", "2026-10-05T01:00:00Z");
    await arrival(first.id, han.actor.userId, "late", "2026-10-12T01:00:00Z");
    await arrival(first.id, qin.actor.userId, "no_show", "2026-10-15T01:00:00Z");
    // A customer rated 韩工's work 5 on every item.
    const [invitation] = await db
      .insert(surveyInvitations)
      .values({
        orgId: org.orgId,
        templateId: (await defaultTemplate(db, org.orgId)).id,
        token: `t-${org.orgId}`,
        trigger: "work_order_completed",
        ticketId: ticket.id,
        workOrderId: first.id,
        engineerId: han.actor.userId,
        expiresAt: new Date("2027-01-01T00:00:00Z"),
      })
      .returning();
    await answerSurvey(db, invitation.token, { answers: { ...answers(5), recommend: "会" } });
    await db.execute(
      sql`UPDATE survey_ratings SET submitted_at = '2026-10-06T02:00:00Z'::timestamptz WHERE org_id = ${org.orgId}`,
    );

    const card = await engineerScorecard(supervisor, { month: "2026-10" });
    const rowOf = (name: string) => card.rows.find((r) => r.name === name)!;
    expect(card.rows.map((r) => r.name).sort()).toEqual(["韩工", "秦工"].sort());
    expect(rowOf("韩工")).toMatchObject({
      completed: 3,
      firstTimeFixed: 2,
      firstTimeFixRate: 2 / 3,
      withTarget: 2,
      onTarget: 1,
      onTargetRate: 0.5,
      onTime: 1,
      late: 1,
      noShows: 0,
      onTimeRate: 0.5,
      avgRepairHours: 3,
      satisfactionIndex: 5,
      satisfactionRate: 1,
    });
    expect(rowOf("秦工")).toMatchObject({ completed: 0, noShows: 1, onTimeRate: 0, firstTimeFixRate: null });
    expect(card.total).toMatchObject({ completed: 3, onTime: 1, late: 1, noShows: 1, onTimeRate: 1 / 3 });
    expect(await codeOf(engineerScorecard(agent, { month: "2026-10" }))).toBe("FORBIDDEN");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await exportEngineerScorecard(supervisor, { month: "2026-10" })) as unknown as ExcelJS.Buffer,
    );
    const sheetRow = workbook.worksheets[0].getRows(2, 3)!.find((r) => r.getCell(1).value === "韩工")!;
    expect(sheetRow.values).toEqual([
      undefined,
      "韩工",
      "",
      3,
      "66.7%",
      "50%",
      "50%",
      1,
      0,
      3,
      0,
      5,
      "100%",
      "—",
    ]);
  });

  it("C115 a team counts in its own row and in the department above it", async () => {
    const org = await createOrg(env.database);
    const repair = await createStaff(env.database, org, "agent", { department: "维修服务组" });
    const service = await createStaff(env.database, org, "agent", { department: "售后服务组" });
    const desk = await createStaff(env.database, org, "agent", { department: "客服部" });
    const supervisor = await createStaff(env.database, org, "supervisor");
    for (const staff of [repair, repair, service, desk]) await createTestTicket(staff);
    const month = new Date().toISOString().slice(0, 7);
    const card = await kpiScorecard(supervisor, { month, by: "department" });
    const handled = Object.fromEntries(card.rows.map((r) => [r.name, r.handled]));
    expect(handled).toMatchObject({
      售后服务部: 3,
      "售后服务部 / 维修服务组": 2,
      "售后服务部 / 售后服务组": 1,
      客服部: 1,
    });
    // Each ticket once in the total.
    expect(card.total.handled).toBe(4);
  });
});

describe("appraisal periods", () => {
  it("C115 C116 the score weighs the KPIs that have figures and the manager's criteria, worked out by hand", () => {
    const rates = {
      satisfactionRate: 0.9,
      resolutionRate: 0.8,
      firstResponseRate: 1,
      firstContactRate: 0.5,
      callbackRate: null,
      complaintRate: 0.1,
      qaScore: 0.85,
    };
    // 30·90 + 15·80 + 10·100 + 5·50 + 5·(100−10) + 10·85 + 10·90 + 5·80 + 5·100 = 8250 over the 95
    // points of weight that have figures (no callbacks were due) → 86.8
    expect(appraisalScore(DEFAULT_SCHEME, rates, { attitude: 90, quality: 80, discipline: 100 })).toBe(86.8);
    expect(appraisalScore(DEFAULT_SCHEME, rates, { attitude: 90 })).toBeNull();
  });

  it("C117 a quarter is opened with its KPIs, scored by the manager (an adjustment needs its reason), published once everyone is scored, and exported", async () => {
    const org = await createOrg(env.database);
    const agent = await createStaff(env.database, org, "agent", { name: "齐客服" });
    const other = await createStaff(env.database, org, "agent", { name: "鲁客服" });
    const supervisor = await createStaff(env.database, org, "supervisor", { name: "卫主管" });
    for (let i = 0; i < 2; i++) {
      const t = await createTestTicket(agent);
      await changeTicketStatus(agent, t.id, { action: "start" });
      await changeTicketStatus(agent, t.id, { action: "resolve", text: "已处理" });
    }
    const today = new Date().toISOString().slice(0, 10);
    expect(await codeOf(openAppraisal(agent, { cadence: "quarter", day: today }))).toBe("FORBIDDEN");
    expect(await codeOf(openAppraisal(supervisor, { cadence: "year", day: "2099-01-01" }))).toBe(
      "APPRAISAL_PERIOD_FUTURE",
    );
    const opened = await openAppraisal(supervisor, { cadence: "quarter", day: today });
    expect(opened.period).toMatch(/^\d{4}-Q[1-4]$/);
    expect(await codeOf(openAppraisal(supervisor, { cadence: "quarter", day: today }))).toBe(
      "APPRAISAL_EXISTS",
    );
    let { results } = await appraisalResultsOf(supervisor, opened.id);
    const mine = results.find((r) => r.userId === agent.actor.userId)!;
    expect(mine.kpis.resolutionRate).toBe(1);
    expect(mine).toMatchObject({ computed: null, final: null, may: { score: true, appeal: false } });
    // The supervisor is appraised too, but does not score themself.
    const own = results.find((r) => r.userId === supervisor.actor.userId)!;
    expect(
      await codeOf(
        scoreAppraisal(supervisor, own.id, { manual: { attitude: 100, quality: 100, discipline: 100 } }),
      ),
    ).toBe("APPRAISAL_OWN");
    const manual = { attitude: 90, quality: 80, discipline: 100 };
    expect(await codeOf(scoreAppraisal(supervisor, mine.id, { manual, adjustment: 3 }))).toBe(
      "APPRAISAL_ADJUSTMENT_REASON",
    );
    await scoreAppraisal(supervisor, mine.id, {
      manual,
      adjustment: 3,
      adjustmentReason: "协助处理重大投诉",
    });
    expect(await codeOf(publishAppraisal(supervisor, opened.id))).toBe("APPRAISAL_UNSCORED");
    const manager = await createStaff(env.database, org, "manager");
    for (const r of results.filter((x) => x.id !== mine.id))
      await scoreAppraisal(r.userId === supervisor.actor.userId ? manager : supervisor, r.id, { manual });
    ({ results } = await appraisalResultsOf(supervisor, opened.id));
    const scored = results.find((r) => r.userId === agent.actor.userId)!;
    const expected = appraisalScore(DEFAULT_SCHEME, scored.kpis as never, manual)!;
    expect(scored).toMatchObject({
      computed: expected,
      adjustment: 3,
      final: Math.min(100, Math.round((expected + 3) * 10) / 10),
    });
    await publishAppraisal(supervisor, opened.id);
    expect(await codeOf(scoreAppraisal(supervisor, mine.id, { manual }))).toBe("APPRAISAL_PUBLISHED");
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, other.actor.userId), eq(notifications.kind, "appraisal_published")),
      );
    expect(told).toHaveLength(1);
    expect((await myAppraisals(agent)).map((r) => r.final)).toEqual([scored.final]);
    const { name, content } = await exportAppraisal(supervisor, opened.id);
    expect(name).toBe(`考核结果-${opened.period}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === "齐客服")!;
    const column = (header: string) => (sheet.getRow(1).values as unknown[]).indexOf(header);
    expect(row.getCell(column("调整理由")).value).toBe("协助处理重大投诉");
    expect(row.getCell(column("最终得分")).value).toBe(scored.final);
  });

  it("C118 the person appeals once within the scheme's days; the answer is due in its days and is recorded", async () => {
    const org = await createOrg(env.database);
    const agent = await createStaff(env.database, org, "agent", { name: "蔡客服" });
    const supervisor = await createStaff(env.database, org, "supervisor", { name: "曹主管" });
    const manager = await createStaff(env.database, org, "manager", { name: "许经理" });
    const opened = await openAppraisal(supervisor, {
      cadence: "month",
      day: new Date().toISOString().slice(0, 10),
    });
    const { results } = await appraisalResultsOf(supervisor, opened.id);
    const manual = { attitude: 70, quality: 70, discipline: 70 };
    for (const r of results)
      await scoreAppraisal(r.userId === supervisor.actor.userId ? manager : supervisor, r.id, { manual });
    const mine = results.find((r) => r.userId === agent.actor.userId)!;
    expect(await codeOf(appealAppraisal(agent, mine.id, { reason: "未公示" }))).toBe(
      "APPRAISAL_APPEAL_NOT_ALLOWED",
    );
    await publishAppraisal(supervisor, opened.id);
    expect(await codeOf(appealAppraisal(supervisor, mine.id, { reason: "代申诉" }))).toBe(
      "APPRAISAL_APPEAL_NOT_ALLOWED",
    );
    await appealAppraisal(agent, mine.id, { reason: "本月承担夜班值守，未计入" });
    expect(await codeOf(appealAppraisal(agent, mine.id, { reason: "再申诉" }))).toBe(
      "APPRAISAL_APPEAL_NOT_ALLOWED",
    );
    const [appealed] = await myAppraisals(agent);
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(appealed.answerDueOn! >= addDaysIso(due, -1) && appealed.answerDueOn! <= addDaysIso(due, 1)).toBe(
      true,
    );
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, manager.actor.userId), eq(notifications.kind, "appraisal_appealed")),
      );
    expect(told[0].params).toMatchObject({ name: "蔡客服", dueOn: appealed.answerDueOn });
    expect(
      await codeOf(decideAppraisalAppeal(agent, mine.id, { decision: "revised", note: "自判", final: 99 })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(decideAppraisalAppeal(manager, mine.id, { decision: "revised", note: "核实" }))).toBe(
      "APPRAISAL_REVISED_FINAL_REQUIRED",
    );
    await decideAppraisalAppeal(manager, mine.id, {
      decision: "revised",
      note: "核实夜班记录后加分",
      final: 78,
    });
    const [decided] = await myAppraisals(agent);
    expect(decided).toMatchObject({
      decision: "revised",
      decisionNote: "核实夜班记录后加分",
      final: 78,
      may: { appeal: false },
    });
    // Another period published longer ago than the appeal days: too late.
    const late = await openAppraisal(supervisor, {
      cadence: "year",
      day: new Date().toISOString().slice(0, 10),
    });
    for (const r of (await appraisalResultsOf(supervisor, late.id)).results)
      await scoreAppraisal(r.userId === supervisor.actor.userId ? manager : supervisor, r.id, { manual });
    await publishAppraisal(supervisor, late.id);
    await env.database.db
      .update(appraisalPeriods)
      .set({ publishedAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(eq(appraisalPeriods.id, late.id));
    const lateMine = (await myAppraisals(agent)).find((r) => r.periodId === late.id)!;
    expect(await codeOf(appealAppraisal(agent, lateMine.id, { reason: "晚了" }))).toBe(
      "APPRAISAL_APPEAL_CLOSED",
    );
  });

  it("the scheme's KPI and criteria weights must add up to 100", async () => {
    const org = await createOrg(env.database);
    const admin = await createStaff(env.database, org, "admin");
    expect(
      await codeOf(
        updateAppraisalScheme(admin, { ...DEFAULT_SCHEME, criteria: DEFAULT_SCHEME.criteria.slice(0, 2) }),
      ),
    ).toBe("APPRAISAL_WEIGHTS_NOT_100");
    expect(await codeOf(updateAppraisalScheme(admin, { ...DEFAULT_SCHEME, appealDays: 10 }))).toBe("OK");
  });
});

const addDaysIso = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
