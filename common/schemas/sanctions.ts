import { z } from "zod";
import { PENALTY_TYPES, REWARD_TYPES, SANCTION_SOURCES, SANCTION_STATUSES } from "../enums";
import { pageQuery } from "./pagination";

/** 奖惩规则 (seed 004 第七章): the rules that propose rewards and deductions by themselves. */
export const sanctionRulesDto = z.object({
  /** 超时未响应 N 次 in a month → deduct this share of that month's bonus (C121). */
  lateResponseLimit: z.number().int().min(1).max(100),
  deductionShare: z.number().min(0).max(1),
  /** Satisfaction ≥ threshold for N consecutive months → a bonus of so much (C120). */
  satisfactionThreshold: z.number().min(0).max(1),
  satisfactionMonths: z.number().int().min(1).max(24),
  satisfactionBonusFen: z.number().int().min(0),
  /** A major complaint resolved → a bonus for its handler (C120). */
  majorComplaintBonusFen: z.number().int().min(0),
  /** 服务之星 each quarter: the best satisfaction of the quarter (C120; 示例 500 元). */
  serviceStarBonusFen: z.number().int().min(0),
});
export type SanctionRulesDto = z.input<typeof sanctionRulesDto>;
export type SanctionRules = z.infer<typeof sanctionRulesDto>;

const type = z.enum([...REWARD_TYPES, ...PENALTY_TYPES]);
export const sanctionInput = z
  .object({
    kind: z.enum(["reward", "penalty"]),
    type,
    userId: z.uuid().optional(),
    departmentId: z.uuid().optional(),
    amountFen: z.number().int().min(0).optional(),
    bonusShare: z.number().min(0).max(1).optional(),
    terminate: z.boolean().default(false),
    reason: z.string().trim().min(1).max(2000),
    evidence: z.string().trim().max(4000).optional(),
    auditIds: z.array(z.number().int().positive()).max(50).default([]),
  })
  .refine((s) => Boolean(s.userId) !== Boolean(s.departmentId), {
    message: "a person or a team, one of them",
  })
  .refine(
    (s) => (s.kind === "reward" ? (REWARD_TYPES as readonly string[]) : PENALTY_TYPES).includes(s.type),
    {
      message: "the type does not match the kind",
    },
  );
export type SanctionInput = z.input<typeof sanctionInput>;

export const sanctionDto = z.object({
  id: z.string(),
  kind: z.enum(["reward", "penalty"]),
  type,
  userId: z.string().nullable(),
  person: z.string().nullable(),
  department: z.string().nullable(),
  amountFen: z.number().nullable(),
  bonusShare: z.number().nullable(),
  terminate: z.boolean(),
  reason: z.string(),
  evidence: z.string().nullable(),
  auditIds: z.array(z.number()),
  source: z.enum(SANCTION_SOURCES),
  status: z.enum(SANCTION_STATUSES),
  proposedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  may: z.object({ decide: z.boolean(), publish: z.boolean() }),
});
export type Sanction = z.infer<typeof sanctionDto>;

export const sanctionDecisionInput = z.object({
  approve: z.boolean(),
  note: z.string().trim().min(1).max(2000),
});
export type SanctionDecisionInput = z.input<typeof sanctionDecisionInput>;

export const sanctionListQuery = pageQuery.extend({
  /** all: everyone's (supervisors and management); mine: the published ones about me. */
  view: z.enum(["all", "mine"]).default("mine"),
  status: z.enum(SANCTION_STATUSES).optional(),
});
export type SanctionListQuery = z.input<typeof sanctionListQuery>;
