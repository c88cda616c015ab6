import { z } from "zod";
import {
  CAMPAIGN_CADENCES,
  CAMPAIGN_STATUSES,
  RESPONDENT_KINDS,
  STAFF_CHANNELS,
  SURVEY_CHANNELS,
  SURVEY_QUESTION_KINDS,
} from "../enums";

import { pageQuery } from "./pagination";

/** A question of a questionnaire; `labels` name the five points of a scale, best first. */
export const surveyQuestion = z.object({
  id: z.string().min(1).max(40),
  kind: z.enum(SURVEY_QUESTION_KINDS),
  text: z.string().trim().min(1).max(300),
  options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  labels: z.array(z.string().trim().min(1).max(20)).length(5).optional(),
  required: z.boolean(),
});
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

/** What the person answering sees: the questionnaire, whose it is, and whether it is still open. */
export const openSurveyDto = z.object({
  organization: z.string(),
  name: z.string(),
  questions: z.array(surveyQuestion),
  subject: z.string().nullable(),
  state: z.enum(["open", "answered", "expired"]),
});
export type OpenSurvey = z.infer<typeof openSurveyDto>;

/** What satisfaction is reported by (C099). */
export const SATISFACTION_GROUPS = ["agent", "engineer", "department", "product", "question"] as const;

const scored = {
  counts: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
  n: z.number(),
  weightedSum: z.number(),
  index: z.number().nullable(),
  rate: z.number().nullable(),
  belowTarget: z.boolean(),
};

/** Satisfaction per agent, engineer, department, product or question (C095, C097, C099). */
export const satisfactionReportDto = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(SATISFACTION_GROUPS),
  target: z.number(),
  overall: z.object(scored),
  rows: z.array(z.object({ key: z.string().nullable(), name: z.string().nullable(), ...scored })),
});
export type SatisfactionReport = z.infer<typeof satisfactionReportDto>;

/**
 * 客户回访名单 rules (C089–C092): the share of customers drawn each month, the months of silence that
 * make a customer dormant, the days ahead a warranty's end is called about, and whether delivered
 * projects are called (monthly in their first year, quarterly after, while under warranty).
 */
export const customerListRules = z.object({
  sampleShare: z.number().min(0).max(1),
  dormantMonths: z.number().int().min(1).max(60),
  reminderLeadDays: z.number().int().min(1).max(365),
  projectCallbacks: z.boolean(),
});
export type CustomerListRules = z.infer<typeof customerListRules>;

const share = z.number().min(0).max(1);
/** Callback sampling rates by priority (C086) and the satisfaction pass mark (C097). */
export const surveySettingsDto = z.object({
  samplingRates: z.object({ P1: share, P2: share, P3: share, P4: share }),
  satisfactionTarget: z.number().min(0.5).max(1),
  /** The customer callback lists' rules (C089–C092); left out, they stay as they are. */
  customerLists: customerListRules.optional(),
});
export type SurveySettingsDto = z.input<typeof surveySettingsDto>;
export type SurveySettings = z.infer<typeof surveySettingsDto>;

/** One answered questionnaire as its custodians read it (C105, C107). */
export const surveyResponseRowDto = z.object({
  id: z.string(),
  submittedAt: z.string(),
  channel: z.enum(SURVEY_CHANNELS),
  total: z.number(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  valid: z.boolean(),
  invalidReason: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  /** The customer, or the named respondent of a campaign (none when it is anonymous). */
  customer: z.string().nullable(),
  campaign: z.string().nullable(),
  /** Where imported answers came from (C108). */
  source: z.string().nullable(),
  /** Staff who entered it; null when the customer answered the link. */
  enteredBy: z.string().nullable(),
  followUpTicketId: z.string().nullable(),
  followUpNumber: z.string().nullable(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
});
export type SurveyResponseRow = z.infer<typeof surveyResponseRowDto>;

const scoredRow = z.object({ key: z.string().nullable(), name: z.string().nullable(), ...scored });
/** 客户满意度调查分析报告 (C106): a quarter's figures, problems, comments and improvement actions. */
export const quarterAnalysisDto = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  /** Due by the 30th of the quarter's last month, for that quarter's appraisal (C098). */
  dueOn: z.string(),
  target: z.number(),
  overall: z.object(scored),
  questions: z.array(scoredRow),
  departments: z.array(scoredRow),
  agents: z.array(scoredRow),
  responses: z.number(),
  problems: z.array(z.object({ problem: z.string(), responses: z.number() })),
  comments: z.array(
    z.object({
      ticketNumber: z.string().nullable(),
      submittedAt: z.string(),
      problem: z.string().nullable(),
      text: z.string(),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.string(),
      problem: z.string(),
      action: z.string(),
      ownerId: z.string(),
      owner: z.string(),
      dueOn: z.string(),
      status: z.enum(["open", "done"]),
      result: z.string().nullable(),
    }),
  ),
  submitted: z
    .object({ summary: z.string().nullable(), at: z.string(), by: z.string().nullable() })
    .nullable(),
});
export type QuarterAnalysisReport = z.infer<typeof quarterAnalysisDto>;

/** A questionnaire as its editor saves it (C096, C100): every save is a new version. */
export const surveyTemplateInput = z.object({
  name: z.string().trim().min(1).max(100),
  questions: z.array(surveyQuestion).min(1).max(50),
  bands: z.array(z.object({ min: z.number().int().min(0), label: z.string().trim().min(1).max(20) })).max(10),
  validDays: z.number().int().min(1).max(180),
});
export type SurveyTemplateInputBody = z.input<typeof surveyTemplateInput>;
export type SurveyTemplateInput = z.infer<typeof surveyTemplateInput>;

