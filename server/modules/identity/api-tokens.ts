import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Ctx, StaffActor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { randomToken, sha256 } from "./passwords";

/** A personal API token acting with its owner's permissions; shown once, stored hashed. */
export async function createApiToken(ctx: Ctx & { actor: StaffActor }, name: string) {
  const token = `kefu_${randomToken()}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ orgId: ctx.actor.orgId, userId: ctx.actor.userId, name, tokenHash: sha256(token) })
      .returning({ id: apiTokens.id });
    await writeAudit(tx, ctx, {
      action: "api_token.created",
      entityType: "api_token",
      entityId: row.id,
      after: { name },
    });
    return { id: row.id, token };
  });
}

export async function revokeApiToken(ctx: Ctx & { actor: StaffActor }, id: string) {
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!revoked.length) throw notFound();
    await writeAudit(tx, ctx, { action: "api_token.revoked", entityType: "api_token", entityId: id });
  });
}
