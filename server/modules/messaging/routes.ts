import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { paged, pageQuery } from "../../../common/schemas/pagination";
import { notifications, outboxMessages } from "../../db/schema";
import { offsetOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { maskedBody } from "./outbox";

const notificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.string()),
  body: z.string().nullable(),
  ticketId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
const outboxDto = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.string(),
  createdAt: z.string(),
});

export async function messagingRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/notifications",
    {
      config: { access: { staff: true } },
      schema: {
        tags: ["messaging"],
        querystring: pageQuery,
        response: { 200: paged(notificationDto).extend({ unread: z.number() }) },
      },
    },
    async (request) => {
      const ctx = staffCtx(services, request);
      const mine = and(eq(notifications.orgId, ctx.actor.orgId), eq(notifications.userId, ctx.actor.userId));
      const rows = await ctx.db
        .select()
        .from(notifications)
        .where(mine)
        .orderBy(desc(notifications.createdAt))
        .limit(request.query.pageSize)
        .offset(offsetOf(request.query));
      const [{ total }] = await ctx.db.select({ total: count() }).from(notifications).where(mine);
      const [{ unread }] = await ctx.db
        .select({ unread: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)));
      return {
        items: rows.map((n) => ({
          ...n,
          params: n.params as Record<string, string>,
          readAt: iso(n.readAt),
          createdAt: iso(n.createdAt),
        })),
        page: request.query.page,
        pageSize: request.query.pageSize,
        total,
        unread,
      };
    },
  );
  r.post(
    "/api/notifications/read-all",
    { config: { access: { staff: true } }, schema: { tags: ["messaging"], response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = staffCtx(services, request);
      await ctx.db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(
          and(
            eq(notifications.orgId, ctx.actor.orgId),
            eq(notifications.userId, ctx.actor.userId),
            isNull(notifications.readAt),
          ),
        );
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/outbox",
    {
      config: { access: { staff: "outbox.view" } },
      schema: { tags: ["messaging"], querystring: pageQuery, response: { 200: paged(outboxDto) } },
    },
    async (request) => {
      const ctx = staffCtx(services, request);
      const where = eq(outboxMessages.orgId, ctx.actor.orgId);
      const rows = await ctx.db
        .select()
        .from(outboxMessages)
        .where(where)
        .orderBy(desc(outboxMessages.createdAt))
        .limit(request.query.pageSize)
        .offset(offsetOf(request.query));
      const [{ total }] = await ctx.db.select({ total: count() }).from(outboxMessages).where(where);
      return {
        items: rows.map(({ secret: _, ...m }) => ({
          ...m,
          body: maskedBody(m.body),
          createdAt: iso(m.createdAt),
        })),
        page: request.query.page,
        pageSize: request.query.pageSize,
        total,
      };
    },
  );
}
