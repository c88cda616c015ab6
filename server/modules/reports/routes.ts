import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { dashboardDto } from "../../../common/schemas/reports";
import { type Services, staffCtx } from "../../plugins/auth";
import { serviceDashboard } from "./dashboard";

export async function reportRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/dashboard",
    { schema: { tags: ["reports"], response: { 200: dashboardDto } } },
    async (request) => serviceDashboard(staffCtx(services, request)),
  );
}
