import { and, asc, eq, inArray } from "drizzle-orm";
import type { ComplaintSeverity } from "../../../common/enums";
import type { Executor } from "../../db/client";
import { approvalRules, roles, userRoles } from "../../db/schema";

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

/** Whether the user holds a role (by key). */
export async function holdsRole(
  tx: Executor,
  orgId: string,
  userId: string,
  roleKey: string,
): Promise<boolean> {
  const rows = await tx
    .select({ key: roles.key })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(userRoles.orgId, orgId), eq(userRoles.userId, userId), inArray(roles.key, [roleKey])));
  return rows.length > 0;
}
