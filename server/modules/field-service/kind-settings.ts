import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { WORK_ORDER_KINDS, type WorkOrderKind } from "../../../common/enums";
import { DEFAULT_KIND_SETTINGS, type KindSettings } from "../../../common/field-service";
import { kindSettingsInput } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { workOrderKindSettings } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";

/** A kind's checklist and targets (C081): the organisation's own, else the defaults. */
export async function kindSettingsOf(
  tx: Executor,
  orgId: string,
  kind: WorkOrderKind,
): Promise<KindSettings> {
  const [row] = await tx
    .select()
    .from(workOrderKindSettings)
    .where(and(eq(workOrderKindSettings.orgId, orgId), eq(workOrderKindSettings.kind, kind)));
  return row ?? DEFAULT_KIND_SETTINGS[kind];
}

/** Every kind with what it asks for and whether the organisation has changed the defaults. */
export async function listKindSettings(ctx: Ctx) {
  requireCapability(ctx.actor, "settings.manage");
  const rows = await ctx.db
    .select()
    .from(workOrderKindSettings)
    .where(eq(workOrderKindSettings.orgId, ctx.actor.orgId));
  return WORK_ORDER_KINDS.map((kind) => {
    const own = rows.find((r) => r.kind === kind);
    const { checklist, arrivalHours, completionHours } = own ?? DEFAULT_KIND_SETTINGS[kind];
    return { kind, checklist, arrivalHours, completionHours, isDefault: !own };
  });
}

/** Sets a kind's checklist and targets for work orders written from now on (those written keep theirs). */
export async function saveKindSettings(
  ctx: Ctx,
  kind: WorkOrderKind,
  raw: z.input<typeof kindSettingsInput>,
) {
  requireCapability(ctx.actor, "settings.manage");
  const input = kindSettingsInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await kindSettingsOf(tx, ctx.actor.orgId, kind);
    await tx
      .insert(workOrderKindSettings)
      .values({ orgId: ctx.actor.orgId, kind, ...input })
      .onConflictDoUpdate({
        target: [workOrderKindSettings.orgId, workOrderKindSettings.kind],
        set: { ...input, updatedAt: new Date() },
      });
    await writeAudit(tx, ctx, {
      action: "work_order_kind.updated",
      entityType: "work_order_kind",
      entityId: null,
      before: { kind, ...before },
      after: { kind, ...input },
    });
  });
}

/** Back to the defaults for a kind. */
export async function resetKindSettings(ctx: Ctx, kind: WorkOrderKind) {
  requireCapability(ctx.actor, "settings.manage");
  return ctx.db.transaction(async (tx) => {
    const before = await kindSettingsOf(tx, ctx.actor.orgId, kind);
    await tx
      .delete(workOrderKindSettings)
      .where(and(eq(workOrderKindSettings.orgId, ctx.actor.orgId), eq(workOrderKindSettings.kind, kind)));
    await writeAudit(tx, ctx, {
      action: "work_order_kind.reset",
      entityType: "work_order_kind",
      entityId: null,
      before: { kind, ...before },
    });
  });
}
