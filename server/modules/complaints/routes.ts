import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  approvalRulesInput,
  categoryDto,
  categoryInput,
  compensationInput,
  compensationListQuery,
  compensationRowDto,
  complaintAnalysisDto,
  complaintDetailsInput,
  complaintDto,
  complaintInput,
  completeStepInput,
  countersignInput,
  decisionInput,
  paymentInput,
  proposalAnswerInput,
  proposalInput,
  rejectStepInput,
  rmaInput,
  rmaListQuery,
  ruleDto,
} from "../../../common/schemas/complaints";
import { idParam, monthQuery } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { complaintAnalysis, exportComplaintAnalysis } from "./analysis";
import { listApprovalRules } from "./approvals";
import { advanceRma, markCompensationPaid, proposeCompensation } from "./compensations";
import { countersign } from "./countersign";
import { decideApproval } from "./decide-approval";
import { updateComplaintDetails } from "./details";
import { listCompensations, listRmas } from "./ledger";
import { answerProposal, offerProposal } from "./proposals";
import { approvalInbox, getComplaint } from "./queries";
import { deleteCategory, listCategories, replaceApprovalRules, saveCategory } from "./settings";
import { completeStep, openComplaint, rejectStep } from "./workflow";

const ok = { 204: z.null() };

export async function complaintRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["complaints"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  /** Every change answers with the complaint as it now stands. */
  const complaintOfTicket = async (request: Parameters<typeof staffCtx>[1], ticketId: string) =>
    getComplaint(ctx(request), ticketId);

  r.get(
    "/api/complaint-categories",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        response: {
          200: z.array(z.object({ id: z.string(), name: z.string(), departmentId: z.string().nullable() })),
        },
      },
    },
    async (request) => listCategories(ctx(request).db, ctx(request).actor.orgId),
  );
  r.get(
    "/api/tickets/:id/complaint",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, response: { 200: complaintDto.nullable() } },
    },
    async (request) => complaintOfTicket(request, request.params.id),
  );
  r.post(
    "/api/tickets/:id/complaint",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: complaintInput, response: { 201: complaintDto } },
    },
    async (request, reply) => {
      await openComplaint(ctx(request), request.params.id, request.body);
      return reply.status(201).send((await complaintOfTicket(request, request.params.id))!);
    },
  );
  r.post(
    "/api/complaints/:id/steps/complete",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: completeStepInput, response: ok },
    },
    async (request, reply) => {
      await completeStep(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/complaints/:id/steps/reject",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: {
        tags,
        params: idParam,
        body: rejectStepInput,
        response: ok,
      },
    },
    async (request, reply) => {
      await rejectStep(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/complaints/:id/compensations",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: compensationInput, response: ok },
    },
    async (request, reply) => {
      await proposeCompensation(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/compensations/:id/paid",
    {
      config: { access: { staff: "finance.confirm" } },
      schema: { tags, params: idParam, body: paymentInput, response: ok },
    },
    async (request, reply) => {
      await markCompensationPaid(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/compensations",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags, querystring: compensationListQuery, response: { 200: paged(compensationRowDto) } },
    },
    async (request) => listCompensations(ctx(request), request.query),
  );
  r.get(
    "/api/rmas",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags, querystring: rmaListQuery, response: { 200: paged(compensationRowDto) } },
    },
    async (request) => listRmas(ctx(request), request.query),
  );
  r.patch(
    "/api/complaints/:id",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: complaintDetailsInput, response: ok },
    },
    async (request, reply) => {
      await updateComplaintDetails(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/complaints/:id/proposals",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: proposalInput, response: ok },
    },
    async (request, reply) => {
      await offerProposal(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/proposals/:id/answer",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: proposalAnswerInput, response: ok },
    },
    async (request, reply) => {
      await answerProposal(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/countersigns/:id",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: countersignInput, response: ok },
    },
    async (request, reply) => {
      await countersign(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/rmas/:id/advance",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: rmaInput, response: ok },
    },
    async (request, reply) => {
      await advanceRma(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/approvals/:id/decision",
    {
      config: { access: { staff: "ticket.view" } },
      schema: {
        tags,
        params: idParam,
        body: decisionInput,
        response: { 200: z.object({ status: z.enum(["pending", "approved", "rejected"]) }) },
      },
    },
    async (request) => {
      const result = await decideApproval(ctx(request), request.params.id, request.body);
      return { status: result.status };
    },
  );
  r.get(
    "/api/approvals/inbox",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              amountFen: z.number(),
              level: z.number(),
              chain: z.array(z.string()),
              createdAt: z.string(),
              ticketId: z.string(),
              number: z.string(),
              title: z.string(),
              severity: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => approvalInbox(ctx(request)),
  );
  r.get(
    "/api/complaints/analysis",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: monthQuery, response: { 200: complaintAnalysisDto } },
    },
    async (request) => complaintAnalysis(ctx(request), request.query.month),
  );
  r.get(
    "/api/complaints/analysis/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: monthQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `客诉分析-${request.query.month}.xlsx`,
        await exportComplaintAnalysis(ctx(request), request.query.month),
      ),
  );
  r.post(
    "/api/complaint-categories",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: categoryInput, response: { 201: categoryDto } },
    },
    async (request, reply) => reply.status(201).send(await saveCategory(ctx(request), null, request.body)),
  );
  r.put(
    "/api/complaint-categories/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, body: categoryInput, response: { 200: categoryDto } },
    },
    async (request) => saveCategory(ctx(request), request.params.id, request.body),
  );
  r.delete(
    "/api/complaint-categories/:id",
    { config: { access: { staff: "settings.manage" } }, schema: { tags, params: idParam, response: ok } },
    async (request, reply) => {
      await deleteCategory(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/approval-rules",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(ruleDto) } } },
    async (request) => listApprovalRules(ctx(request).db, ctx(request).actor.orgId),
  );
  r.put(
    "/api/approval-rules",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: approvalRulesInput, response: { 200: z.array(ruleDto) } },
    },
    async (request) => replaceApprovalRules(ctx(request), request.body),
  );
}
