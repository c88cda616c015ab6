import { and, eq, gt, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Capability } from "../../../common/capabilities";
import type { DataScope } from "../../../common/enums";
import type { Db, Executor } from "../../db/client";
import {
  apiTokens,
  contacts,
  customers,
  organizations,
  roles,
  sessions,
  userRoles,
  users,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Actor, Ctx, CustomerActor, StaffActor } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { publish } from "../../lib/events";
import { orgVersions, type Versions, versionsOf } from "../../lib/org-cache";
import { giveBackAttempt, LIMITS, takeAttempt } from "../../lib/rate-limit";
import { hashPassword, randomToken, sha256, verifyPassword } from "./passwords";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
const STAFF_SESSION_HOURS = 12;
const SCOPE_RANK: Record<DataScope, number> = { own: 0, department: 1, all: 2 };

/** Capabilities and the widest data scope of the user's roles, in one query. */
export async function loadStaffActor(db: Db, orgId: string, userId: string): Promise<StaffActor | null> {
  const rows = await staffRows(db, and(eq(users.orgId, orgId), eq(users.id, userId))!);
  return rows.length ? (toStaff(rows)?.actor ?? null) : null;
}

const staffColumns = {
  orgId: users.orgId,
  userId: users.id,
  name: users.displayName,
  departmentId: users.departmentId,
  isDisabled: users.isDisabled,
  mustChangePassword: users.mustChangePassword,
  capabilities: roles.capabilities,
  dataScope: roles.dataScope,
};
type StaffRow = { [K in keyof typeof staffColumns]: (typeof staffColumns)[K]["_"]["data"] | null };

function staffRows(db: Db, where: SQL) {
  return db
    .select(staffColumns)
    .from(users)
    .leftJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .leftJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(where);
}

/** One row per role of the user → the actor with every capability and the widest data scope. */
function toStaff(rows: StaffRow[]) {
  const user = rows[0];
  if (!user?.userId || !user.orgId || user.isDisabled) return null;
  const capabilities = new Set<Capability>();
  let dataScope: DataScope = "own";
  for (const role of rows) {
    for (const c of role.capabilities ?? []) capabilities.add(c as Capability);
    if (role.dataScope && SCOPE_RANK[role.dataScope] > SCOPE_RANK[dataScope]) dataScope = role.dataScope;
  }
  const actor: StaffActor = {
    type: "user",
    orgId: user.orgId,
    userId: user.userId,
    name: user.name ?? "",
    departmentId: user.departmentId,
    capabilities,
    dataScope,
  };
  return { actor, mustChangePassword: Boolean(user.mustChangePassword) };
}

let dummyHash: Promise<string> | undefined;

export type NewSession = { token: string; csrfToken: string; expiresAt: Date; mustChangePassword: boolean };

/**
 * Staff sign-in: argon2id check, lockout after repeated failures, a fresh database session.
 *
 * Each attempt takes one of the account's MAX_FAILED_SIGN_INS tries in one conditional update
 * *before* the password is checked, so concurrent guesses cannot all pass a check made before any of
 * them failed: the tries beyond the allowance are refused as locked, whatever their password. The
 * last allowed failure locks the account; a success gives every try back. The address's attempts
 * are limited too (LIMITS.signInPerAddress), for one address trying many accounts.
 */