/** One version of a questionnaire, with how many versions its family has and whether it was sent. */
export const surveyTemplateDto = surveyTemplateInput.extend({
  id: z.string(),
  familyId: z.string(),
  version: z.number(),
  isDefault: z.boolean(),
  isCurrent: z.boolean(),
  versions: z.number(),
  sent: z.number(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SurveyTemplateRow = z.infer<typeof surveyTemplateDto>;

/** 调查计划 (C102–C104, C107) as its planner writes it. */
export const campaignInput = z.object({
  name: z.string().trim().min(1).max(100),
  templateId: z.uuid(),
  departmentId: z.uuid(),
  respondents: z.enum(RESPONDENT_KINDS),
  grades: z.array(z.enum(["key", "normal", "potential"])).max(3),
  share: z.number().gt(0).max(1),
  /** Suppliers and partners, one per line: name and mobile or email. */
  recipients: z
    .array(z.object({ name: z.string().trim().min(1).max(100), address: z.string().trim().min(3).max(200) }))
    .max(5000),
  anonymous: z.boolean(),
  cadence: z.enum(CAMPAIGN_CADENCES),
  startOn: z.iso.date(),
  closeOn: z.iso.date(),
});
export type CampaignInputBody = z.input<typeof campaignInput>;
export type CampaignInput = z.infer<typeof campaignInput>;

/** A round's progress (C102): asked, sent, answered, expired, and those nobody could reach. */
export const roundProgress = z.object({
  round: z.number(),
  startOn: z.string(),
  closeOn: z.string(),
  invited: z.number(),
  sent: z.number(),
  answered: z.number(),
  imported: z.number(),
  expired: z.number(),
  unreachable: z.number(),
});

export const campaignDto = campaignInput.extend({
  id: z.string(),
  template: z.string(),
  templateVersion: z.number(),
  department: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  /** Derived from the dates: waiting for its first round, running, or past its last. */
  phase: z.enum(["planned", "running", "finished"]),
  nextRoundOn: z.string().nullable(),
  plannedBy: z.string().nullable(),
  /** Who may approve it while it waits (C104). */
  approvers: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  seed: z.string(),
  rounds: z.array(roundProgress),
  may: z.object({ edit: z.boolean(), decide: z.boolean(), cancel: z.boolean(), import: z.boolean() }),
});
export type Campaign = z.infer<typeof campaignDto>;

/** A campaign's answers to its scale questions (C095), for whoever plans surveys. */
export const campaignResultsDto = z.object({
  responses: z.number(),
  overall: z.object(scored),
  questions: z.array(scoredRow),
});
export type CampaignResults = z.infer<typeof campaignResultsDto>;

/** A survey waiting for the signed-in portal contact, answered through its link. */
export const portalSurveyDto = z.object({
  token: z.string(),
  name: z.string(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  expiresAt: z.string(),
});
export type PortalSurvey = z.infer<typeof portalSurveyDto>;

export const quarterParam = z.string().regex(/^\d{4}-Q[1-4]$/);

export const improvementActionInput = z.object({
  problem: z.string().trim().min(1).max(200),
  action: z.string().trim().min(1).max(2000),
  ownerId: z.uuid(),
  dueOn: z.iso.date(),
});
export type ImprovementActionInput = z.input<typeof improvementActionInput>;

export const actionDoneInput = z.object({ result: z.string().trim().min(1).max(2000) });
export type ActionDoneInput = z.input<typeof actionDoneInput>;

export const analysisSubmitInput = z.object({ summary: z.string().trim().min(1).max(4000) });
export type AnalysisSubmitInput = z.input<typeof analysisSubmitInput>;

export const importSourceQuery = z.object({ source: z.string().trim().min(1).max(100) });
export type ImportSourceQuery = z.input<typeof importSourceQuery>;

export const answerInput = z.object({
  answers: z.record(
    z.string().max(40),
    z.union([z.number().int(), z.string().max(2000), z.array(z.string().max(100)).max(20)]),
  ),
});
export type AnswerInput = z.input<typeof answerInput>;

export const staffAnswerInput = answerInput.extend({ channel: z.enum(STAFF_CHANNELS) });
export type StaffAnswerInput = z.input<typeof staffAnswerInput>;

export const satisfactionQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(SATISFACTION_GROUPS).default("agent"),
});
export type SatisfactionQuery = z.input<typeof satisfactionQuery>;

export const tokenParam = z.object({ token: z.string().min(10).max(64) });

export const responseListQuery = pageQuery.extend({
  from: z.iso.date(),
  to: z.iso.date(),
  validity: z.enum(["all", "valid", "invalid"]).default("all"),
});
export type ResponseListQuery = z.input<typeof responseListQuery>;

export const validityInput = z.object({
  valid: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});
export type ValidityInput = z.input<typeof validityInput>;

export const campaignDecisionInput = z.object({
  approve: z.boolean(),
  note: z.string().trim().min(1).max(2000),
});
export type CampaignDecisionInput = z.input<typeof campaignDecisionInput>;

export const campaignListQuery = pageQuery.extend({
  status: z.enum(["draft", "pending", "approved", "rejected", "cancelled"]).optional(),
});
export type CampaignListQuery = z.input<typeof campaignListQuery>;
