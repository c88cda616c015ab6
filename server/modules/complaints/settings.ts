import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { approvalRules, complaintCategories, departments } from "../../db/schema";
import { DEFAULT_APPROVAL_RULES } from "./approvals";

/** Categories of seed 004 第四章 1 and where each goes: 产品→质量, 物流→销售, 服务→客服, 交付→生产, 账务→财务. */
const DEFAULT_CATEGORIES = [
  ["产品问题", "质量管理部"],
  ["物流问题", "销售部"],
  ["服务问题", "客服部"],
  ["交付问题", "生产部"],
  ["账务问题", "财务部"],
] as const;

/** The default complaint routing and approval authority of a new organisation. */
export async function insertComplaintDefaults(tx: Executor, orgId: string) {
  const depts = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      and(
        eq(departments.orgId, orgId),
        inArray(
          departments.name,
          DEFAULT_CATEGORIES.map(([, d]) => d),
        ),
      ),
    );
  await tx.insert(complaintCategories).values(
    DEFAULT_CATEGORIES.map(([name, department], sortOrder) => ({
      orgId,
      name,
      departmentId: depts.find((d) => d.name === department)?.id ?? null,
      sortOrder,
    })),
  );
  await tx.insert(approvalRules).values(DEFAULT_APPROVAL_RULES.map((r) => ({ orgId, ...r })));
}

export const listCategories = (tx: Executor, orgId: string) =>
  tx
    .select()
    .from(complaintCategories)
    .where(eq(complaintCategories.orgId, orgId))
    .orderBy(complaintCategories.sortOrder);
