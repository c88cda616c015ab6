import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { paged } from "../../../common/schemas/pagination";
import {
  actionDoneInput,
  analysisSubmitInput,
  answerInput,
  campaignDecisionInput,
  campaignDto,
  campaignInput,
  campaignListQuery,
  campaignResultsDto,
  importSourceQuery,
  improvementActionInput,
  openSurveyDto,
  quarterAnalysisDto,
  quarterParam,
  responseListQuery,
  satisfactionQuery,
  satisfactionReportDto,
  staffAnswerInput,
  surveyQuestion,
  surveyResponseRowDto,
  surveySettingsDto,
  surveyTemplateDto,
  surveyTemplateInput,
  tokenParam,
  validityInput,
} from "../../../common/schemas/surveys";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { readUploadedFile } from "../../lib/upload";
import {
  addImprovementAction,
  completeImprovementAction,
  exportAnalysis,
  quarterAnalysis,
  submitAnalysis,
} from "./analysis";
import { answerSurvey, enterTicketSurvey, openSurvey } from "./answers";
import { campaignImportTemplate, importCampaignResults } from "./campaign-import";
import {
  campaignResults,
  cancelCampaign,
  createCampaign,
  decideCampaign,
  getCampaign,
  listCampaigns,
  submitCampaign,
  updateCampaign,
} from "./campaigns";
import { listSurveyResponses, setResponseValidity } from "./responses";
import { exportSatisfactionReport, satisfactionReport } from "./scores";
import { surveySettingsOf, updateSurveySettings } from "./settings";
import {
  defaultTemplate,
  listTemplates,
  makeDefaultTemplate,
  saveTemplate,
  templateVersions,
} from "./templates";

