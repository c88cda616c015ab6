import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { kpiScorecardDto } from "../../../common/schemas/appraisal";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../plugins/auth";
import { exportKpiScorecard, kpiScorecard, scorecardQuery } from "./scorecard";

export async function appraisalRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["appraisal"];
  r.get(
    "/api/kpi-scorecard",
    { schema: { tags, querystring: scorecardQuery, response: { 200: kpiScorecardDto } } },
    async (request) => kpiScorecard(staffCtx(services, request), request.query),
  );
  r.get(
    "/api/kpi-scorecard/export",
    { schema: { tags, querystring: scorecardQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `绩效考核-${request.query.month}.xlsx`,
        await exportKpiScorecard(staffCtx(services, request), request.query),
      ),
  );
}
