import { and, desc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { apiTokenInput } from "../../../common/schemas/identity";
import { apiTokens, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can, requireCapability, type StaffActor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { iso } from "../../lib/present";
import { randomToken, sha256 } from "./passwords";
import { announceEnded } from "./sessions";

/** A personal API token acting with its owner's permissions, read-only unless asked; shown once, stored hashed. */
export async function createApiToken(ctx: Ctx & { actor: StaffActor }, raw: z.input<typeof apiTokenInput>) {
  requireCapability(ctx.actor, "apiToken.create");
  const input = apiTokenInput.parse(raw);
  const token = `kefu_${randomToken()}`;
  const expiresAt = new Date(Date.now() + input.days * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        orgId: ctx.actor.orgId,
        userId: ctx.actor.userId,
        name: input.name,
        tokenHash: sha256(token),
        readOnly: input.readOnly,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    await writeAudit(tx, ctx, {
      action: "api_token.created",
      entityType: "api_token",
      entityId: row.id,
      after: { name: input.name, readOnly: input.readOnly, expiresAt },
    });
    return { id: row.id, token };
  });
}

/** One's own live tokens; an administrator (user.manage) sees everybody's, to revoke what should not be. */
export async function listApiTokens(ctx: Ctx & { actor: StaffActor }) {
  const everybody = can(ctx.actor, "user.manage");
  const rows = await ctx.db
    .select({ t: apiTokens, owner: users.displayName })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(
      and(
        eq(apiTokens.orgId, ctx.actor.orgId),
        isNull(apiTokens.revokedAt),
        everybody ? undefined : eq(apiTokens.userId, ctx.actor.userId),
      ),
    )
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ t, owner }) => ({
    id: t.id,
    name: t.name,
    owner,
    readOnly: t.readOnly,
    expiresAt: iso(t.expiresAt)!,
    expired: t.expiresAt <= new Date(),
    lastUsedAt: iso(t.lastUsedAt),
    createdAt: iso(t.createdAt)!,
  }));
}

/** Its owner or an administrator revokes a token. */
export async function revokeApiToken(ctx: Ctx & { actor: StaffActor }, id: string) {
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, id),
          eq(apiTokens.orgId, ctx.actor.orgId),
          can(ctx.actor, "user.manage") ? undefined : eq(apiTokens.userId, ctx.actor.userId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id, orgId: apiTokens.orgId });
    if (!revoked.length) throw notFound();
    await announceEnded(tx, [], revoked);
    await writeAudit(tx, ctx, { action: "api_token.revoked", entityType: "api_token", entityId: id });
  });
}