export async function surveyRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["surveys"];
  // The customer's link: no sign-in, the token is the key (used once).
  r.get(
    "/api/surveys/:token",
    { config: { access: "public" }, schema: { tags, params: tokenParam, response: { 200: openSurveyDto } } },
    async (request) => openSurvey(services.db, request.params.token),
  );
  r.post(
    "/api/surveys/:token",
    {
      config: { access: "public" },
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
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: satisfactionQuery, response: { 200: satisfactionReportDto } },
    },
    async (request) => satisfactionReport(staffCtx(services, request), request.query),
  );
  r.get(
    "/api/satisfaction/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: satisfactionQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `满意度统计-${request.query.from}-${request.query.to}.xlsx`,
        await exportSatisfactionReport(staffCtx(services, request), request.query),
      ),
  );
  const quarterQuery = z.object({ quarter: quarterParam });
  const ok = z.object({ id: z.string() });
  r.get(
    "/api/satisfaction-analysis",
    {
      config: { access: { staff: "survey.raw.view" } },
      schema: { tags, querystring: quarterQuery, response: { 200: quarterAnalysisDto } },
    },
    async (request) => quarterAnalysis(staffCtx(services, request), request.query.quarter),
  );
  r.get(
    "/api/satisfaction-analysis/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: quarterQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `满意度分析报告-${request.query.quarter}.xlsx`,
        await exportAnalysis(staffCtx(services, request), request.query.quarter),
      ),
  );
  r.post(
    "/api/satisfaction-analysis/actions",
    {
      config: { access: { staff: "survey.raw.view" } },
      schema: { tags, querystring: quarterQuery, body: improvementActionInput, response: { 200: ok } },
    },
    async (request) => addImprovementAction(staffCtx(services, request), request.query.quarter, request.body),
  );
  r.post(
    "/api/satisfaction-analysis/submit",
    {
      config: { access: { staff: true } },
      schema: { tags, querystring: quarterQuery, body: analysisSubmitInput, response: { 200: ok } },
    },
    async (request) => submitAnalysis(staffCtx(services, request), request.query.quarter, request.body),
  );
  r.post(
    "/api/improvement-actions/:id/done",
    {
      config: { access: { staff: true } },
      schema: { tags, params: z.object({ id: z.uuid() }), body: actionDoneInput, response: { 200: ok } },
    },
    async (request) =>
      completeImprovementAction(staffCtx(services, request), request.params.id, request.body),
  );
  // The questionnaire staff fill in for a customer (a callback, a visit, a paper form).
  r.get(
    "/api/survey-templates/default",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        response: { 200: z.object({ id: z.string(), name: z.string(), questions: z.array(surveyQuestion) }) },
      },
    },
    async (request) => {
      const { id, name, questions } = await defaultTemplate(
        services.db,
        staffCtx(services, request).actor.orgId,
      );
      return { id, name, questions };
    },
  );
  r.post(
    "/api/tickets/:id/survey",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        body: staffAnswerInput,
        response: {
          200: z.object({
            total: z.number(),
            score: z.number().nullable(),
            band: z.string().nullable(),
            followUpTicketId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => enterTicketSurvey(staffCtx(services, request), request.params.id, request.body),
  );
  r.get(
    "/api/survey-responses",
    {
      config: { access: { staff: "survey.raw.view" } },
      schema: { tags, querystring: responseListQuery, response: { 200: paged(surveyResponseRowDto) } },
    },
    async (request) => listSurveyResponses(staffCtx(services, request), request.query),
  );
  r.put(
    "/api/survey-responses/:id/validity",
    {
      config: { access: { staff: "survey.raw.view" } },
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        body: validityInput,
        response: {
          200: z.object({ id: z.string(), valid: z.boolean(), invalidReason: z.string().nullable() }),
        },
      },
    },
    async (request) => setResponseValidity(staffCtx(services, request), request.params.id, request.body),
  );
  // 问卷 (C096, C100): questionnaires and their versions.
  const idParam = z.object({ id: z.uuid() });
  const saved = z.object({ id: z.string(), version: z.number() });
  r.get(
    "/api/survey-templates",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, response: { 200: z.array(surveyTemplateDto) } },
    },
    async (request) => listTemplates(staffCtx(services, request)),
  );
  r.get(
    "/api/survey-templates/:id/versions",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, response: { 200: z.array(surveyTemplateDto) } },
    },
    async (request) => templateVersions(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/survey-templates",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, body: surveyTemplateInput, response: { 200: saved } },
    },
    async (request) => saveTemplate(staffCtx(services, request), null, request.body),
  );
  r.put(
    "/api/survey-templates/:id",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, body: surveyTemplateInput, response: { 200: saved } },
    },
    async (request) => saveTemplate(staffCtx(services, request), request.params.id, request.body),
  );
  r.post(
    "/api/survey-templates/:id/default",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, response: { 200: ok } },
    },
    async (request) => makeDefaultTemplate(staffCtx(services, request), request.params.id),
  );
  // 调查计划 (C102–C104, C107, C108).
  r.get(
    "/api/survey-campaigns",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, querystring: campaignListQuery, response: { 200: paged(campaignDto) } },
    },
    async (request) => listCampaigns(staffCtx(services, request), request.query),
  );
  r.post(
    "/api/survey-campaigns",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, body: campaignInput, response: { 200: ok } },
    },
    async (request) => createCampaign(staffCtx(services, request), request.body),
  );
  r.get(
    "/api/survey-campaigns/:id",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, response: { 200: campaignDto } },
    },
    async (request) => getCampaign(staffCtx(services, request), request.params.id),
  );
  r.put(
    "/api/survey-campaigns/:id",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, body: campaignInput, response: { 200: ok } },
    },
    async (request) => updateCampaign(staffCtx(services, request), request.params.id, request.body),
  );
  r.post(
    "/api/survey-campaigns/:id/submit",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, response: { 200: ok } },
    },
    async (request) => submitCampaign(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/survey-campaigns/:id/decision",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: campaignDecisionInput, response: { 200: ok } },
    },
    async (request) => decideCampaign(staffCtx(services, request), request.params.id, request.body),
  );
  r.post(
    "/api/survey-campaigns/:id/cancel",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, response: { 200: ok } },
    },
    async (request) => cancelCampaign(staffCtx(services, request), request.params.id),
  );
  r.get(
    "/api/survey-campaigns/:id/results",
    {
      config: { access: { staff: "survey.manage" } },
      schema: { tags, params: idParam, response: { 200: campaignResultsDto } },
    },
    async (request) => campaignResults(staffCtx(services, request), request.params.id),
  );
  r.get(
    "/api/survey-campaigns/:id/import-template",
    { config: { access: { staff: "survey.manage" } }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const { name, content } = await campaignImportTemplate(staffCtx(services, request), request.params.id);
      return sendXlsx(reply, `${name}-导入模板.xlsx`, content);
    },
  );
  r.post(
    "/api/survey-campaigns/:id/import",
    {
      config: { access: { staff: "survey.manage" } },
      schema: {
        tags,
        params: idParam,
        querystring: importSourceQuery,
        consumes: ["multipart/form-data"],
        response: { 200: z.object({ imported: z.number() }) },
      },
    },
    async (request) => {
      const file = await readUploadedFile(request, services.attachmentMaxBytes);
      return importCampaignResults(
        staffCtx(services, request),
        request.params.id,
        file.content,
        request.query,
      );
    },
  );
  r.get(
    "/api/survey-settings",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: surveySettingsDto } } },
    async (request) => surveySettingsOf(services.db, staffCtx(services, request).actor.orgId),
  );
  r.put(
    "/api/survey-settings",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: surveySettingsDto, response: { 200: surveySettingsDto } },
    },
    async (request) => updateSurveySettings(staffCtx(services, request), request.body),
  );
}
