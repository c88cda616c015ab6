import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  callbackListQuery,
  callbackReconciliationDto,
  callbackSampleReportDto,
  contactDto,
  customerCallbackDto,
  customerCallbackQuery,
  customerCallInput,
  followUpDto,
  followUpQuery,
  satisfactionCallInput,
} from "../../../common/schemas/callbacks";
import { callbackTaskDto } from "../../../common/schemas/field-service";
import { idParam, monthQuery } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { recordSatisfactionCall, revealCallbackContact } from "./call";
import {
  listCustomerCallbacks,
  recordCustomerCallback,
  revealCustomerCallbackContact,
} from "./customer-calls";
import { listFollowUps } from "./follow-ups";
import { callbackReconciliation, exportCallbackReconciliation } from "./reconciliation";
import { callbackSampleReport } from "./sample";
import { listCallbackTasks } from "./tasks";

export async function callbackRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["callbacks"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  r.get(
    "/api/callback-tasks",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags, querystring: callbackListQuery, response: { 200: paged(callbackTaskDto) } },
    },
    async (request) => listCallbackTasks(ctx(request), request.query),
  );
  r.post(
    "/api/callback-tasks/:id/call",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        params: idParam,
        body: satisfactionCallInput,
        response: {
          200: callbackTaskDto
            .pick({ id: true, status: true, satisfied: true })
            .extend({ followUpTicketId: z.string().nullable() }),
        },
      },
    },
    async (request) => recordSatisfactionCall(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/callback-tasks/:id/contact",
    { config: { access: { staff: true } }, schema: { tags, params: idParam, response: { 200: contactDto } } },
    async (request) => revealCallbackContact(ctx(request), request.params.id),
  );
  r.get(
    "/api/callback-samples",
    {
      config: { access: { staff: "report.view" } },
      schema: {
        tags,
        querystring: monthQuery,
        response: { 200: callbackSampleReportDto },
      },
    },
    async (request) => callbackSampleReport(ctx(request), request.query.month),
  );
  r.get(
    "/api/customer-callbacks",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, querystring: customerCallbackQuery, response: { 200: paged(customerCallbackDto) } },
    },
    async (request) => listCustomerCallbacks(ctx(request), request.query),
  );
  r.post(
    "/api/customer-callbacks/:id/call",
    {
      config: { access: { staff: "customer.view" } },
      schema: {
        tags,
        params: idParam,
        body: customerCallInput,
        response: {
          200: customerCallbackDto
            .pick({ id: true, status: true, satisfied: true })
            .extend({ followUpTicketId: z.string().nullable() }),
        },
      },
    },
    async (request) => recordCustomerCallback(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/customer-callbacks/:id/contact",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, params: idParam, response: { 200: contactDto } },
    },
    async (request) => revealCustomerCallbackContact(ctx(request), request.params.id),
  );
  r.get(
    "/api/callback-reconciliation",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: monthQuery, response: { 200: callbackReconciliationDto } },
    },
    async (request) => callbackReconciliation(ctx(request), request.query.month),
  );
  r.get(
    "/api/callback-reconciliation/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: monthQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `回访核对-${request.query.month}.xlsx`,
        await exportCallbackReconciliation(ctx(request), request.query.month),
      ),
  );
  r.get(
    "/api/follow-ups",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: followUpQuery, response: { 200: paged(followUpDto) } },
    },
    async (request) => listFollowUps(ctx(request), request.query),
  );
}
