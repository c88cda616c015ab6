import { asc, eq } from "drizzle-orm";
import type { ComplaintSeverity } from "../../../common/enums";
import type { Executor } from "../../db/client";
import { approvalRules } from "../../db/schema";

export type ApprovalRule = typeof approvalRules.$inferSelect;

/** 核决权限 defaults (SPEC M4): up to ¥500 the supervisor, up to ¥5,000 the manager, above that the GM. */
export const DEFAULT_APPROVAL_RULES = [
  { severity: null, maxAmountFen: 50_000, roleKey: "supervisor", rank: 10 },
  { severity: null, maxAmountFen: 500_000, roleKey: "manager", rank: 20 },
  { severity: null, maxAmountFen: null, roleKey: "general_manager", rank: 30 },
] as const;

/**
 * The approval chain for a complaint of this severity asking for this amount: every level of the
 * rules that apply, in rank order, up to and including the first whose limit covers the amount —
 * ¥8,000 climbs supervisor → manager → general manager; ¥300 stops at the supervisor.
 */
export function approvalChain(
  rules: ApprovalRule[],
  severity: ComplaintSeverity,
  amountFen: number,
): string[] {
  const applicable = rules
    .filter((r) => r.severity === null || r.severity === severity)
    .sort((a, b) => a.rank - b.rank);
  const chain: string[] = [];
  for (const rule of applicable) {
    if (!chain.includes(rule.roleKey)) chain.push(rule.roleKey);
    if (rule.maxAmountFen === null || rule.maxAmountFen >= amountFen) break;
  }
  return chain;
}

export const listApprovalRules = (tx: Executor, orgId: string) =>
  tx.select().from(approvalRules).where(eq(approvalRules.orgId, orgId)).orderBy(asc(approvalRules.rank));

/**
 * Why this user may not decide the request now, or null if they may: it must be pending, not their
 * own nor about them, not already acted on by them, and its current level must be a role they hold.
 */
export function approvalBlocker(
  request: { status: string; chain: string[]; level: number; requestedBy: string | null },
  complaint: { accusedUserId: string | null },
  userId: string,
  roleKeys: string[],
  actedBy: string[],
) {
  if (request.status !== "pending") return "APPROVAL_NOT_PENDING" as const;
  if (complaint.accusedUserId === userId) return "COMPLAINT_ABOUT_YOU" as const;
  if (request.requestedBy === userId) return "APPROVAL_OWN_REQUEST" as const;
  if (actedBy.includes(userId)) return "APPROVAL_ALREADY_ACTED" as const;
  if (!roleKeys.includes(request.chain[request.level])) return "APPROVAL_NOT_YOUR_LEVEL" as const;
  return null;
}
