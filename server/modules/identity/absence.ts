import { and, eq, inArray } from "drizzle-orm";
import type { AbsenceDto, AbsenceInput } from "../../../common/schemas/identity";
import { absenceInput } from "../../../common/schemas/identity";
import type { Executor } from "../../db/client";
import { users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, invalidField, notFound } from "../../lib/errors";
import { iso } from "../../lib/present";

/** How many deputies in a row are followed (a deputy may be away too); a loop stops earlier. */
const MAX_HOPS = 3;

type Away = { awayFrom: Date | null; awayUntil: Date | null; deputyId: string | null };
export const isAway = (u: Away, at = new Date()) =>
  !!u.awayFrom && !!u.awayUntil && u.deputyId !== null && u.awayFrom <= at && at < u.awayUntil;

/**
 * Who takes new work meant for this person now (C029: 如果主管领导不在，移交分管本事项的其它同志):
 * themselves, or — while they are away — their deputy (or the deputy's, if that one is away too).
 * `awayName` is the absent person's name when the work went to a deputy.
 */
export async function presentHandler(
  tx: Executor,
  orgId: string,
  userId: string,
  at = new Date(),
): Promise<{ userId: string; awayName: string | null }> {
  let current = userId;
  let awayName: string | null = null;
  const seen = new Set<string>();
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    seen.add(current);
    const [u] = await tx
      .select({
        name: users.displayName,
        awayFrom: users.awayFrom,
        awayUntil: users.awayUntil,
        deputyId: users.deputyId,
      })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, current)));
    if (!u || !isAway(u, at) || seen.has(u.deputyId!) || hop === MAX_HOPS) break;
    // A deputy who has left meanwhile takes nothing: it stays with the one it was meant for.
    const [deputy] = await tx
      .select({ isDisabled: users.isDisabled })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, u.deputyId!)));
    if (!deputy || deputy.isDisabled) break;
    awayName ??= u.name;
    current = u.deputyId!;
  }
  return { userId: current, awayName };
}

/** Someone's absence as the API shows it (null when none is set). */
export const absenceOf = (u: Away): AbsenceDto | null =>
  u.awayFrom && u.awayUntil && u.deputyId
    ? { from: iso(u.awayFrom)!, until: iso(u.awayUntil)!, deputyId: u.deputyId, away: isAway(u) }
    : null;

/** Someone's absence is theirs to set, or an administrator's (user.manage). */
function mayManage(ctx: Ctx, userId: string) {
  requireCapability(ctx.actor, "ticket.view");
  if (ctx.actor.type === "user" && ctx.actor.userId !== userId && !can(ctx.actor, "user.manage"))
    throw new AppError("FORBIDDEN", 403, { capability: "user.manage" });
}

async function loadPerson(tx: Executor, orgId: string, userId: string) {
  const [u] = await tx
    .select({ id: users.id, awayFrom: users.awayFrom, awayUntil: users.awayUntil, deputyId: users.deputyId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (!u) throw notFound("USER_NOT_FOUND");
  return u;
}

export async function getAbsence(ctx: Ctx, userId: string): Promise<AbsenceDto | null> {
  mayManage(ctx, userId);
  return absenceOf(await loadPerson(ctx.db, ctx.actor.orgId, userId));
}

/**
 * Sets an absence (out of office, C029): from, until and the deputy who takes new work meanwhile;
 * `null` clears it. Work already held stays with them and is listed for their supervisor (team view).
 */
export async function setAbsence(
  ctx: Ctx,
  userId: string,
  raw: AbsenceInput | null,
): Promise<AbsenceDto | null> {
  mayManage(ctx, userId);
  const orgId = ctx.actor.orgId;
  const input = raw && absenceInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await loadPerson(tx, orgId, userId);
    if (input) {
      if (input.until <= input.from) throw invalidField("until", "before_start");
      if (input.until <= new Date()) throw invalidField("until", "past");
      if (input.deputyId === userId) throw invalidField("deputyId", "same_person");
      const [deputy] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.orgId, orgId), inArray(users.id, [input.deputyId]), eq(users.isDisabled, false)));
      if (!deputy) throw invalidField("deputyId", "reference");
    }
    const [after] = await tx
      .update(users)
      .set({
        awayFrom: input?.from ?? null,
        awayUntil: input?.until ?? null,
        deputyId: input?.deputyId ?? null,
        updatedAt: new Date(),
      })
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
      .returning({
        id: users.id,
        awayFrom: users.awayFrom,
        awayUntil: users.awayUntil,
        deputyId: users.deputyId,
      });
    await writeAudit(tx, ctx, {
      action: input ? "user.absence_set" : "user.absence_cleared",
      entityType: "user",
      entityId: userId,
      before: absenceOf(before),
      after: absenceOf(after),
    });
    return absenceOf(after);
  });
}
