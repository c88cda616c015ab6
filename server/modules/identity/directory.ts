import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Capability } from "../../../common/capabilities";
import type { Executor } from "../../db/client";
import { departments, roles, servicePoints, userRoles, users } from "../../db/schema";
import type { Ctx } from "../../lib/context";

/** Active users of the organisation holding a capability (e.g. supervisors: ticket.assign). */
export async function usersWithCapability(
  tx: Executor,
  orgId: string,
  capability: Capability,
): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .innerJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(
      and(
        eq(users.orgId, orgId),
        eq(users.isDisabled, false),
        sql`${capability} = ANY(${roles.capabilities})`,
      ),
    );
  return rows.map((r) => r.id);
}

/** A condition on a users row (aliased `u`) in raw SQL: one of their roles grants the capability. */
export const holdsCapability = (capability: Capability) =>
  sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.org_id = ur.org_id AND r.id = ur.role_id
        WHERE ur.org_id = u.org_id AND ur.user_id = u.id AND ${capability} = ANY(r.capabilities))`;

/** Active users of the organisation holding any of these roles, by key (e.g. general_manager). */
export async function usersWithRole(tx: Executor, orgId: string, roleKeys: string[]): Promise<string[]> {
  if (!roleKeys.length) return [];
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .innerJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(users.orgId, orgId), eq(users.isDisabled, false), inArray(roles.key, roleKeys)));
  return rows.map((r) => r.id);
}

/** The keys of the roles a user holds. */
export async function roleKeysOf(tx: Executor, orgId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ key: roles.key })
    .from(userRoles)
    .innerJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(userRoles.orgId, orgId), eq(userRoles.userId, userId)));
  return rows.map((r) => r.key);
}

/** The display names of these people of the organisation (nulls and repeats allowed), by id. */
export async function userNames(tx: Executor, orgId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findUser(tx: Executor, orgId: string, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      displayName: users.displayName,
      departmentId: users.departmentId,
      isDisabled: users.isDisabled,
    })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row ?? null;
}

/**
 * Whom a complaint about this user goes to: the head of their department, or — when they head it
 * themselves or it has no head — the organisation's supervisors (holders of ticket.assign).
 */
export async function managersOf(tx: Executor, orgId: string, userId: string): Promise<string[]> {
  const [row] = await tx
    .select({ headUserId: departments.headUserId })
    .from(users)
    .leftJoin(departments, and(eq(departments.orgId, users.orgId), eq(departments.id, users.departmentId)))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (row?.headUserId && row.headUserId !== userId) return [row.headUserId];
  return (await usersWithCapability(tx, orgId, "ticket.assign")).filter((id) => id !== userId);
}

/** The organisation's departments, active people and service points, for pickers anywhere in the console. */
export async function organisationDirectory(ctx: Ctx) {
  const orgId = ctx.actor.orgId;
  const [deps, people, points] = await Promise.all([
    ctx.db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.sortOrder)),
    ctx.db
      .select({ id: users.id, displayName: users.displayName, departmentId: users.departmentId })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.isDisabled, false)))
      .orderBy(asc(users.displayName)),
    ctx.db
      .select()
      .from(servicePoints)
      .where(eq(servicePoints.orgId, orgId))
      .orderBy(desc(servicePoints.isHeadquarters), asc(servicePoints.name)),
  ]);
  return { departments: deps, users: people, servicePoints: points };
}

/** Active members of a department who handle tickets (ticket.handle) and are not away, in a fixed order (round robin). */
export async function departmentHandlers(
  tx: Executor,
  orgId: string,
  departmentId: string,
): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        eq(users.departmentId, departmentId),
        eq(users.isDisabled, false),
        sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.org_id = ur.org_id AND r.id = ur.role_id
          WHERE ur.org_id = ${users.orgId} AND ur.user_id = ${users.id} AND 'ticket.handle' = ANY(r.capabilities))`,
        // Not away (C029): their deputy may be in another department.
        sql`NOT coalesce(${users.deputyId} IS NOT NULL AND ${users.awayFrom} <= now() AND now() < ${users.awayUntil}, false)`,
      ),
    )
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** Whom to tell about a ticket of this department: its head, else the organisation's supervisors. */
export async function supervisorsOf(
  tx: Executor,
  orgId: string,
  departmentId: string | null,
): Promise<string[]> {
  if (departmentId) {
    const [row] = await tx
      .select({ headUserId: departments.headUserId })
      .from(departments)
      .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)));
    if (row?.headUserId) return [row.headUserId];
  }
  return usersWithCapability(tx, orgId, "ticket.assign");
}
