import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notificationDto, outboxDto } from "../../../common/schemas/messaging";
import { paged, pageQuery } from "../../../common/schemas/pagination";
import { type Services, staffCtx } from "../../lib/request-context";
import { listNotifications, readAllNotifications } from "./notifications";
import { listOutbox } from "./outbox";

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
    async (request) => listNotifications(staffCtx(services, request), request.query),
  );
  r.post(
    "/api/notifications/read-all",
    { config: { access: { staff: true } }, schema: { tags: ["messaging"], response: { 204: z.null() } } },
    async (request, reply) => {
      await readAllNotifications(staffCtx(services, request));
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/outbox",
    {
      config: { access: { staff: "outbox.view" } },
      schema: { tags: ["messaging"], querystring: pageQuery, response: { 200: paged(outboxDto) } },
    },
    async (request) => listOutbox(staffCtx(services, request), request.query),
  );
}
