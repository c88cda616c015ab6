import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  dashboardDto,
  reportSubscriptionDto,
  subscriptionInput,
  trendQuery,
  trendReportDto,
} from "../../../common/schemas/reports";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { serviceDashboard } from "./dashboard";
import { mySubscriptions, subscribe, unsubscribe } from "./subscriptions";
import { exportTrendReport, trendReportFor } from "./trends";

export async function reportRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/dashboard",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags: ["reports"], response: { 200: dashboardDto } },
    },
    async (request) => serviceDashboard(staffCtx(services, request)),
  );
  const tags = ["reports"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  r.get(
    "/api/reports/trend",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: trendQuery, response: { 200: trendReportDto } },
    },
    async (request) => trendReportFor(ctx(request), request.query),
  );
  r.get(
    "/api/reports/trend/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: trendQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `服务趋势-${request.query.from}-${request.query.to}.xlsx`,
        await exportTrendReport(ctx(request), request.query),
      ),
  );
  r.get(
    "/api/report-subscriptions",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, response: { 200: z.array(reportSubscriptionDto) } },
    },
    async (request) => mySubscriptions(ctx(request)),
  );
  r.post(
    "/api/report-subscriptions",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, body: subscriptionInput, response: { 200: z.object({ id: z.string() }) } },
    },
    async (request) => subscribe(ctx(request), request.body),
  );
  r.delete(
    "/api/report-subscriptions/:id",
    {
      config: { access: { staff: true } },
      schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: z.object({ id: z.string() }) } },
    },
    async (request) => unsubscribe(ctx(request), request.params.id),
  );
}
