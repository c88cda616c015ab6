import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  appraisalAppealInput,
  appraisalDecisionInput,
  appraisalPeriodDto,
  appraisalResultDto,
  appraisalSchemeDto,
  engineerScorecardDto,
  engineerScorecardQuery,
  kpiScorecardDto,
  openAppraisalInput,
  scorecardQuery,
  scoreResultInput,
} from "../../../common/schemas/appraisal";
import { idParam } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import {
  sanctionDecisionInput,
  sanctionDto,
  sanctionInput,
  sanctionListQuery,
  sanctionRulesDto,
} from "../../../common/schemas/sanctions";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { engineerScorecard, exportEngineerScorecard } from "./engineer-scorecard";
import {
  appealAppraisal,
  appraisalResultsOf,
  appraisalSchemeOf,
  decideAppraisalAppeal,
  exportAppraisal,
  listAppraisals,
  myAppraisals,
  openAppraisal,
  publishAppraisal,
  recalculateAppraisal,
  scoreAppraisal,
  updateAppraisalScheme,
} from "./periods";
import {
  decideSanction,
  listSanctions,
  proposeSanction,
  publishSanction,
  sanctionRulesOf,
  updateSanctionRules,
} from "./sanctions";
import { exportKpiScorecard, kpiScorecard } from "./scorecard";

const ok = z.object({ id: z.string() });

export async function appraisalRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["appraisal"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  r.get(
    "/api/kpi-scorecard",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: scorecardQuery, response: { 200: kpiScorecardDto } },
    },
    async (request) => kpiScorecard(ctx(request), request.query),
  );
  r.get(
    "/api/kpi-scorecard/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: scorecardQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `绩效考核-${request.query.month}.xlsx`,
        await exportKpiScorecard(ctx(request), request.query),
      ),
  );
  r.get(
    "/api/engineer-scorecard",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: engineerScorecardQuery, response: { 200: engineerScorecardDto } },
    },
    async (request) => engineerScorecard(ctx(request), request.query),
  );
  r.get(
    "/api/engineer-scorecard/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: engineerScorecardQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `工程师绩效-${request.query.month}.xlsx`,
        await exportEngineerScorecard(ctx(request), request.query),
      ),
  );
  r.get(
    "/api/appraisal-scheme",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: appraisalSchemeDto } } },
    async (request) => appraisalSchemeOf(ctx(request).db, ctx(request).actor.orgId),
  );
  r.put(
    "/api/appraisal-scheme",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: appraisalSchemeDto, response: { 200: appraisalSchemeDto } },
    },
    async (request) => updateAppraisalScheme(ctx(request), request.body),
  );
  r.get(
    "/api/appraisals",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, response: { 200: z.array(appraisalPeriodDto) } },
    },
    async (request) => listAppraisals(ctx(request)),
  );
  r.post(
    "/api/appraisals",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, body: openAppraisalInput, response: { 200: ok } },
    },
    async (request) => openAppraisal(ctx(request), request.body),
  );
  r.get(
    "/api/appraisals/mine",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(appraisalResultDto) } } },
    async (request) => myAppraisals(ctx(request)),
  );
  r.get(
    "/api/appraisals/:id",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: {
        tags,
        params: idParam,
        response: {
          200: z.object({
            period: appraisalPeriodDto.pick({
              id: true,
              period: true,
              cadence: true,
              status: true,
              scheme: true,
              satisfactionFrom: true,
            }),
            results: z.array(appraisalResultDto),
          }),
        },
      },
    },
    async (request) => appraisalResultsOf(ctx(request), request.params.id),
  );
  r.post(
    "/api/appraisals/:id/recalculate",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, params: idParam, response: { 200: ok } },
    },
    async (request) => recalculateAppraisal(ctx(request), request.params.id),
  );
  r.post(
    "/api/appraisals/:id/publish",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, params: idParam, response: { 200: ok } },
    },
    async (request) => publishAppraisal(ctx(request), request.params.id),
  );
  r.get(
    "/api/appraisals/:id/export",
    { config: { access: { staff: true } }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const { name, content } = await exportAppraisal(ctx(request), request.params.id);
      return sendXlsx(reply, name, content);
    },
  );
  r.put(
    "/api/appraisal-results/:id",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, params: idParam, body: scoreResultInput, response: { 200: ok } },
    },
    async (request) => scoreAppraisal(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/appraisal-results/:id/appeal",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: appraisalAppealInput, response: { 200: ok } },
    },
    async (request) => appealAppraisal(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/appraisal-results/:id/decision",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, params: idParam, body: appraisalDecisionInput, response: { 200: ok } },
    },
    async (request) => decideAppraisalAppeal(ctx(request), request.params.id, request.body),
  );
  // The rules that propose rewards and deductions are open to everyone they apply to.
  r.get(
    "/api/sanction-rules",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: sanctionRulesDto } } },
    async (request) => {
      const { db, actor } = ctx(request);
      return sanctionRulesOf(db, actor.orgId);
    },
  );
  r.put(
    "/api/sanction-rules",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: sanctionRulesDto, response: { 200: sanctionRulesDto } },
    },
    async (request) => updateSanctionRules(ctx(request), request.body),
  );
  r.get(
    "/api/sanctions",
    {
      config: { access: { staff: true } },
      schema: { tags, querystring: sanctionListQuery, response: { 200: paged(sanctionDto) } },
    },
    async (request) => listSanctions(ctx(request), request.query),
  );
  r.post(
    "/api/sanctions",
    {
      config: { access: { staff: "appraisal.manage" } },
      schema: { tags, body: sanctionInput, response: { 200: ok } },
    },
    async (request) => proposeSanction(ctx(request), request.body),
  );
  r.post(
    "/api/sanctions/:id/decision",
    {
      config: { access: { staff: "sanction.approve" } },
      schema: { tags, params: idParam, body: sanctionDecisionInput, response: { 200: ok } },
    },
    async (request) => decideSanction(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/sanctions/:id/publish",
    {
      config: { access: { staff: "sanction.approve" } },
      schema: { tags, params: idParam, response: { 200: ok } },
    },
    async (request) => publishSanction(ctx(request), request.params.id),
  );
}
