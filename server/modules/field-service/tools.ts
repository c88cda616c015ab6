import { and, asc, eq, isNotNull, lt, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { addDays } from "../../../common/field-service";
import { checkInput, lendInput, toolInput, toolListQuery } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { customers, servicePoints, tools, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalidField, notFound } from "../../lib/errors";
import { officeToday } from "../../lib/periods";
import { iso } from "../../lib/present";

type Tool = typeof tools.$inferSelect;

const nextCheck = (lastCheckedOn: string | null | undefined, interval: number | null | undefined) =>
  lastCheckedOn && interval ? addDays(lastCheckedOn, interval) : null;

/** Registers a tool or measuring instrument (C079); its next check follows from the last one. */
export async function addTool(ctx: Ctx, raw: z.input<typeof toolInput>) {
  requireCapability(ctx.actor, "stock.manage");
  const input = toolInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [tool] = await tx
      .insert(tools)
      .values({
        orgId: ctx.actor.orgId,
        ...input,
        nextCheckOn: nextCheck(input.lastCheckedOn, input.checkIntervalDays),
      })
      .onConflictDoNothing()
      .returning();
    if (!tool) throw conflict("TOOL_CODE_TAKEN");
    await writeAudit(tx, ctx, { action: "tool.created", entityType: "tool", entityId: tool.id, after: tool });
    return tool;
  });
}

/** One change of a tool, audited. */
async function changeTool(ctx: Ctx, id: string, action: string, changes: (t: Tool) => Partial<Tool>) {
  requireCapability(ctx.actor, "stock.manage");
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(tools)
      .where(and(eq(tools.orgId, ctx.actor.orgId), eq(tools.id, id)));
    if (!before) throw notFound();
    const [after] = await tx
      .update(tools)
      .set({ ...changes(before), updatedAt: new Date() })
      .where(and(eq(tools.orgId, ctx.actor.orgId), eq(tools.id, id)))
      .returning();
    await writeAudit(tx, ctx, { action: `tool.${action}`, entityType: "tool", entityId: id, before, after });
    return after;
  });
}

/** A check (calibration, inspection) done: the next one is due an interval later. */
export const recordToolCheck = (ctx: Ctx, id: string, raw: z.input<typeof checkInput>) => {
  const { checkedOn } = checkInput.parse(raw);
  return changeTool(ctx, id, "checked", (t) => ({
    lastCheckedOn: checkedOn,
    nextCheckOn: nextCheck(checkedOn, t.checkIntervalDays),
  }));
};

/** A tool lent to a customer, with the day it is due back. */
export async function lendTool(ctx: Ctx, id: string, raw: z.input<typeof lendInput>) {
  const input = lendInput.parse(raw);
  const lentOn = await officeToday(ctx.db, ctx.actor.orgId);
  if (input.dueBackOn < lentOn) throw invalidField("dueBackOn", "before_start");
  const [customer] = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.orgId, ctx.actor.orgId), eq(customers.id, input.customerId)));
  if (!customer) throw notFound("CUSTOMER_NOT_FOUND");
  return changeTool(ctx, id, "lent", (t) => {
    if (t.lentToCustomerId) throw conflict("TOOL_LENT");
    return { lentToCustomerId: input.customerId, lentOn, dueBackOn: input.dueBackOn };
  });
}

/** The lent tool is back. */
export const returnTool = (ctx: Ctx, id: string) =>
  changeTool(ctx, id, "returned", () => ({ lentToCustomerId: null, lentOn: null, dueBackOn: null }));

/** Tools whose check is overdue on a day, by holder: the dispatcher is warned (C079). */
export async function overdueToolsByHolder(tx: Executor, orgId: string, day: string) {
  const rows = await tx
    .select({ holderId: tools.holderId, name: tools.name })
    .from(tools)
    .where(and(eq(tools.orgId, orgId), isNotNull(tools.holderId), lt(tools.nextCheckOn, day)));
  const byHolder = new Map<string, string[]>();
  for (const r of rows) byHolder.set(r.holderId!, [...(byHolder.get(r.holderId!) ?? []), r.name]);
  return byHolder;
}

/** The register: every tool with its holder, next check and loan; `attention` keeps those overdue. */
export async function listTools(ctx: Ctx, raw: z.input<typeof toolListQuery>) {
  requireCapability(ctx.actor, "ticket.view");
  const q = toolListQuery.parse(raw);
  const day = await officeToday(ctx.db, ctx.actor.orgId);
  const holder = alias(users, "holder");
  const rows = await ctx.db
    .select({ t: tools, holder: holder.displayName, point: servicePoints.name, lentTo: customers.name })
    .from(tools)
    .leftJoin(holder, and(eq(holder.orgId, tools.orgId), eq(holder.id, tools.holderId)))
    .leftJoin(
      servicePoints,
      and(eq(servicePoints.orgId, tools.orgId), eq(servicePoints.id, tools.servicePointId)),
    )
    .leftJoin(customers, and(eq(customers.orgId, tools.orgId), eq(customers.id, tools.lentToCustomerId)))
    .where(
      and(
        eq(tools.orgId, ctx.actor.orgId),
        q.attention ? or(lt(tools.nextCheckOn, day), lt(tools.dueBackOn, day)) : undefined,
      ),
    )
    .orderBy(asc(tools.code))
    .limit(1000);
  return rows.map((r) => ({
    ...r.t,
    createdAt: iso(r.t.createdAt)!,
    updatedAt: iso(r.t.updatedAt)!,
    holder: r.holder,
    servicePoint: r.point,
    lentTo: r.lentTo,
    checkOverdue: Boolean(r.t.nextCheckOn && r.t.nextCheckOn < day),
    loanOverdue: Boolean(r.t.dueBackOn && r.t.dueBackOn < day),
  }));
}
