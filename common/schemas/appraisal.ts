import { z } from "zod";
import { monthParam, optionalText } from "./fields";

const rate = z.number().nullable();
const kpis = {
  /** Tickets received in the month that the person now holds. */
  handled: z.number(),
  resolved: z.number(),
  /** Resolved without being reopened or transferred. */
  resolvedFirstContact: z.number(),
  /** Hours from receipt to resolution, summed over the resolved ones. */
  resolutionHours: z.number(),
  firstResponseLate: z.number(),
  /** Service-time breaches of the month attributed to the person. */
  overdue: z.number(),
  brokenPromises: z.number(),
  /** Complaints naming the person (被投诉人). */
  complaints: z.number(),
  callbacksDue: z.number(),
  callbacksMade: z.number(),
  /** Quality inspections of the person's work scored in the period, and their points summed (SPEC M7). */
  qaInspections: z.number(),
  qaPoints: z.number(),
  ratings: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
  resolutionRate: rate,
  firstContactRate: rate,
  firstResponseRate: rate,
  avgResolutionHours: rate,
  complaintRate: rate,
  callbackRate: rate,
  satisfactionIndex: rate,
  satisfactionRate: rate,
  /** The mean inspection score, 0–100. */
  qaScore: rate,
};

export const kpiRowDto = z.object({
  key: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  ...kpis,
});
export type KpiRow = z.infer<typeof kpiRowDto>;

/** 月度绩效 KPI (SPEC M8): per person or department, and in total. */
export const kpiScorecardDto = z.object({
  month: z.string(),
  by: z.enum(["agent", "department"]),
  satisfactionTarget: z.number(),
  total: z.object(kpis),
  rows: z.array(kpiRowDto),
});
export type KpiScorecard = z.infer<typeof kpiScorecardDto>;

/** The computed KPIs an appraisal weighs (C115), each read as a share 0–1 (the QA score as score/100). */
export const APPRAISAL_KPIS = [
  "satisfactionRate",
  "resolutionRate",
  "firstContactRate",
  "firstResponseRate",
  "callbackRate",
  "complaintRate",
  "qaScore",
] as const;
export type AppraisalKpi = (typeof APPRAISAL_KPIS)[number];
export type KpiRates = Record<AppraisalKpi, number | null>;

const criterion = z.object({
  id: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(100),
  weight: z.number().int().min(1).max(100),
});
/** 考核方案: KPI weights and the manager's criteria (评分细则, C116); together 100. */
export const appraisalSchemeDto = z.object({
  kpiWeights: z.record(z.enum(APPRAISAL_KPIS), z.number().int().min(0).max(100)),
  criteria: z.array(criterion).max(10),
  /** Days after publication an employee may appeal, and days HR has to answer (C118). */
  appealDays: z.number().int().min(1).max(60),
  answerDays: z.number().int().min(1).max(60),
});
export type AppraisalSchemeDto = z.input<typeof appraisalSchemeDto>;
export type AppraisalScheme = z.infer<typeof appraisalSchemeDto>;

/** 考核周期 (C117): monthly, quarterly, yearly. */
export const APPRAISAL_CADENCES = ["month", "quarter", "year"] as const;
export type AppraisalCadence = (typeof APPRAISAL_CADENCES)[number];

export const APPRAISAL_STATUSES = ["draft", "published"] as const;
export type AppraisalStatus = (typeof APPRAISAL_STATUSES)[number];

