import { eq } from "drizzle-orm";
import type { AutomationInput } from "../../../common/schemas/automations";
import { automationInput } from "../../../common/schemas/automations";
import type { Executor } from "../../db/client";
import { automationRules, departments } from "../../db/schema";
import { columnsOf } from "./rules";

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
const DEFAULT_RULES = (dept: (name: string) => string): AutomationInput[] => {
  const route = (name: string, types: AutomationInput["conditions"] & object, departmentName: string) => ({
    name,
    kind: "trigger" as const,
    event: "ticket.created" as const,
    conditions: { ...types, unassigned: true },
    actions: { route: { departmentId: dept(departmentName), assign: "queue" as const } },
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

/** Inserts the default rules for a new organisation (its departments already made). */
export async function insertAutomationDefaults(tx: Executor, orgId: string) {
  const rows = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.orgId, orgId));
  const dept = (name: string) => {
    const found = rows.find((d) => d.name === name);
    if (!found) throw new Error(`default rules: no department ${name}`);
    return found.id;
  };
  const positions = { trigger: 0, timed: 0 };
  await tx.insert(automationRules).values(
    DEFAULT_RULES(dept).map((raw) => {
      const rule = automationInput.parse(raw);
      return { orgId, ...columnsOf(rule), position: ++positions[rule.kind] };
    }),
  );
}
