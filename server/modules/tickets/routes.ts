import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorMessage } from "../../../common/errors";
import { idParam } from "../../../common/schemas/fields";
import {
  assistAnswerInput,
  assistInput,
  bulkInput,
  changeStatusInput,
  classifyInput,
  createTicketInput,
  forbiddenPhraseInput,
  promiseInput,
  replyInput,
  savedViewInput,
  standardAnswerInput,
  tagsInput,
  teamMember,
  ticketDetail,
  ticketListQuery,
  ticketPage,
  transferInput,
} from "../../../common/schemas/tickets";
import { ctxOf, requestLocale, type Services, staffCtx } from "../../lib/request-context";
import { readUploadedFile } from "../../lib/upload";
import { completeAssist, requestAssist } from "./assists";
import { attachToTicket, readAttachment } from "./attachments";
import { bulkChange } from "./bulk";
import { changeTicketStatus } from "./change-status";
import { classifyTicket } from "./classify-ticket";
import { createTicket } from "./create-ticket";
import { promiseAnswer } from "./promises";
import { getTicketDetail, listTickets, queueCounts } from "./queries";
import { replyToTicket } from "./reply-to-ticket";
import {
  addForbiddenPhrase,
  deleteStandardAnswer,
  deleteView,
  listForbiddenPhrases,
  listStandardAnswers,
  listViews,
  removeForbiddenPhrase,
  saveStandardAnswer,
  saveView,
} from "./settings";
import { setTicketTags } from "./tags";
import { teamView } from "./team";
import { transferTicket } from "./transfer-ticket";

const created = z.object({ id: z.string(), number: z.string() });
const noContent = { 204: z.null() };

