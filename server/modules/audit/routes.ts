import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditQuery } from "../../../common/schemas/audit";
import { type Services, staffCtx } from "../../lib/request-context";
import { auditPage, readAuditLog } from "./log";

/** The operation log viewer (M14): read-only. */
export async function auditRoutes(app: FastifyInstance, services: Services) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit",
    {
      config: { access: { staff: "audit.view" } },
      schema: { tags: ["audit"], querystring: auditQuery, response: { 200: auditPage } },
    },
    async (request) => readAuditLog(staffCtx(services, request), request.query),
  );
}
