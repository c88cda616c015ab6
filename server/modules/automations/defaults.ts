import { and, count, eq } from "drizzle-orm";
import type { AutomationInput, AutomationKind } from "../../../common/schemas/automations";
import { automationInput } from "../../../common/schemas/automations";
import type { Executor } from "../../db/client";
import { automationRules, departments } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { columnsOf, listRules } from "./rules";

/**
 * What a new organisation starts with, editable like any rule:
 * - routing (C021, seed 000 公司管理制度客服 第九条: 咨询 → 前台, 投诉 → 后台): a request that arrives
 *   without a handler (the portal; later email and chat) goes to the queue of the department that
 *   deals with its type — complaints to 质量管理部, repairs and returns to 售后服务组 (its dispatcher
 *   sends the engineer of the region's service point), everything else to 客服部;
 * - stall reminders (C027: the first responder sees the matter through): a ticket nobody has touched
 *   for some working hours reminds its holder, and later its first responder and the head of its
 *   department — sooner for urgent ones.
 */
const DEFAULT_RULES = (dept: (name: string) => string | undefined): AutomationInput[] => {
  const route = (name: string, types: AutomationInput["conditions"] & object, departmentName: string) => ({
    name,
    kind: "trigger" as const,
    event: "ticket.created" as const,
    conditions: { ...types, unassigned: true },
    actions: { route: { departmentId: dept(departmentName)!, assign: "queue" as const } },
    stop: true,
  });
  const stalled = (
    name: string,
    priorities: ("P1" | "P2" | "P3" | "P4")[],
    afterHours: number,
    recipients: ("holder" | "first_responder" | "department_heads")[],
  ) => ({
    name,
    kind: "timed" as const,
    afterHours,
    since: "last_activity" as const,
    conditions: { priorities, statuses: ["accepted" as const, "in_progress" as const] },
    actions: { notify: { recipients, userIds: [] } },
  });
  return [
    route("投诉转质量管理部", { types: ["complaint"] }, "质量管理部"),
    route("报修、退换货转售后服务组", { types: ["repair", "return"] }, "售后服务组"),
    route("其他来件转客服部", {}, "客服部"),
    stalled("停滞提醒处理人（紧急、高）", ["P1", "P2"], 4, ["holder"]),
    stalled("停滞提醒处理人（中、低）", ["P3", "P4"], 16, ["holder"]),
    stalled("停滞上报首问人和主管（紧急、高）", ["P1", "P2"], 8, ["first_responder", "department_heads"]),
    stalled("停滞上报首问人和主管（中、低）", ["P3", "P4"], 32, ["first_responder", "department_heads"]),
  ];
};

/**
 * Inserts the default rules (of one kind, or both for a new organisation). A routing rule to a
 * department the organisation does not have (renamed or removed) is left out.
 */
export async function insertAutomationDefaults(tx: Executor, orgId: string, kind?: AutomationKind) {
  const rows = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.orgId, orgId));
  const dept = (name: string) => rows.find((d) => d.name === name)?.id;
  const positions = { trigger: 0, timed: 0 };
  const rules = DEFAULT_RULES(dept).filter(
    (rule) => (!kind || rule.kind === kind) && (!rule.actions.route || rule.actions.route.departmentId),
  );
  if (!rules.length) return [];
  return tx
    .insert(automationRules)
    .values(
      rules.map((raw) => {
        const rule = automationInput.parse(raw);
        return { orgId, ...columnsOf(rule), position: ++positions[rule.kind] };
      }),
    )
    .returning();
}

/**
 * The default rules of one kind for an organisation that has none of that kind (one made before
 * automations existed, or one that deleted them all): 409 when it has some.
 */
export async function restoreDefaultRules(ctx: Ctx, kind: AutomationKind) {
  requireCapability(ctx.actor, "automation.manage");
  const orgId = ctx.actor.orgId;
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(automationRules)
      .where(and(eq(automationRules.orgId, orgId), eq(automationRules.kind, kind)));
    if (existing.n) throw new AppError("AUTOMATION_DEFAULTS_EXIST", 409);
    const made = await insertAutomationDefaults(tx, orgId, kind);
    await writeAudit(tx, ctx, {
      action: "automation.defaults_restored",
      entityType: "automation_rule",
      entityId: null,
      after: { kind, names: made.map((r) => r.name) },
    });
  });
  return listRules(ctx, kind);
}
