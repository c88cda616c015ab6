import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditLog } from "../../db/schema";
import { paged } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { type Services, staffCtx } from "../../plugins/auth";

const auditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const auditDto = z.object({
  id: z.number(),
  actorType: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});

/** The operation log viewer (M14): read-only; nothing in the API changes or deletes audit rows. */
export async function auditRoutes(app: FastifyInstance, services: Services) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/api/audit",
      { schema: { tags: ["audit"], querystring: auditQuery, response: { 200: paged(auditDto) } } },
      async (request) => {
        const ctx = staffCtx(services, request, "audit.view");
        const q = request.query;
        const conditions: (SQL | undefined)[] = [eq(auditLog.orgId, ctx.actor.orgId)];
        if (q.entityType) conditions.push(eq(auditLog.entityType, q.entityType));
        if (q.entityId) conditions.push(eq(auditLog.entityId, q.entityId));
        if (q.action) conditions.push(eq(auditLog.action, q.action));
        if (q.from) conditions.push(gte(auditLog.createdAt, q.from));
        if (q.to) conditions.push(lte(auditLog.createdAt, q.to));
        const where = and(...conditions);
        const rows = await ctx.db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize);
        const [{ total }] = await ctx.db.select({ total: count() }).from(auditLog).where(where);
        return {
          items: rows.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
          page: q.page,
          pageSize: q.pageSize,
          total,
        };
      },
    );
}
