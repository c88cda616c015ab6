import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { type UserInput, userInput, userUpdate } from "../../../common/schemas/identity";
import type { Executor } from "../../db/client";
import { apiTokens, organizations, roles, userRoles, users } from "../../db/schema";
import { diff, writeAudit } from "../../lib/audit";
import type { Ctx } from "../../lib/context";
import { requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { iso } from "../../lib/present";
import { absenceOf } from "./absence";
import { usersWithCapability } from "./directory";
import { assertStrongPassword, hashPassword, oneTimePassword, verifyPassword } from "./passwords";
import { endSessionsOf } from "./sessions";

async function checkRoles(ctx: Ctx, roleIds: string[]) {
  const found = await ctx.db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.orgId, ctx.actor.orgId), inArray(roles.id, roleIds)));
  if (found.length !== new Set(roleIds).size) throw invalidField("roleIds", "reference");
}

/** Creates a staff account with a one-time password that must be changed at first sign-in. */
export async function createUser(ctx: Ctx, raw: UserInput): Promise<{ id: string; oneTimePassword: string }> {
  requireCapability(ctx.actor, "user.manage");
  const input = userInput.parse(raw);
  await checkRoles(ctx, input.roleIds);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        orgId,
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        departmentId: input.departmentId ?? null,
        servicePointId: input.servicePointId ?? null,
        skills: input.skills ?? [],
        passwordHash,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!row) throw conflict("USERNAME_TAKEN", { username: input.username });
    await tx.insert(userRoles).values(input.roleIds.map((roleId) => ({ orgId, userId: row.id, roleId })));
    const { roleIds, ...fields } = input;
    await writeAudit(tx, ctx, {
      action: "user.created",
      entityType: "user",
      entityId: row.id,
      after: { ...fields, roleIds },
    });
    return { id: row.id, oneTimePassword: password };
  });
}

export async function updateUser(ctx: Ctx, userId: string, raw: z.infer<typeof userUpdate>): Promise<void> {
  requireCapability(ctx.actor, "user.manage");
  const input = userUpdate.parse(raw);
  if (input.roleIds) await checkRoles(ctx, input.roleIds);
  if (input.isDisabled && ctx.actor.type === "user" && ctx.actor.userId === userId)
    throw conflict("USER_DISABLE_SELF");
  await ctx.db.transaction(async (tx) => {
    // Changes that may take away administration queue on the organisation's row, so two administrators
    // disabling each other at once cannot both pass the check below.
    if (input.isDisabled || input.roleIds)
      await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, ctx.actor.orgId))
        .for("update");
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, userId)))
      .for("update");
    if (!before) throw notFound("USER_NOT_FOUND");
    const { roleIds, ...fields } = input;
    const changes = diff(before, fields);
    if (changes.changed)
      await tx
        .update(users)
        .set({ ...fields, updatedAt: new Date() })
        .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, userId)));
    let roleChange = {};
    if (roleIds) {
      const old = await tx
        .select({ roleId: userRoles.roleId })
        .from(userRoles)
        .where(and(eq(userRoles.orgId, ctx.actor.orgId), eq(userRoles.userId, userId)));
      await tx
        .delete(userRoles)
        .where(and(eq(userRoles.orgId, ctx.actor.orgId), eq(userRoles.userId, userId)));
      await tx
        .insert(userRoles)
        .values(roleIds.map((roleId) => ({ orgId: ctx.actor.orgId, userId, roleId })));
      roleChange = { before: old.map((o) => o.roleId), after: roleIds };
    }
    if (input.isDisabled || input.roleIds) await requireAnAdministrator(tx, ctx.actor.orgId);
    if (input.isDisabled) await endSessionsOf(tx, ctx.actor.orgId, [userId]);
    await writeAudit(tx, ctx, {
      action: "user.updated",
      entityType: "user",
      entityId: userId,
      before: { ...changes.before, ...("before" in roleChange ? { roleIds: roleChange.before } : {}) },
      after: { ...changes.after, ...("after" in roleChange ? { roleIds: roleChange.after } : {}) },
    });
  });
}

/** Refuses a change that would leave nobody able to manage users: the organisation would be locked out. */
async function requireAnAdministrator(tx: Executor, orgId: string) {
  if (!(await usersWithCapability(tx, orgId, "user.manage")).length) throw conflict("LAST_ADMINISTRATOR");
}

/** An administrator's reset: a new one-time password, every session of the user ended. */
export async function resetPassword(ctx: Ctx, userId: string): Promise<{ oneTimePassword: string }> {
  requireCapability(ctx.actor, "user.manage");
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedSignIns: 0,
        lockedUntil: null,
        updatedAt: new Date(),
      })
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, userId)))
      .returning({ id: users.id });
    if (!updated.length) throw notFound("USER_NOT_FOUND");
    await endSessionsOf(tx, ctx.actor.orgId, [userId]);
    await writeAudit(tx, ctx, { action: "user.password_reset", entityType: "user", entityId: userId });
  });
  return { oneTimePassword: password };
}

/**
 * The signed-in user changes their own password (required after a one-time password). Every other
 * session and API token of theirs ends with the old password: whoever else held one is out.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | null,
): Promise<void> {
  if (ctx.actor.type !== "user") throw new AppError("FORBIDDEN", 403, { capability: "staff" });
  const userId = ctx.actor.userId;
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, userId)));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw invalid("PASSWORD_WRONG");
  assertStrongPassword(input.newPassword, user);
  if (input.newPassword === input.currentPassword) throw invalid("PASSWORD_TOO_WEAK");
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, userId)));
    await endSessionsOf(tx, ctx.actor.orgId, [userId], currentSessionId);
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(apiTokens.orgId, ctx.actor.orgId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
      );
    await writeAudit(tx, ctx, { action: "user.password_changed", entityType: "user", entityId: userId });
  });
}

/** Every account of the organisation with its roles, for user administration. */
export async function listUsers(ctx: Ctx) {
  requireCapability(ctx.actor, "user.manage");
  const rows = await ctx.db
    .select()
    .from(users)
    .where(eq(users.orgId, ctx.actor.orgId))
    .orderBy(asc(users.username));
  const links = await ctx.db.select().from(userRoles).where(eq(userRoles.orgId, ctx.actor.orgId));
  return rows.map((u) => ({
    ...u,
    lockedUntil: iso(u.lockedUntil),
    roleIds: links.filter((l) => l.userId === u.id).map((l) => l.roleId),
    absence: absenceOf(u),
  }));
}