export const appraisalPeriodDto = z.object({
  id: z.string(),
  cadence: z.enum(APPRAISAL_CADENCES),
  period: z.string(),
  status: z.enum(APPRAISAL_STATUSES),
  scheme: appraisalSchemeDto,
  /** The satisfaction rates: from the data, or from the quarter's submitted analysis (C098). */
  satisfactionFrom: z.enum(["data", "analysis"]),
  people: z.number(),
  scored: z.number(),
  appeals: z.number(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type AppraisalPeriod = z.infer<typeof appraisalPeriodDto>;

export const appraisalResultDto = z.object({
  id: z.string(),
  periodId: z.string(),
  period: z.string(),
  userId: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  kpis: z.record(z.string(), z.number().nullable()),
  manual: z.record(z.string(), z.number()),
  computed: z.number().nullable(),
  adjustment: z.number(),
  adjustmentReason: z.string().nullable(),
  final: z.number().nullable(),
  appealReason: z.string().nullable(),
  appealedAt: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  decision: z.enum(["upheld", "revised"]).nullable(),
  decisionNote: z.string().nullable(),
  /** The last day an appeal can be made, once published. */
  appealBy: z.string().nullable(),
  may: z.object({ score: z.boolean(), appeal: z.boolean(), decide: z.boolean() }),
});
export type AppraisalResult = z.infer<typeof appraisalResultDto>;

const fieldKpis = {
  /** Work orders the engineer completed in the month. */
  completed: z.number(),
  /** Of those, fixed the first time: no repeat visit, nothing taken back for repair. */
  firstTimeFixed: z.number(),
  /** Completed with a time limit, and within it (C081). */
  withTarget: z.number(),
  onTarget: z.number(),
  /** Appointments of the month: arrived on time, late, or missed (C069). */
  onTime: z.number(),
  late: z.number(),
  noShows: z.number(),
  /** Hours from arrival to completion, summed over the completed ones. */
  repairHours: z.number(),
  complaints: z.number(),
  qaInspections: z.number(),
  qaPoints: z.number(),
  /** Customers' ratings of the engineer's work (C099). */
  ratings: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
  firstTimeFixRate: rate,
  onTargetRate: rate,
  onTimeRate: rate,
  avgRepairHours: rate,
  satisfactionIndex: rate,
  satisfactionRate: rate,
  qaScore: rate,
};
export const engineerKpiRowDto = z.object({
  key: z.string(),
  name: z.string(),
  servicePoint: z.string().nullable(),
  ...fieldKpis,
});
export type EngineerKpiRow = z.infer<typeof engineerKpiRowDto>;

/** 工程师月度绩效 (SPEC M8): each engineer's field work of a month, and in total. */
export const engineerScorecardDto = z.object({
  month: z.string(),
  satisfactionTarget: z.number(),
  total: z.object(fieldKpis),
  rows: z.array(engineerKpiRowDto),
});
export type EngineerScorecard = z.infer<typeof engineerScorecardDto>;

export const engineerScorecardQuery = z.object({ month: monthParam });
export type EngineerScorecardQuery = z.input<typeof engineerScorecardQuery>;

export const scorecardQuery = z.object({
  month: monthParam,
  /**
   * agent: one row per person who handles tickets; department: their figures summed by department,
   * a team (a department within one) also counting in the departments above it.
   */
  by: z.enum(["agent", "department"]).default("agent"),
});
export type ScorecardQuery = z.input<typeof scorecardQuery>;

export const openAppraisalInput = z.object({
  cadence: z.enum(APPRAISAL_CADENCES),
  /** Any day of the month, quarter or year. */
  day: z.iso.date(),
});
export type OpenAppraisalInput = z.input<typeof openAppraisalInput>;

export const scoreResultInput = z.object({
  manual: z.record(z.string(), z.number().min(0).max(100)),
  /** Cleared on the form, it is no adjustment. */
  adjustment: z
    .number()
    .min(-100)
    .max(100)
    .nullish()
    .transform((v) => v ?? 0),
  adjustmentReason: optionalText(1000),
});
export type ScoreResultInput = z.input<typeof scoreResultInput>;

export const appraisalAppealInput = z.object({ reason: z.string().trim().min(1).max(2000) });
export type AppraisalAppealInput = z.input<typeof appraisalAppealInput>;

export const appraisalDecisionInput = z.object({
  decision: z.enum(["upheld", "revised"]),
  note: z.string().trim().min(1).max(2000),
  final: z.number().min(0).max(100).optional(),
});
export type AppraisalDecisionInput = z.input<typeof appraisalDecisionInput>;
