import { z } from "zod";
import {
  QA_CADENCES,
  QA_INSPECTION_STATUSES,
  QA_METHODS,
  QA_SUBJECTS,
  RECTIFICATION_STATUSES,
} from "../enums";
import { monthParam } from "./fields";
import { pageQuery } from "./pagination";

/** One line of a 质检评分表: scored 0–100, counted with its weight. */
export const qaCriterionDto = z.object({
  id: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(100),
  weight: z.number().int().min(1).max(100),
});
export type QaCriterion = z.infer<typeof qaCriterionDto>;

export const qaScorecardInput = z.object({
  name: z.string().trim().min(1).max(100),
  criteria: z
    .array(qaCriterionDto)
    .min(1)
    .max(20)
    .refine((c) => new Set(c.map((x) => x.id)).size === c.length, { message: "criteria ids repeat" }),
  passMark: z.number().int().min(0).max(100),
  appealDays: z.number().int().min(1).max(60),
});
export type QaScorecardInput = z.input<typeof qaScorecardInput>;
export const qaScorecardDto = qaScorecardInput.extend({ id: z.string() });
export type QaScorecard = z.infer<typeof qaScorecardDto>;

export const qaPlanInput = z.object({
  name: z.string().trim().min(1).max(100),
  subject: z.enum(QA_SUBJECTS),
  cadence: z.enum(QA_CADENCES),
  perAgent: z.number().int().min(1).max(50),
  method: z.enum(QA_METHODS),
  scorecardId: z.uuid(),
  isActive: z.boolean(),
});
export type QaPlanInput = z.input<typeof qaPlanInput>;
export const qaPlanDto = qaPlanInput.extend({
  id: z.string(),
  scorecard: z.string(),
  /** The period it draws next, and the draws made. */
  lastPeriod: z.string().nullable(),
  draws: z.number(),
});
export type QaPlan = z.infer<typeof qaPlanDto>;

/** One requirement of a complete record (C110) and whether the record meets it. */
export const completenessCheckDto = z.object({ key: z.string(), ok: z.boolean() });
export type CompletenessCheck = z.infer<typeof completenessCheckDto>;

const rectificationDto = z.object({
  id: z.string(),
  assigneeId: z.string(),
  assignee: z.string().nullable(),
  requirement: z.string(),
  dueOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  response: z.string().nullable(),
  submittedAt: z.string().nullable(),
  failedChecks: z.number(),
  checkNote: z.string().nullable(),
  checkedAt: z.string().nullable(),
});

