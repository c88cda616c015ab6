import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParam, monthQuery } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import {
  completenessRowDto,
  inspectionListQuery,
  qaAppealInput,
  qaDecisionInput,
  qaInspectionDto,
  qaInspectionRowDto,
  qaPlanDto,
  qaPlanInput,
  qaRecordInput,
  qaScorecardDto,
  qaScorecardInput,
  qaScoreInput,
  rectificationCheckInput,
  rectificationListQuery,
  rectificationRowDto,
  rectificationSubmitInput,
  supervisionReportDto,
} from "../../../common/schemas/quality";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { drawLastPeriod } from "./draw";
import {
  appealInspection,
  decideAppeal,
  getInspection,
  listInspections,
  recordInspection,
  scoreInspection,
} from "./inspections";
import { checkRectification, listRectifications, submitRectification } from "./rectifications";
import { listPlans, listScorecards, savePlan, saveScorecard } from "./settings";
import { completenessReport, exportSupervisionReport, supervisionReport } from "./supervision";

const ok = z.object({ id: z.string() });

/** 质检与监督 (SPEC M7). */
export async function qualityRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["quality"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  r.get(
    "/api/qa-scorecards",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(qaScorecardDto) } } },
    async (request) => listScorecards(ctx(request)),
  );
  r.post(
    "/api/qa-scorecards",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: qaScorecardInput, response: { 200: qaScorecardDto } },
    },
    async (request) => saveScorecard(ctx(request), null, request.body),
  );
  r.put(
    "/api/qa-scorecards/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, body: qaScorecardInput, response: { 200: qaScorecardDto } },
    },
    async (request) => saveScorecard(ctx(request), request.params.id, request.body),
  );
  r.get(
    "/api/qa-plans",
    { config: { access: { staff: "qa.manage" } }, schema: { tags, response: { 200: z.array(qaPlanDto) } } },
    async (request) => listPlans(ctx(request)),
  );
  r.post(
    "/api/qa-plans",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: qaPlanInput, response: { 200: ok } },
    },
    async (request) => savePlan(ctx(request), null, request.body),
  );
  r.put(
    "/api/qa-plans/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, body: qaPlanInput, response: { 200: ok } },
    },
    async (request) => savePlan(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/qa-plans/:id/draw",
    {
      config: { access: { staff: "qa.manage" } },
      schema: {
        tags,
        params: idParam,
        response: {
          200: z.object({ id: z.string(), period: z.string(), population: z.number(), drawn: z.number() }),
        },
      },
    },
    async (request) => drawLastPeriod(ctx(request), request.params.id),
  );
  r.get(
    "/api/qa-inspections",
    {
      config: { access: { staff: true } },
      schema: { tags, querystring: inspectionListQuery, response: { 200: paged(qaInspectionRowDto) } },
    },
    async (request) => listInspections(ctx(request), request.query),
  );
  r.post(
    "/api/qa-inspections",
    {
      config: { access: { staff: "qa.inspect" } },
      schema: { tags, body: qaRecordInput, response: { 200: ok } },
    },
    async (request) => recordInspection(ctx(request), request.body),
  );
  r.get(
    "/api/qa-inspections/:id",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, response: { 200: qaInspectionDto } },
    },
    async (request) => getInspection(ctx(request), request.params.id),
  );
  r.post(
    "/api/qa-inspections/:id/score",
    {
      config: { access: { staff: "qa.inspect" } },
      schema: { tags, params: idParam, body: qaScoreInput, response: { 200: ok } },
    },
    async (request) => scoreInspection(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/qa-inspections/:id/appeal",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: qaAppealInput, response: { 200: ok } },
    },
    async (request) => appealInspection(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/qa-inspections/:id/decision",
    {
      config: { access: { staff: "qa.manage" } },
      schema: { tags, params: idParam, body: qaDecisionInput, response: { 200: ok } },
    },
    async (request) => decideAppeal(ctx(request), request.params.id, request.body),
  );
  r.get(
    "/api/qa-rectifications",
    {
      config: { access: { staff: true } },
      schema: { tags, querystring: rectificationListQuery, response: { 200: paged(rectificationRowDto) } },
    },
    async (request) => listRectifications(ctx(request), request.query),
  );
  r.post(
    "/api/qa-rectifications/:id/submit",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: rectificationSubmitInput, response: { 200: ok } },
    },
    async (request) => submitRectification(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/qa-rectifications/:id/check",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: rectificationCheckInput, response: { 200: ok } },
    },
    async (request) => checkRectification(ctx(request), request.params.id, request.body),
  );
  r.get(
    "/api/qa-completeness",
    {
      config: { access: { staff: true } },
      schema: { tags, querystring: monthQuery, response: { 200: z.array(completenessRowDto) } },
    },
    async (request) => completenessReport(ctx(request), request.query.month),
  );
  r.get(
    "/api/qa-supervision-report",
    {
      config: { access: { staff: "report.view" } },
      schema: {
        tags,
        querystring: monthQuery,
        response: { 200: z.object({ report: supervisionReportDto, sent: z.boolean() }) },
      },
    },
    async (request) => supervisionReport(ctx(request), request.query.month),
  );
  r.get(
    "/api/qa-supervision-report/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: monthQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `服务监督报告-${request.query.month}.xlsx`,
        await exportSupervisionReport(ctx(request), request.query.month),
      ),
  );
}
