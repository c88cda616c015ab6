import { and, asc, count, eq, gt, inArray, max, sql } from "drizzle-orm";
import {
  AUTOMATION_LIMITS,
  type AutomationDto,
  type AutomationInput,
  type AutomationKind,
  automationInput,
} from "../../../common/schemas/automations";
import type { Executor } from "../../db/client";
import { automationFirings, automationRules, departments, roles } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError, invalidField, notFound } from "../../lib/errors";
import { iso } from "../../lib/present";
import { findUser } from "../identity/directory";
import { findStandardAnswer } from "../tickets/settings";
import { loadEndpoint } from "../webhooks/endpoints";
import type { Rule } from "./engine";

const RECENT_MS = 7 * 86_400_000;

const present = (r: Rule, fired?: { n: number; last: Date | null }): AutomationDto => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  event: r.event,
  afterHours: r.afterMinutes === null ? null : r.afterMinutes / 60,
  since: r.since,
  conditions: r.conditions,
  actions: r.actions,
  stop: r.stop,
  active: r.active,
  position: r.position,
  firedRecently: fired?.n ?? 0,
  lastFiredAt: iso(fired?.last ?? null),
  updatedAt: iso(r.updatedAt)!,
});

/** The stored form of a rule: only what its kind uses. */
export function columnsOf(input: ReturnType<typeof automationInput.parse>) {
  const timed = input.kind === "timed";
  return {
    name: input.name,
    kind: input.kind,
    event: timed ? null : (input.event ?? null),
    afterMinutes: timed ? Math.round(input.afterHours! * 60) : null,
    since: input.since,
    conditions: input.conditions,
    actions: input.actions,
    stop: input.stop,
    active: input.active,
  };
}

/** Every department, user, role, answer and endpoint a rule names is the organisation's own (422 naming it). */
async function checkReferences(tx: Executor, orgId: string, input: ReturnType<typeof automationInput.parse>) {
  const { conditions: c, actions: a } = input;
  const wanted = [...new Set([...(c.departmentIds ?? []), ...(a.route ? [a.route.departmentId] : [])])];
  if (wanted.length) {
    const found = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.orgId, orgId), inArray(departments.id, wanted)));
    const known = new Set(found.map((d) => d.id));
    const i = (c.departmentIds ?? []).findIndex((id) => !known.has(id));
    if (i >= 0) throw invalidField(`conditions/departmentIds/${i}`, "reference");
    if (a.route && !known.has(a.route.departmentId))
      throw invalidField("actions/route/departmentId", "reference");
  }
  const person = async (id: string, field: string) => {
    const user = await findUser(tx, orgId, id);
    if (!user || user.isDisabled) throw invalidField(field, "reference");
  };
  if (a.route?.assign === "user" && a.route.userId) await person(a.route.userId, "actions/route/userId");
  for (const [i, id] of (a.notify?.userIds ?? []).entries()) await person(id, `actions/notify/userIds/${i}`);
  const roleKeys = a.notify?.roleKeys ?? [];
  if (roleKeys.length) {
    const known = new Set(
      (
        await tx
          .select({ key: roles.key })
          .from(roles)
          .where(and(eq(roles.orgId, orgId), inArray(roles.key, roleKeys)))
      ).map((r) => r.key),
    );
    const i = roleKeys.findIndex((key) => !known.has(key));
    if (i >= 0) throw invalidField(`actions/notify/roleKeys/${i}`, "reference");
  }
  if (a.standardAnswerId && !(await findStandardAnswer(tx, orgId, a.standardAnswerId)))
    throw invalidField("actions/standardAnswerId", "reference");
  if (a.webhookEndpointId)
    await loadEndpoint(tx, orgId, a.webhookEndpointId).catch(() => {
      throw invalidField("actions/webhookEndpointId", "reference");
    });
}

async function loadRule(tx: Executor, orgId: string, id: string): Promise<Rule> {
  const [rule] = await tx
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.orgId, orgId), eq(automationRules.id, id)));
  if (!rule) throw notFound("AUTOMATION_NOT_FOUND");
  return rule;
}

