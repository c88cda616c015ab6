import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { openSurveyDto, satisfactionReportDto } from "../../../common/schemas/surveys";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../plugins/auth";
import { answerInput, answerSurvey, openSurvey } from "./answers";
import { exportSatisfactionReport, satisfactionQuery, satisfactionReport } from "./scores";

const tokenParam = z.object({ token: z.string().min(10).max(64) });

export async function surveyRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["surveys"];
  // The customer's link: no sign-in, the token is the key (used once).
  r.get(
    "/api/surveys/:token",
    { config: { public: true }, schema: { tags, params: tokenParam, response: { 200: openSurveyDto } } },
    async (request) => openSurvey(services.db, request.params.token),
  );
  r.post(
    "/api/surveys/:token",
    {
      config: { public: true },
      schema: {
        tags,
        params: tokenParam,
        body: answerInput,
        response: {
          200: z.object({ total: z.number(), score: z.number().nullable(), band: z.string().nullable() }),
        },
      },
    },
    async (request) => answerSurvey(services.db, request.params.token, request.body),
  );
  r.get(
    "/api/satisfaction",
    { schema: { tags, querystring: satisfactionQuery, response: { 200: satisfactionReportDto } } },
    async (request) => satisfactionReport(staffCtx(services, request), request.query),
  );
  r.get(
    "/api/satisfaction/export",
    { schema: { tags, querystring: satisfactionQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `满意度统计-${request.query.from}-${request.query.to}.xlsx`,
        await exportSatisfactionReport(staffCtx(services, request), request.query),
      ),
  );
}
