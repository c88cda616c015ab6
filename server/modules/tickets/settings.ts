import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { savedViewInput, standardAnswerInput } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { forbiddenPhrases, savedViews, standardAnswers } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability, type StaffActor } from "../../lib/context";
import { invalidField, notFound } from "../../lib/errors";

/** Standard answers (标准化回答, C033): create when id is null, else replace. */
export async function saveStandardAnswer(
  ctx: Ctx,
  id: string | null,
  raw: z.input<typeof standardAnswerInput>,
) {
  requireCapability(ctx.actor, "settings.manage");
  const input = standardAnswerInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    if (!id) {
      const [row] = await tx
        .insert(standardAnswers)
        .values({ orgId: ctx.actor.orgId, ...input })
        .returning();
      await writeAudit(tx, ctx, {
        action: "standard_answer.created",
        entityType: "standard_answer",
        entityId: row.id,
        after: input,
      });
      return row;
    }
    const where = and(eq(standardAnswers.orgId, ctx.actor.orgId), eq(standardAnswers.id, id));
    const [before] = await tx.select().from(standardAnswers).where(where);
    if (!before) throw notFound();
    const [row] = await tx
      .update(standardAnswers)
      .set({ ...input, updatedAt: new Date() })
      .where(where)
      .returning();
    await writeAudit(tx, ctx, {
      action: "standard_answer.updated",
      entityType: "standard_answer",
      entityId: id,
      before,
      after: input,
    });
    return row;
  });
}

export async function deleteStandardAnswer(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "settings.manage");
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .delete(standardAnswers)
      .where(and(eq(standardAnswers.orgId, ctx.actor.orgId), eq(standardAnswers.id, id)))
      .returning();
    if (!before) throw notFound();
    await writeAudit(tx, ctx, {
      action: "standard_answer.deleted",
      entityType: "standard_answer",
      entityId: id,
      before,
    });
  });
}

export async function addForbiddenPhrase(ctx: Ctx, phrase: string) {
  requireCapability(ctx.actor, "settings.manage");
  const value = z.string().trim().min(1).max(50).parse(phrase);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(forbiddenPhrases)
      .values({ orgId: ctx.actor.orgId, phrase: value })
      .onConflictDoNothing()
      .returning();
    if (!row) throw invalidField("phrase", "duplicate");
    await writeAudit(tx, ctx, {
      action: "forbidden_phrase.added",
      entityType: "forbidden_phrase",
      entityId: row.id,
      after: { phrase: value },
    });
    return row;
  });
}

export async function removeForbiddenPhrase(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "settings.manage");
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .delete(forbiddenPhrases)
      .where(and(eq(forbiddenPhrases.orgId, ctx.actor.orgId), eq(forbiddenPhrases.id, id)))
      .returning();
    if (!before) throw notFound();
    await writeAudit(tx, ctx, {
      action: "forbidden_phrase.removed",
      entityType: "forbidden_phrase",
      entityId: id,
      before,
    });
  });
}

/** A user's own saved queue filters. */
export async function saveView(ctx: Ctx & { actor: StaffActor }, raw: z.input<typeof savedViewInput>) {
  const input = savedViewInput.parse(raw);
  const [row] = await ctx.db
    .insert(savedViews)
    .values({ orgId: ctx.actor.orgId, userId: ctx.actor.userId, ...input })
    .returning();
  return row;
}

export async function deleteView(ctx: Ctx & { actor: StaffActor }, id: string) {
  const deleted = await ctx.db
    .delete(savedViews)
    .where(
      and(
        eq(savedViews.orgId, ctx.actor.orgId),
        eq(savedViews.userId, ctx.actor.userId),
        eq(savedViews.id, id),
      ),
    )
    .returning({ id: savedViews.id });
  if (!deleted.length) throw notFound();
}

/** The organisation's standard answers (标准答复), by category and title. */
export async function listStandardAnswers(ctx: Ctx) {
  return ctx.db
    .select()
    .from(standardAnswers)
    .where(eq(standardAnswers.orgId, ctx.actor.orgId))
    .orderBy(asc(standardAnswers.category), asc(standardAnswers.title));
}

/** The organisation's forbidden phrases (服务忌语), alphabetically. */
export async function listForbiddenPhrases(ctx: Ctx) {
  return ctx.db
    .select()
    .from(forbiddenPhrases)
    .where(eq(forbiddenPhrases.orgId, ctx.actor.orgId))
    .orderBy(asc(forbiddenPhrases.phrase));
}

/** The user's own saved ticket-list views, newest first. */
export async function listViews(ctx: Ctx & { actor: StaffActor }) {
  const rows = await ctx.db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.orgId, ctx.actor.orgId), eq(savedViews.userId, ctx.actor.userId)))
    .orderBy(desc(savedViews.createdAt));
  return rows.map((v) => ({ ...v, filters: v.filters as Record<string, string | number> }));
}

/** One standard answer of the organisation, or null (a rule that sends it checks it still exists). */
export async function findStandardAnswer(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(standardAnswers)
    .where(and(eq(standardAnswers.orgId, orgId), eq(standardAnswers.id, id)));
  return row ?? null;
}
