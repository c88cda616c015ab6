import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import { departmentInput, roleInput, servicePointInput } from "../../../common/schemas/identity";
import { departments, roles, servicePoints, users } from "../../db/schema";
import { diff, writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict, notFound } from "../../lib/errors";

export async function createDepartment(ctx: Ctx, raw: z.infer<typeof departmentInput>) {
  requireCapability(ctx.actor, "org.manage");
  const input = departmentInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(departments)
      .values({ orgId: ctx.actor.orgId, ...input })
      .returning();
    await writeAudit(tx, ctx, {
      action: "department.created",
      entityType: "department",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function updateDepartment(ctx: Ctx, id: string, raw: Partial<z.infer<typeof departmentInput>>) {
  requireCapability(ctx.actor, "org.manage");
  const input = departmentInput.partial().parse(raw);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(departments)
      .where(and(eq(departments.orgId, ctx.actor.orgId), eq(departments.id, id)));
    if (!before) throw notFound("DEPARTMENT_NOT_FOUND");
    const changes = diff(before, input);
    if (!changes.changed) return;
    await tx
      .update(departments)
      .set(input)
      .where(and(eq(departments.orgId, ctx.actor.orgId), eq(departments.id, id)));
    await writeAudit(tx, ctx, {
      action: "department.updated",
      entityType: "department",
      entityId: id,
      ...changes,
    });
  });
}

/** Only an empty department (no members, no sub-departments) can be removed. */
export async function deleteDepartment(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "org.manage");
  await ctx.db.transaction(async (tx) => {
    const scope = eq(departments.orgId, ctx.actor.orgId);
    const [before] = await tx
      .select()
      .from(departments)
      .where(and(scope, eq(departments.id, id)));
    if (!before) throw notFound("DEPARTMENT_NOT_FOUND");
    const [{ members }] = await tx
      .select({ members: count() })
      .from(users)
      .where(and(eq(users.orgId, before.orgId), eq(users.departmentId, id)));
    const [{ children }] = await tx
      .select({ children: count() })
      .from(departments)
      .where(eq(departments.parentId, id));
    if (members + children > 0) throw conflict("DEPARTMENT_IN_USE");
    await tx.delete(departments).where(and(eq(departments.orgId, ctx.actor.orgId), eq(departments.id, id)));
    await writeAudit(tx, ctx, {
      action: "department.deleted",
      entityType: "department",
      entityId: id,
      before,
    });
  });
}

export async function saveServicePoint(ctx: Ctx, id: string | null, raw: z.infer<typeof servicePointInput>) {
  requireCapability(ctx.actor, "org.manage");
  const input = servicePointInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    if (!id) {
      const [row] = await tx
        .insert(servicePoints)
        .values({ orgId: ctx.actor.orgId, ...input })
        .returning();
      await writeAudit(tx, ctx, {
        action: "service_point.created",
        entityType: "service_point",
        entityId: row.id,
        after: input,
      });
      return row;
    }
    const [before] = await tx
      .select()
      .from(servicePoints)
      .where(and(eq(servicePoints.orgId, ctx.actor.orgId), eq(servicePoints.id, id)));
    if (!before) throw notFound();
    const [row] = await tx
      .update(servicePoints)
      .set(input)
      .where(and(eq(servicePoints.orgId, ctx.actor.orgId), eq(servicePoints.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "service_point.updated",
      entityType: "service_point",
      entityId: id,
      ...diff(before, input),
    });
    return row;
  });
}

export async function saveRole(ctx: Ctx, id: string | null, raw: z.infer<typeof roleInput>) {
  requireCapability(ctx.actor, "user.manage");
  const input = roleInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    if (!id) {
      const key = `custom_${Date.now().toString(36)}`;
      const [row] = await tx
        .insert(roles)
        .values({ orgId: ctx.actor.orgId, key, ...input })
        .returning();
      await writeAudit(tx, ctx, {
        action: "role.created",
        entityType: "role",
        entityId: row.id,
        after: input,
      });
      return row;
    }
    const [before] = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.orgId, ctx.actor.orgId), eq(roles.id, id)));
    if (!before) throw notFound();
    const [row] = await tx
      .update(roles)
      .set(input)
      .where(and(eq(roles.orgId, ctx.actor.orgId), eq(roles.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "role.updated",
      entityType: "role",
      entityId: id,
      ...diff(before, input),
    });
    return row;
  });
}

/** The organisation's roles, oldest first (the seeded ones, then those added). */
export async function listRoles(ctx: Ctx) {
  return ctx.db.select().from(roles).where(eq(roles.orgId, ctx.actor.orgId)).orderBy(asc(roles.createdAt));
}
