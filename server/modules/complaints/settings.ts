import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { approvalRulesInput, categoryInput } from "../../../common/schemas/complaints";
import type { Executor } from "../../db/client";
import { approvalRules, complaintCategories, complaints, departments, roles } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { DEFAULT_APPROVAL_RULES, listApprovalRules } from "./approvals";

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

async function checkDepartment(tx: Executor, orgId: string, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const [dept] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)));
  if (!dept) throw notFound("DEPARTMENT_NOT_FOUND");
}

/** Creates (id null) or changes a complaint category and the department it routes to (C049). */
export async function saveCategory(ctx: Ctx, id: string | null, raw: z.input<typeof categoryInput>) {
  requireCapability(ctx.actor, "settings.manage");
  const input = categoryInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    await checkDepartment(tx, orgId, input.departmentId);
    const values = { name: input.name, departmentId: input.departmentId ?? null, sortOrder: input.sortOrder };
    const [row] = id
      ? await tx
          .update(complaintCategories)
          .set(values)
          .where(and(eq(complaintCategories.orgId, orgId), eq(complaintCategories.id, id)))
          .returning()
      : await tx
          .insert(complaintCategories)
          .values({ orgId, ...values })
          .onConflictDoNothing()
          .returning();
    if (!row) throw id ? notFound() : invalidField("name", "duplicate");
    await writeAudit(tx, ctx, {
      action: id ? "complaint_category.updated" : "complaint_category.created",
      entityType: "complaint_category",
      entityId: row.id,
      after: values,
    });
    return row;
  });
}

/** A category complaints were filed under stays: it can be renamed or re-routed, not deleted. */
export async function deleteCategory(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "settings.manage");
  return ctx.db.transaction(async (tx) => {
    const [used] = await tx
      .select({ id: complaints.id })
      .from(complaints)
      .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.categoryId, id)))
      .limit(1);
    if (used) throw conflict("COMPLAINT_CATEGORY_IN_USE");
    const [gone] = await tx
      .delete(complaintCategories)
      .where(and(eq(complaintCategories.orgId, ctx.actor.orgId), eq(complaintCategories.id, id)))
      .returning();
    if (!gone) throw notFound();
    await writeAudit(tx, ctx, {
      action: "complaint_category.deleted",
      entityType: "complaint_category",
      entityId: id,
      before: gone,
    });
  });
}

/**
 * Replaces the approval authority (核决权限). Every role must exist, and a level without a limit must
 * exist for any severity, so that every amount reaches somebody.
 */
export async function replaceApprovalRules(ctx: Ctx, raw: z.input<typeof approvalRulesInput>) {
  requireCapability(ctx.actor, "settings.manage");
  const rules = approvalRulesInput.parse(raw);
  const orgId = ctx.actor.orgId;
  if (!rules.some((r) => r.severity === null && r.maxAmountFen === null))
    throw invalid("APPROVAL_RULES_INVALID", { detail: "no level without a limit" });
  return ctx.db.transaction(async (tx) => {
    const keys = [...new Set(rules.map((r) => r.roleKey))];
    const known = await tx
      .select({ key: roles.key })
      .from(roles)
      .where(and(eq(roles.orgId, orgId), inArray(roles.key, keys)));
    const missing = keys.find((k) => !known.some((r) => r.key === k));
    if (missing) throw invalid("APPROVAL_RULES_INVALID", { detail: missing });
    const before = await listApprovalRules(tx, orgId);
    await tx.delete(approvalRules).where(eq(approvalRules.orgId, orgId));
    const after = await tx
      .insert(approvalRules)
      .values(rules.map((r) => ({ orgId, ...r })))
      .returning();
    await writeAudit(tx, ctx, {
      action: "approval_rules.replaced",
      entityType: "approval_rules",
      before,
      after: rules,
    });
    return after.sort((a, b) => a.rank - b.rank);
  });
}