export async function signIn(
  db: Db,
  input: { org: string; username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const address = input.ip ?? "unknown";
  await takeAttempt(db, LIMITS.signInPerAddress, address);
  const [row] = await db
    .select({ user: users, orgName: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(
      and(
        eq(users.orgId, sql`(SELECT id FROM organizations WHERE slug = ${input.org})`),
        eq(users.username, input.username),
      ),
    );
  if (!row) {
    // Same cost as a real check, so timing does not reveal which user names exist.
    dummyHash ??= hashPassword(randomToken());
    await verifyPassword(await dummyHash, input.password);
    throw new AppError("INVALID_CREDENTIALS", 401);
  }
  const user = row.user;
  if (user.isDisabled) throw new AppError("ACCOUNT_DISABLED", 403);
  const now = new Date();
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  // A lock that has run out starts the count again.
  const tries = sql`CASE WHEN ${users.lockedUntil} IS NULL THEN ${users.failedSignIns} ELSE 0 END`;
  const [attempt] = await db
    .update(users)
    .set({
      failedSignIns: sql`${tries} + 1`,
      // Beyond the allowance (tries in flight when it ran out): locked now, this attempt refused.
      lockedUntil: sql`CASE WHEN ${tries} + 1 > ${MAX_FAILED_SIGN_INS} THEN ${lockedUntil.toISOString()}::timestamptz END`,
    })
    .where(
      and(
        eq(users.orgId, user.orgId),
        eq(users.id, user.id),
        sql`(${users.lockedUntil} IS NULL OR ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ failedSignIns: users.failedSignIns, lockedUntil: users.lockedUntil });
  if (!attempt || attempt.lockedUntil) {
    const [current] = await db
      .select({ lockedUntil: users.lockedUntil })
      .from(users)
      .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
    throw new AppError("ACCOUNT_LOCKED", 423, {
      until: (current?.lockedUntil ?? lockedUntil).toISOString(),
    });
  }
  const ctx: Ctx = {
    db,
    actor: { type: "system", orgId: user.orgId, name: user.displayName },
    ip: input.ip,
    filesDir: "",
  };
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failures = attempt.failedSignIns;
    const locks = failures >= MAX_FAILED_SIGN_INS;
    await db.transaction(async (tx) => {
      if (locks)
        await tx
          .update(users)
          .set({ lockedUntil, failedSignIns: 0 })
          .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id), isNull(users.lockedUntil)));
      await writeAudit(tx, ctx, {
        action: locks ? "user.locked" : "user.sign_in_failed",
        entityType: "user",
        entityId: user.id,
        after: { failures },
      });
    });
    if (locks) throw new AppError("ACCOUNT_LOCKED", 423, { until: lockedUntil.toISOString() });
    throw new AppError("INVALID_CREDENTIALS", 401);
  }
  await giveBackAttempt(db, LIMITS.signInPerAddress, address);
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(now.getTime() + STAFF_SESSION_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    // Locked meanwhile by a concurrent failure (the last try of the allowance): not signed in.
    const [open] = await tx
      .update(users)
      .set({ failedSignIns: 0 })
      .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id), isNull(users.lockedUntil)))
      .returning({ id: users.id });
    if (!open) throw new AppError("ACCOUNT_LOCKED", 423, { until: lockedUntil.toISOString() });
    await tx.insert(sessions).values({
      orgId: user.orgId,
      tokenHash: sha256(token),
      csrfToken,
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      expiresAt,
    });
    await writeAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, name: user.displayName } },
      {
        action: "user.signed_in",
        entityType: "user",
        entityId: user.id,
      },
    );
  });
  return { token, csrfToken, expiresAt, mustChangePassword: user.mustChangePassword };
}

export type ResolvedSession = {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
};

const MAX_KEPT_SESSIONS = 10_000;
/** Staff sessions resolved lately, by token hash, with the organisation's identity version they were read at. */
const keptSessions = new Map<
  string,
  { resolved: ResolvedSession; orgId: string; version: number; expiresAt: Date }
>();

/**
 * The actor behind a session cookie, or null when it is unknown or expired. A staff session resolves
 * in one query, and is kept in memory while its organisation's identity version (raised by sign-out,
 * disabling, a role or department change: lib/org-cache.ts) stays the same — then one small read.
 */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  const tokenHash = sha256(token);
  const kept = keptSessions.get(tokenHash);
  if (kept && kept.expiresAt > new Date()) {
    if ((await orgVersions(db, kept.orgId)).identity === kept.version) return kept.resolved;
  }
  keptSessions.delete(tokenHash);
  const rows = await db
    .select({
      session: sessions,
      ...staffColumns,
      // Read in the same statement, so what is kept is never older than the version it is kept at.
      versions: sql<Partial<Versions>>`(${versionsOf(sessions.orgId)})`,
    })
    .from(sessions)
    .leftJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .leftJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .leftJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  const session = rows[0]?.session;
  if (!session) return null;
  const base = { sessionId: session.id, csrfToken: session.csrfToken };
  if (session.userId) {
    const staff = toStaff(rows);
    if (!staff) return null;
    const resolved = { ...base, ...staff };
    if (keptSessions.size >= MAX_KEPT_SESSIONS) keptSessions.delete(keptSessions.keys().next().value!);
    keptSessions.set(tokenHash, {
      resolved,
      orgId: session.orgId,
      version: rows[0].versions.identity ?? 1,
      expiresAt: session.expiresAt,
    });
    return resolved;
  }
  if (session.customerId && session.contactId) {
    const actor = await loadCustomerActor(db, session.orgId, session.customerId, session.contactId);
    return actor ? { ...base, actor, mustChangePassword: false } : null;
  }
  return null;
}

export async function signOut(db: Db, orgId: string, sessionId: string): Promise<void> {
  await db.transaction((tx) => endSessions(tx, and(eq(sessions.orgId, orgId), eq(sessions.id, sessionId))));
}

/**
 * Ends sessions and tells every server, whose live sockets of them — and of the API tokens named,
 * which stop working at the same time — then close (plugins/live.ts).
 */
async function endSessions(db: Executor, where: SQL | undefined, tokens: Ended = []) {
  const ended = await db
    .update(sessions)
    .set({ expiresAt: sql`now()` })
    .where(and(where, gt(sessions.expiresAt, sql`now()`)))
    .returning({ id: sessions.id, orgId: sessions.orgId });
  await announceEnded(db, ended, tokens);
}

type Ended = { id: string; orgId: string }[];

/** Tells every server which sessions and API tokens no longer work: their live sockets close. */
export async function announceEnded(db: Executor, sessionsEnded: Ended, tokens: Ended) {
  for (const orgId of new Set([...sessionsEnded, ...tokens].map((s) => s.orgId)))
    await publish(db, {
      orgId,
      type: "sessions.ended",
      sessionIds: sessionsEnded.filter((s) => s.orgId === orgId).map((s) => s.id),
      apiTokenIds: tokens.filter((t) => t.orgId === orgId).map((t) => t.id),
    });
}

/** The staff actor behind an API token (`Authorization: Bearer …`). */
export async function resolveApiToken(db: Db, token: string): Promise<StaffActor | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  if (!row) return null;
  const actor = await loadStaffActor(db, row.orgId, row.userId);
  return actor ? { ...actor, apiTokenId: row.id, apiTokenReadOnly: row.readOnly } : null;
}

/** Ends every session of the given users (after a password reset or change, when disabled) but the one kept. */
export async function endSessionsOf(
  db: Executor,
  orgId: string,
  userIds: string[],
  keep: string | null = null,
) {
  if (!userIds.length) return;
  // Their API tokens stop working too (disabled, or revoked with a new password).
  const tokens = await db
    .select({ id: apiTokens.id, orgId: apiTokens.orgId })
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, orgId), inArray(apiTokens.userId, userIds), isNull(apiTokens.revokedAt)));
  await endSessions(
    db,
    and(
      eq(sessions.orgId, orgId),
      inArray(sessions.userId, userIds),
      keep ? ne(sessions.id, keep) : undefined,
    ),
    tokens,
  );
}

/** A portal customer: the contact who signed in, acting for their customer. */
export async function loadCustomerActor(
  db: Db,
  orgId: string,
  customerId: string,
  contactId: string,
): Promise<CustomerActor | null> {
  const [row] = await db
    .select({ name: contacts.name, mergedIntoId: customers.mergedIntoId })
    .from(contacts)
    .innerJoin(customers, and(eq(customers.orgId, contacts.orgId), eq(customers.id, contacts.customerId)))
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId), eq(contacts.customerId, customerId)));
  if (!row || row.mergedIntoId) return null;
  return { type: "customer", orgId, customerId, contactId, name: row.name };
}

/** Who is signed in, as the console and the portal start from it (capabilities, organisation, zone). */
export async function whoAmI(ctx: Ctx, mustChangePassword: boolean) {
  const actor = ctx.actor;
  const [org] = await ctx.db
    .select({ name: organizations.name, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  if (actor.type === "customer") {
    return {
      kind: "customer" as const,
      id: actor.contactId,
      name: actor.name,
      org,
      departmentId: null,
      capabilities: [],
      dataScope: "own",
      mustChangePassword: false,
    };
  }
  if (actor.type !== "user") throw new Error("unreachable: system actors have no session");
  return {
    kind: "staff" as const,
    id: actor.userId,
    name: actor.name,
    org,
    departmentId: actor.departmentId,
    capabilities: [...actor.capabilities],
    dataScope: actor.dataScope,
    mustChangePassword,
  };
}
