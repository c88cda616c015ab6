import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "../../../common/business-time";
import { addDays, addMonths } from "../../../common/field-service";
import type { CampaignInput } from "../../../common/schemas/surveys";
import {
  contacts,
  customers,
  departments,
  notifications,
  outboxMessages,
  surveyInvitations,
  surveyRatings,
  surveyResponses,
  surveyTemplates,
} from "../../db/schema";
import { AppError } from "../../lib/errors";
import { codeOf, createOrg, createStaff, sendOrgSurveys, setupTestOrg } from "../../test/factories";
import { drawOf } from "../callbacks/sample";
import { answerSurvey } from "./answers";
import { importCampaignResults } from "./campaign-import";
import {
  campaignResults,
  cancelCampaign,
  createCampaign,
  decideCampaign,
  getCampaign,
  launchDueCampaigns,
  submitCampaign,
  updateCampaign,
} from "./campaigns";
import {
  defaultTemplate,
  listTemplates,
  makeDefaultTemplate,
  saveTemplate,
  templateVersions,
} from "./templates";

const env = setupTestOrg();
const today = () => localIsoDate(new Date(), "Asia/Shanghai");

const QUESTIONS = [
  { id: "q1", kind: "scale" as const, text: "总体满意度", required: true },
  { id: "q2", kind: "scale" as const, text: "交付及时性", required: true },
  {
    id: "q3",
    kind: "single" as const,
    text: "是否愿意继续合作",
    options: ["愿意", "不愿意"],
    required: false,
  },
  { id: "q4", kind: "text" as const, text: "意见建议", required: false },
];

/** A fresh organisation with a planner in 质量管理部, whose head approves, and n customers of a grade. */
async function plannerOrg(customerCount = 0, grade: "key" | "normal" = "key") {
  const org = await createOrg(env.database);
  const planner = await createStaff(env.database, org, "qa_inspector", {
    department: "质量管理部",
    name: "钱计划",
  });
  const head = await createStaff(env.database, org, "department_head", {
    department: "质量管理部",
    name: "孙部长",
  });
  const departmentId = org.departments.get("质量管理部")!;
  await env.database.db
    .update(departments)
    .set({ headUserId: head.actor.userId })
    .where(eq(departments.id, departmentId));
  for (let i = 0; i < customerCount; i++) {
    const [c] = await env.database.db
      .insert(customers)
      .values({ orgId: org.orgId, kind: "enterprise", name: `客户${i}`, grade })
      .returning();
    // Every tenth customer left no way to reach them.
    if (i % 10 !== 9)
      await env.database.db.insert(contacts).values({
        orgId: org.orgId,
        customerId: c.id,
        name: `联系人${i}`,
        mobile: `1390000${String(i).padStart(4, "0")}`,
        isPrimary: true,
      });
  }
  const template = await saveTemplate(planner, null, {
    name: "重点客户年度调查",
    questions: QUESTIONS,
    bands: [],
    validDays: 14,
  });
  return { org, planner, head, departmentId, templateId: template.id };
}

const plan = (
  p: { departmentId: string; templateId: string },
  over: Partial<CampaignInput> = {},
): CampaignInput => ({
  name: "2026 重点客户满意度调查",
  templateId: p.templateId,
  departmentId: p.departmentId,
  respondents: "customer",
  grades: ["key"],
  share: 1,
  recipients: [],
  anonymous: false,
  cadence: "once",
  startOn: today(),
  closeOn: addDays(today(), 14),
  ...over,
});

async function approved(p: Awaited<ReturnType<typeof plannerOrg>>, over: Partial<CampaignInput> = {}) {
  const { id } = await createCampaign(p.planner, plan(p, over));
  await submitCampaign(p.planner, id);
  await decideCampaign(p.head, id, { approve: true, note: "同意" });
  return id;
}

const invitationsOf = (campaignId: string) =>
  env.database.db.select().from(surveyInvitations).where(eq(surveyInvitations.campaignId, campaignId));