export async function ticketRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["tickets"];
  const detail = (request: Parameters<typeof ctxOf>[1], id: string) =>
    getTicketDetail(ctxOf(services, request), id);

  r.post(
    "/api/tickets",
    {
      config: { access: { staff: true, portal: true }, idempotent: true },
      schema: { tags, body: createTicketInput, response: { 201: created } },
    },
    async (request, reply) => {
      const ticket = await createTicket(ctxOf(services, request), request.body);
      return reply.status(201).send({ id: ticket.id, number: ticket.number });
    },
  );
  r.get(
    "/api/tickets",
    {
      config: { access: { staff: true, portal: true } },
      schema: { tags, querystring: ticketListQuery, response: { 200: ticketPage } },
    },
    async (request) => listTickets(ctxOf(services, request), request.query),
  );
  r.get(
    "/api/tickets/counts",
    {
      config: { access: { staff: true } },
      schema: { tags, response: { 200: z.record(z.string(), z.number()) } },
    },
    async (request) => queueCounts(staffCtx(services, request)),
  );
  r.post(
    "/api/tickets/bulk",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        body: bulkInput,
        response: {
          200: z.object({
            done: z.number(),
            failed: z.array(z.object({ id: z.string(), number: z.string().nullable(), message: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const { done, failed } = await bulkChange(staffCtx(services, request), request.body);
      const locale = requestLocale(request);
      return {
        done,
        failed: failed.map((f) => ({
          id: f.id,
          number: f.number,
          message: errorMessage(f.code, locale, f.params),
        })),
      };
    },
  );
  r.get(
    "/api/team",
    {
      config: { access: { staff: "ticket.assign" } },
      schema: { tags, response: { 200: z.array(teamMember) } },
    },
    async (request) => teamView(staffCtx(services, request)),
  );
  r.get(
    "/api/tickets/:id",
    {
      config: { access: { staff: true, portal: true } },
      schema: { tags, params: idParam, response: { 200: ticketDetail } },
    },
    async (request) => detail(request, request.params.id),
  );
  r.post(
    "/api/tickets/:id/status",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: changeStatusInput, response: { 200: ticketDetail } },
    },
    async (request) => {
      await changeTicketStatus(staffCtx(services, request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );
  r.post(
    "/api/tickets/:id/classify",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: classifyInput, response: { 200: ticketDetail } },
    },
    async (request) => {
      await classifyTicket(staffCtx(services, request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );
  r.put(
    "/api/tickets/:id/tags",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: tagsInput, response: { 200: ticketDetail } },
    },
    async (request) => {
      await setTicketTags(staffCtx(services, request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );
  r.post(
    "/api/tickets/:id/transfer",
    {
      config: { access: { staff: "ticket.transfer" } },
      schema: { tags, params: idParam, body: transferInput, response: { 200: ticketDetail } },
    },
    async (request) => {
      await transferTicket(staffCtx(services, request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );
  r.post(
    "/api/tickets/:id/replies",
    {
      config: { access: { staff: true, portal: true } },
      schema: {
        tags,
        params: idParam,
        body: replyInput,
        response: { 201: z.object({ eventId: z.number() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await replyToTicket(ctxOf(services, request), request.params.id, request.body)),
  );
  r.post(
    "/api/tickets/:id/assists",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: assistInput, response: { 201: z.object({ id: z.string() }) } },
    },
    async (request, reply) => {
      const assist = await requestAssist(staffCtx(services, request), request.params.id, request.body);
      return reply.status(201).send({ id: assist.id });
    },
  );
  r.post(
    "/api/assists/:id/complete",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: assistAnswerInput, response: noContent },
    },
    async (request, reply) => {
      await completeAssist(staffCtx(services, request), request.params.id, request.body.answer);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/tickets/:id/promise",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: {
        tags,
        params: idParam,
        body: promiseInput,
        response: { 200: z.object({ promisedAt: z.string() }) },
      },
    },
    async (request) => {
      const result = await promiseAnswer(staffCtx(services, request), request.params.id, request.body);
      return { promisedAt: result.promisedAt.toISOString() };
    },
  );
  r.post(
    "/api/tickets/:id/attachments",
    {
      config: { access: { staff: "ticket.handle", portal: true } },
      schema: {
        tags,
        params: idParam,
        consumes: ["multipart/form-data"],
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const file = await readUploadedFile(request, services.attachmentMaxBytes);
      const row = await attachToTicket(ctxOf(services, request), request.params.id, file);
      return reply.status(201).send({ id: row.id });
    },
  );
  r.get(
    "/api/attachments/:id",
    { config: { access: { staff: true, portal: true } }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const file = await readAttachment(ctxOf(services, request), request.params.id);
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.content);
    },
  );

  const answerDto = z.object({ id: z.string(), category: z.string(), title: z.string(), body: z.string() });
  r.get(
    "/api/standard-answers",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(answerDto) } } },
    async (request) => listStandardAnswers(staffCtx(services, request)),
  );
  r.post(
    "/api/standard-answers",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: standardAnswerInput, response: { 201: answerDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await saveStandardAnswer(staffCtx(services, request), null, request.body)),
  );
  r.put(
    "/api/standard-answers/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, body: standardAnswerInput, response: { 200: answerDto } },
    },
    async (request) => saveStandardAnswer(staffCtx(services, request), request.params.id, request.body),
  );
  r.delete(
    "/api/standard-answers/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, response: noContent },
    },
    async (request, reply) => {
      await deleteStandardAnswer(staffCtx(services, request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const phraseDto = z.object({ id: z.string(), phrase: z.string() });
  r.get(
    "/api/forbidden-phrases",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(phraseDto) } } },
    async (request) => listForbiddenPhrases(staffCtx(services, request)),
  );
  r.post(
    "/api/forbidden-phrases",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: forbiddenPhraseInput, response: { 201: phraseDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await addForbiddenPhrase(staffCtx(services, request), request.body.phrase)),
  );
  r.delete(
    "/api/forbidden-phrases/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, response: noContent },
    },
    async (request, reply) => {
      await removeForbiddenPhrase(staffCtx(services, request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const viewDto = z.object({
    id: z.string(),
    name: z.string(),
    filters: z.record(z.string(), z.union([z.string(), z.number()])),
  });
  r.get(
    "/api/saved-views",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(viewDto) } } },
    async (request) => listViews(staffCtx(services, request)),
  );
  r.post(
    "/api/saved-views",
    {
      config: { access: { staff: true } },
      schema: { tags, body: savedViewInput, response: { 201: viewDto } },
    },
    async (request, reply) => {
      const row = await saveView(staffCtx(services, request), request.body);
      return reply.status(201).send({ ...row, filters: row.filters as Record<string, string | number> });
    },
  );
  r.delete(
    "/api/saved-views/:id",
    { config: { access: { staff: true } }, schema: { tags, params: idParam, response: noContent } },
    async (request, reply) => {
      await deleteView(staffCtx(services, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