export const qaInspectionRowDto = z.object({
  id: z.string(),
  subject: z.enum(QA_SUBJECTS).nullable(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  workOrderId: z.string().nullable(),
  workOrderNumber: z.string().nullable(),
  agentId: z.string(),
  agent: z.string().nullable(),
  department: z.string().nullable(),
  inspector: z.string().nullable(),
  plan: z.string().nullable(),
  period: z.string().nullable(),
  method: z.enum(QA_METHODS),
  status: z.enum(QA_INSPECTION_STATUSES),
  total: z.number().nullable(),
  finalTotal: z.number().nullable(),
  passed: z.boolean().nullable(),
  scoredAt: z.string().nullable(),
  appealBy: z.string().nullable(),
  decision: z.enum(["upheld", "revised"]).nullable(),
  rectification: rectificationDto.nullable(),
  createdAt: z.string(),
});
export type QaInspectionRow = z.infer<typeof qaInspectionRowDto>;

export const qaInspectionDto = qaInspectionRowDto.extend({
  passMark: z.number(),
  criteria: z.array(qaCriterionDto),
  scores: z.record(z.string(), z.number()).nullable(),
  findings: z.string().nullable(),
  observedAt: z.string().nullable(),
  completeness: z.array(completenessCheckDto),
  /** Forbidden phrases the person wrote on the ticket (C034), as evidence for that criterion. */
  forbiddenHits: z.array(z.object({ phrase: z.string(), text: z.string(), at: z.string() })),
  appealReason: z.string().nullable(),
  appealedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** What the caller may do with it now. */
  may: z.object({ score: z.boolean(), appeal: z.boolean(), decide: z.boolean() }),
});
export type QaInspection = z.infer<typeof qaInspectionDto>;

const scored = {
  method: z.enum(QA_METHODS),
  scores: z.record(z.string(), z.number().int().min(0).max(100)),
  findings: z.string().trim().max(4000).optional(),
  observedAt: z.iso.datetime({ offset: true }).optional(),
  /** Required when the total is below the pass mark (C112). */
  rectification: z
    .object({ requirement: z.string().trim().min(1).max(2000), dueOn: z.iso.date() })
    .optional(),
};
export const qaScoreInput = z.object(scored);
export type QaScoreInput = z.input<typeof qaScoreInput>;
/** An inspection not drawn from a plan: a mystery-customer contact, an observation, a record checked ad hoc. */
export const qaRecordInput = z.object({
  ...scored,
  agentId: z.uuid(),
  /** The work inspected, when the inspection starts from it (质检此工单): a ticket or a work order. */
  ticketId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
  scorecardId: z.uuid(),
  findings: z.string().trim().min(1).max(4000),
});
export type QaRecordInput = z.input<typeof qaRecordInput>;
export const qaAppealInput = z.object({ reason: z.string().trim().min(1).max(2000) });
export type QaAppealInput = z.input<typeof qaAppealInput>;
export const qaDecisionInput = z.object({
  decision: z.enum(["upheld", "revised"]),
  note: z.string().trim().min(1).max(2000),
  /** The revised total, with decision revised. */
  total: z.number().min(0).max(100).optional(),
});
export type QaDecisionInput = z.input<typeof qaDecisionInput>;
export const rectificationSubmitInput = z.object({ response: z.string().trim().min(1).max(4000) });
export type RectificationSubmitInput = z.input<typeof rectificationSubmitInput>;
export const rectificationCheckInput = z.object({
  passed: z.boolean(),
  note: z.string().trim().min(1).max(2000),
  /** The new deadline, when the re-check failed and re-training comes first. */
  dueOn: z.iso.date().optional(),
});
export type RectificationCheckInput = z.input<typeof rectificationCheckInput>;

const supervisionFigures = {
  inspected: z.number(),
  averageScore: z.number().nullable(),
  passed: z.number(),
  failed: z.number(),
  appeals: z.number(),
  revised: z.number(),
  mystery: z.number(),
  rectifications: z.number(),
  rectified: z.number(),
  rectificationsOverdue: z.number(),
  retraining: z.number(),
  records: z.number(),
  completeRecords: z.number(),
};
/** 服务监督报告 (C113): a month's supervision per executing department. */
export const supervisionReportDto = z.object({
  month: z.string(),
  generatedAt: z.string(),
  departments: z.array(z.object({ department: z.string().nullable(), ...supervisionFigures })),
  total: z.object(supervisionFigures),
  /** The inspections that failed, worst first. */
  failures: z.array(
    z.object({
      agent: z.string().nullable(),
      department: z.string().nullable(),
      total: z.number(),
      findings: z.string().nullable(),
    }),
  ),
});
export type SupervisionReport = z.infer<typeof supervisionReportDto>;

/** 记录完整率 (C110) per person over a period. */
export const completenessRowDto = z.object({
  agentId: z.string(),
  agent: z.string().nullable(),
  department: z.string().nullable(),
  records: z.number(),
  complete: z.number(),
  /** How many records miss each requirement. */
  missing: z.record(z.string(), z.number()),
});
export type CompletenessRow = z.infer<typeof completenessRowDto>;

/** 整改跟踪 (C112): a rectification as its lists show it, with what the caller may do. */
export const rectificationRowDto = z.object({
  id: z.string(),
  inspectionId: z.string(),
  assignee: z.string().nullable(),
  department: z.string().nullable(),
  inspector: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  total: z.number().nullable(),
  findings: z.string().nullable(),
  requirement: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  status: z.enum(RECTIFICATION_STATUSES),
  response: z.string().nullable(),
  failedChecks: z.number(),
  checkNote: z.string().nullable(),
  /** What the caller may do: report it done, or re-check it. */
  may: z.object({ submit: z.boolean(), check: z.boolean() }),
});
export type RectificationRow = z.infer<typeof rectificationRowDto>;

export const inspectionListQuery = pageQuery.extend({
  /** todo: mine to score; about_me: my work inspected; all: every inspection (inspectors and QA managers). */
  view: z.enum(["todo", "about_me", "all"]).default("todo"),
  status: z.enum(QA_INSPECTION_STATUSES).optional(),
  month: monthParam.optional(),
});
export type InspectionListQuery = z.input<typeof inspectionListQuery>;

export const rectificationListQuery = pageQuery.extend({
  /** mine: what I am to put right; all: everybody's (inspectors and QA managers). */
  view: z.enum(["mine", "all"]).default("mine"),
  status: z.enum(RECTIFICATION_STATUSES).optional(),
  overdue: z.coerce.boolean().optional(),
});
export type RectificationListQuery = z.input<typeof rectificationListQuery>;