/** The organisation's rules of one kind, in the order they are tried, with how often each fired lately. */
export async function listRules(ctx: Ctx, kind: AutomationKind): Promise<AutomationDto[]> {
  requireCapability(ctx.actor, "automation.manage");
  const orgId = ctx.actor.orgId;
  const rules = await ctx.db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.orgId, orgId), eq(automationRules.kind, kind)))
    .orderBy(asc(automationRules.position));
  if (!rules.length) return [];
  const fired = await ctx.db
    .select({ ruleId: automationFirings.ruleId, n: count(), last: max(automationFirings.firedAt) })
    .from(automationFirings)
    .where(
      and(
        eq(automationFirings.orgId, orgId),
        inArray(
          automationFirings.ruleId,
          rules.map((r) => r.id),
        ),
        gt(automationFirings.firedAt, new Date(Date.now() - RECENT_MS)),
      ),
    )
    .groupBy(automationFirings.ruleId);
  const byRule = new Map(fired.map((f) => [f.ruleId, { n: f.n, last: f.last }]));
  return rules.map((r) => present(r, byRule.get(r.id)));
}

/** A new rule, tried after the others of its kind. */
export async function createRule(ctx: Ctx, raw: AutomationInput): Promise<AutomationDto> {
  requireCapability(ctx.actor, "automation.manage");
  const input = automationInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    await checkReferences(tx, orgId, input);
    const [last] = await tx
      .select({ n: count(), position: max(automationRules.position) })
      .from(automationRules)
      .where(and(eq(automationRules.orgId, orgId), eq(automationRules.kind, input.kind)));
    if (last.n >= AUTOMATION_LIMITS.rules)
      throw new AppError("AUTOMATION_LIMIT", 409, { limit: AUTOMATION_LIMITS.rules });
    const [rule] = await tx
      .insert(automationRules)
      .values({ orgId, ...columnsOf(input), position: (last.position ?? 0) + 1 })
      .returning();
    await writeAudit(tx, ctx, {
      action: "automation.created",
      entityType: "automation_rule",
      entityId: rule.id,
      after: columnsOf(input),
    });
    return present(rule);
  });
}

/** Changes a rule (its kind stays what it was made as). */
export async function updateRule(ctx: Ctx, id: string, raw: AutomationInput): Promise<AutomationDto> {
  requireCapability(ctx.actor, "automation.manage");
  const input = automationInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const before = await loadRule(tx, orgId, id);
    if (before.kind !== input.kind) throw invalidField("kind", "choice");
    await checkReferences(tx, orgId, input);
    const [rule] = await tx
      .update(automationRules)
      .set({ ...columnsOf(input), updatedAt: new Date() })
      .where(and(eq(automationRules.orgId, orgId), eq(automationRules.id, id)))
      .returning();
    const {
      id: _id,
      orgId: _org,
      position: _p,
      lastAssigneeId: _l,
      createdAt: _c,
      updatedAt: _u,
      ...was
    } = before;
    await writeAudit(tx, ctx, {
      action: "automation.updated",
      entityType: "automation_rule",
      entityId: id,
      before: was,
      after: columnsOf(input),
    });
    return present(rule);
  });
}

/** The order rules of one kind are tried in: `ids` lists all of them, first to last. */
export async function reorderRules(ctx: Ctx, kind: AutomationKind, ids: string[]) {
  requireCapability(ctx.actor, "automation.manage");
  const orgId = ctx.actor.orgId;
  await ctx.db.transaction(async (tx) => {
    const rules = await tx
      .select({ id: automationRules.id })
      .from(automationRules)
      .where(and(eq(automationRules.orgId, orgId), eq(automationRules.kind, kind)))
      .for("update");
    const all = new Set(rules.map((r) => r.id));
    if (ids.length !== all.size || new Set(ids).size !== ids.length || ids.some((id) => !all.has(id)))
      throw invalidField("ids", "reference");
    await tx.execute(
      sql`UPDATE automation_rules r SET position = o.position::int
        FROM unnest(${`{${ids.join(",")}}`}::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE r.org_id = ${orgId} AND r.id = o.id`,
    );
    await writeAudit(tx, ctx, {
      action: "automation.reordered",
      entityType: "automation_rule",
      entityId: null,
      after: { kind, ids },
    });
  });
  return listRules(ctx, kind);
}

/** Removes a rule with its record of firings (the tickets' timelines keep theirs). */
export async function deleteRule(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "automation.manage");
  const orgId = ctx.actor.orgId;
  await ctx.db.transaction(async (tx) => {
    const before = await loadRule(tx, orgId, id);
    await tx
      .delete(automationFirings)
      .where(and(eq(automationFirings.orgId, orgId), eq(automationFirings.ruleId, id)));
    await tx.delete(automationRules).where(and(eq(automationRules.orgId, orgId), eq(automationRules.id, id)));
    await writeAudit(tx, ctx, {
      action: "automation.deleted",
      entityType: "automation_rule",
      entityId: id,
      before: { name: before.name, kind: before.kind },
    });
  });
}