async function xlsx(rows: string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("结果");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("questionnaires", () => {
  it("C100 a questionnaire once sent is changed as a new version; what was sent keeps its version", async () => {
    const p = await plannerOrg();
    const reworded = QUESTIONS.map((q) => (q.id === "q1" ? { ...q, text: "您对我们的总体满意度" } : q));
    // Never sent: changed in place.
    expect(
      await saveTemplate(p.planner, p.templateId, {
        name: "重点客户年度调查",
        questions: reworded,
        bands: [],
        validDays: 14,
      }),
    ).toEqual({ id: p.templateId, version: 1 });
    const campaign = await createCampaign(p.planner, plan(p));
    const v2 = await saveTemplate(p.planner, p.templateId, {
      name: "重点客户年度调查",
      questions: [...reworded, { id: "q5", kind: "scale", text: "产品质量", required: true }],
      bands: [
        { min: 12, label: "满意" },
        { min: 0, label: "不满意" },
      ],
      validDays: 21,
    });
    expect(v2.version).toBe(2);
    const versions = await templateVersions(p.planner, p.templateId);
    expect(versions.map((v) => [v.version, v.isCurrent, v.questions.length])).toEqual([
      [2, true, 5],
      [1, false, 4],
    ]);
    expect((await getCampaign(p.planner, campaign.id)).templateVersion).toBe(1);
    const listed = await listTemplates(p.planner);
    expect(listed.find((t) => t.familyId === p.templateId)).toMatchObject({ version: 2, versions: 2 });
  });

  it("C096 a questionnaire's bands and choices are checked; another may become the default one sent", async () => {
    const p = await plannerOrg();
    const oneOption = [{ id: "x", kind: "single" as const, text: "渠道", options: ["电话"], required: true }];
    expect(
      await codeOf(
        saveTemplate(p.planner, null, { name: "坏问卷", questions: oneOption, bands: [], validDays: 7 }),
      ),
    ).toBe("SURVEY_OPTIONS_MISSING");
    // Two scale questions: 10 at most.
    expect(
      await codeOf(
        saveTemplate(p.planner, null, {
          name: "坏问卷",
          questions: QUESTIONS,
          bands: [{ min: 11, label: "满意" }],
          validDays: 7,
        }),
      ),
    ).toBe("SURVEY_BAND_INVALID");
    const agent = await createStaff(env.database, p.org, "agent");
    expect(
      await codeOf(saveTemplate(agent, null, { name: "x", questions: QUESTIONS, bands: [], validDays: 7 })),
    ).toBe("FORBIDDEN");

    const before = await defaultTemplate(env.database.db, p.org.orgId);
    await makeDefaultTemplate(p.planner, p.templateId);
    const after = await defaultTemplate(env.database.db, p.org.orgId);
    expect(after.id).toBe(p.templateId);
    expect(after.id).not.toBe(before.id);
    expect(await codeOf(makeDefaultTemplate(p.planner, p.templateId))).toBe("SURVEY_TEMPLATE_DEFAULT");
  });
});

describe("campaigns", () => {
  it("C104 a plan is approved by its department's head, never by its planner; dates are checked", async () => {
    const p = await plannerOrg();
    expect(await codeOf(createCampaign(p.planner, plan(p, { startOn: addDays(today(), -1) })))).toBe(
      "CAMPAIGN_DATES_INVALID",
    );
    expect(
      await codeOf(
        createCampaign(p.planner, plan(p, { cadence: "quarterly", closeOn: addDays(today(), 120) })),
      ),
    ).toBe("CAMPAIGN_DATES_INVALID");
    expect(await codeOf(createCampaign(p.planner, plan(p, { respondents: "supplier" })))).toBe(
      "CAMPAIGN_RECIPIENTS_MISSING",
    );

    const { id } = await createCampaign(p.planner, plan(p));
    expect(await codeOf(decideCampaign(p.head, id, { approve: true, note: "同意" }))).toBe("CAMPAIGN_STATE");
    await submitCampaign(p.planner, id);
    const told = await env.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, p.head.actor.userId), eq(notifications.kind, "campaign_submitted")),
      );
    expect(told).toHaveLength(1);
    expect((await getCampaign(p.head, id)).may.decide).toBe(true);
    expect((await getCampaign(p.planner, id)).approvers).toEqual(["孙部长"]);
    expect(await codeOf(decideCampaign(p.planner, id, { approve: true, note: "自己批" }))).toBe(
      "CAMPAIGN_NOT_APPROVER",
    );
    const manager = await createStaff(env.database, p.org, "manager");
    expect(await codeOf(decideCampaign(manager, id, { approve: true, note: "同意" }))).toBe(
      "CAMPAIGN_NOT_APPROVER",
    );
    expect(await codeOf(updateCampaign(p.planner, id, plan(p, { name: "改名" })))).toBe("CAMPAIGN_STATE");

    await decideCampaign(p.head, id, { approve: false, note: "抽样比例请说明" });
    expect(await getCampaign(p.planner, id)).toMatchObject({
      status: "rejected",
      decidedBy: "孙部长",
      decisionNote: "抽样比例请说明",
    });
    await updateCampaign(p.planner, id, plan(p, { share: 0.5 }));
    await submitCampaign(p.planner, id);
    await decideCampaign(p.head, id, { approve: true, note: "同意" });
    expect(await getCampaign(p.planner, id)).toMatchObject({
      status: "approved",
      share: 0.5,
      phase: "planned",
    });
  });

  it("C102 an approved campaign launches its round once; the draw is reproducible from the stored seed", async () => {
    const p = await plannerOrg(40);
    // Other grades are not asked.
    await env.database.db
      .insert(customers)
      .values({ orgId: p.org.orgId, kind: "individual", name: "普通客户", grade: "normal" });
    const id = await approved(p, { share: 0.5, cadence: "half_yearly", closeOn: addDays(today(), 30) });
    // Other tests' campaigns share the database: this one is launched at least, and only once.
    expect(await launchDueCampaigns(env.database.db)).toBeGreaterThanOrEqual(1);
    expect(await launchDueCampaigns(env.database.db)).toBe(0);
    const invitations = await invitationsOf(id);
    const c = await getCampaign(p.planner, id);
    const keyCustomers = await env.database.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.orgId, p.org.orgId), eq(customers.grade, "key")));
    const drawn = keyCustomers.filter((x) => drawOf(`${c.seed}:0`, x.id) < 0.5).map((x) => x.id);
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(35);
    expect(invitations.map((i) => i.customerId).sort()).toEqual(drawn.sort());
    const unreachable = invitations.filter((i) => !i.recipientAddress).length;
    expect(c.rounds).toEqual([
      expect.objectContaining({ round: 0, invited: drawn.length, sent: 0, answered: 0, unreachable }),
    ]);
    expect(c).toMatchObject({ phase: "running", nextRoundOn: addMonths(today(), 6) });

    await sendOrgSurveys(env.database, p.org.orgId, "https://kefu.example.com");
    const sms = await env.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orgId, p.org.orgId));
    expect(sms).toHaveLength(drawn.length - unreachable);
    expect(sms[0]).toMatchObject({ channel: "sms" });
    expect(sms[0].body).toContain("重点客户年度调查");

    const first = invitations.find((i) => i.recipientAddress)!;
    await answerSurvey(env.database.db, first.token, { answers: { q1: 5, q2: 4, q3: "愿意" } });
    // The next round comes half a year on, drawn afresh.
    const later = new Date(Date.now() + 190 * 86_400_000);
    expect(await launchDueCampaigns(env.database.db, later)).toBeGreaterThanOrEqual(1);
    const progress = (await getCampaign(p.planner, id)).rounds;
    expect(progress.map((r) => r.round)).toEqual([0, 1]);
    expect(progress[0]).toMatchObject({ sent: drawn.length - unreachable, answered: 1 });
    expect(progress[1].startOn).toBe(addMonths(today(), 6));

    const results = await campaignResults(p.planner, id);
    expect(results.responses).toBe(1);
    expect(results.questions.map((q) => [q.name, q.index])).toEqual([
      ["总体满意度", 5],
      ["交付及时性", 4],
    ]);

    await cancelCampaign(p.planner, id);
    const open = (await invitationsOf(id)).filter((i) => !i.answeredAt && i.expiresAt > new Date());
    expect(open).toHaveLength(0);
    const asked = (await invitationsOf(id)).length;
    await launchDueCampaigns(env.database.db, new Date(Date.now() + 400 * 86_400_000));
    expect(await invitationsOf(id)).toHaveLength(asked);
  });

  it("C107 an anonymous survey of suppliers keeps no identity and stays out of customer satisfaction", async () => {
    const p = await plannerOrg();
    const id = await approved(p, {
      name: "供应商合作满意度",
      respondents: "supplier",
      anonymous: true,
      grades: ["key"],
      recipients: [
        { name: "华明灯饰", address: "13600001111" },
        { name: "北方电子", address: "purchase@north.example.com" },
      ],
    });
    await launchDueCampaigns(env.database.db);
    await sendOrgSurveys(env.database, p.org.orgId, "https://kefu.example.com");
    const invitations = await invitationsOf(id);
    expect(invitations).toHaveLength(2);
    for (const i of invitations)
      expect(i).toMatchObject({
        respondent: "supplier",
        customerId: null,
        contactId: null,
        recipientName: null,
        recipientAddress: null,
      });
    const sent = await env.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orgId, p.org.orgId));
    expect(sent.map((m) => m.channel).sort()).toEqual(["email", "sms"]);

    await answerSurvey(env.database.db, invitations[0].token, { answers: { q1: 2, q2: 3 } });
    const [response] = await env.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.invitationId, invitations[0].id));
    expect(response.followUpTicketId).toBeNull();
    const ratings = await env.database.db
      .select()
      .from(surveyRatings)
      .where(eq(surveyRatings.responseId, response.id));
    expect(ratings).toHaveLength(0);
    expect((await campaignResults(p.planner, id)).overall).toMatchObject({ n: 2, weightedSum: 5 });
  });

  it("C108 an agency's results are imported into the campaign with their source; one wrong cell refuses the file", async () => {
    const p = await plannerOrg();
    const id = await approved(p, { startOn: addDays(today(), 3), closeOn: addDays(today(), 20) });
    const header = ["受访者", "总体满意度", "交付及时性", "是否愿意继续合作", "意见建议"];
    const bad = await xlsx([
      header,
      ["甲公司", "5", "满意", "愿意", ""],
      ["乙公司", "6", "4", "也许", ""],
      ["丙公司", "", "3", "", ""],
    ]);
    const error = await importCampaignResults(p.planner, id, bad, { source: "零点调查公司" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("IMPORT_FAILED");
    expect((error.details as { row: number; column: string }[]).map((d) => [d.row, d.column])).toEqual([
      [3, "总体满意度"],
      [3, "是否愿意继续合作"],
      [4, "总体满意度"],
    ]);
    expect(await invitationsOf(id)).toHaveLength(0);

    const good = await xlsx([
      header,
      ["甲公司", "5", "满意", "愿意", "交付很快"],
      ["乙公司", "很不满意", "2", "不愿意", ""],
    ]);
    expect(await importCampaignResults(p.planner, id, good, { source: "零点调查公司" })).toEqual({
      imported: 2,
    });
    const responses = await env.database.db
      .select({
        channel: surveyResponses.channel,
        source: surveyResponses.source,
        name: surveyInvitations.recipientName,
      })
      .from(surveyResponses)
      .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
      .where(eq(surveyInvitations.campaignId, id));
    expect(responses.map((r) => [r.channel, r.source, r.name]).sort()).toEqual([
      ["import", "零点调查公司", "乙公司"],
      ["import", "零点调查公司", "甲公司"],
    ]);
    const c = await getCampaign(p.planner, id);
    expect(c.rounds[0]).toMatchObject({ invited: 2, answered: 2, imported: 2, unreachable: 0 });
    expect((await campaignResults(p.planner, id)).overall.counts).toEqual({ 1: 1, 2: 1, 3: 0, 4: 1, 5: 1 });
    // The template's version stays what was approved.
    const [v] = await env.database.db
      .select()
      .from(surveyTemplates)
      .where(eq(surveyTemplates.id, p.templateId));
    expect(v.version).toBe(1);
  });
});
