import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParam, monthQuery } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import {
  breachDto,
  breachListQuery,
  breachReasonInput,
  calendarDto,
  calendarImportInput,
  calendarInput,
  overdueReportRow,
  policyDto,
  policyInput,
} from "../../../common/schemas/service-time";
import { iso, sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { importExceptions, listCalendars, previewDeadline, saveCalendar } from "./calendars";
import { explainBreach, exportOverdueReport, listBreaches, overdueReport } from "./overdue";
import { deletePolicy, listPolicies, restoreDefaultPolicies, savePolicy } from "./policies";

export async function slaRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sla"];
  r.get(
    "/api/calendars",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(calendarDto) } } },
    async (request) => listCalendars(staffCtx(services, request)),
  );
  r.post(
    "/api/calendars",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: calendarInput, response: { 201: calendarDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await saveCalendar(staffCtx(services, request), null, request.body)),
  );
  r.put(
    "/api/calendars/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, body: calendarInput, response: { 200: calendarDto } },
    },
    async (request) => saveCalendar(staffCtx(services, request), request.params.id, request.body),
  );
  r.post(
    "/api/calendars/:id/import",
    {
      config: { access: { staff: "settings.manage" } },
      schema: {
        tags,
        params: idParam,
        body: calendarImportInput,
        response: { 200: z.object({ imported: z.number(), calendar: calendarDto }) },
      },
    },
    async (request) => importExceptions(staffCtx(services, request), request.params.id, request.body.text),
  );
  r.get(
    "/api/calendars/:id/deadline",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        params: idParam,
        querystring: z.object({
          start: z.coerce.date(),
          minutes: z.coerce.number().int().min(0).max(525_600),
        }),
        response: { 200: z.object({ deadline: z.string(), workingMinutes: z.number() }) },
      },
    },
    async (request) => {
      const result = await previewDeadline(
        staffCtx(services, request),
        request.params.id,
        request.query.start,
        request.query.minutes,
      );
      return { deadline: iso(result.deadline), workingMinutes: result.workingMinutes };
    },
  );

  r.get(
    "/api/sla-policies",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(policyDto) } } },
    async (request) => {
      const ctx = staffCtx(services, request);
      return listPolicies(ctx.db, ctx.actor.orgId);
    },
  );
  r.post(
    "/api/sla-policies",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: policyInput, response: { 201: policyDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await savePolicy(staffCtx(services, request), null, request.body)),
  );
  r.post(
    "/api/sla-policies/defaults",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, response: { 201: z.array(policyDto) } },
    },
    async (request, reply) =>
      reply.status(201).send(await restoreDefaultPolicies(staffCtx(services, request))),
  );
  r.put(
    "/api/sla-policies/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, body: policyInput, response: { 200: policyDto } },
    },
    async (request) => savePolicy(staffCtx(services, request), request.params.id, request.body),
  );
  r.delete(
    "/api/sla-policies/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deletePolicy(staffCtx(services, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/sla/breaches",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags, querystring: breachListQuery, response: { 200: paged(breachDto) } },
    },
    async (request) => listBreaches(staffCtx(services, request), request.query),
  );
  r.put(
    "/api/sla/breaches/:id/reason",
    {
      config: { access: { staff: "ticket.handle" } },
      schema: { tags, params: idParam, body: breachReasonInput, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await explainBreach(staffCtx(services, request), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/sla/overdue-report",
    {
      config: { access: { staff: "report.view" } },
      schema: {
        tags,
        querystring: monthQuery,
        response: { 200: z.array(overdueReportRow) },
      },
    },
    async (request) => overdueReport(staffCtx(services, request), request.query.month),
  );
  r.get(
    "/api/sla/overdue-report/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: monthQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `逾期报告-${request.query.month}.xlsx`,
        await exportOverdueReport(staffCtx(services, request), request.query.month),
      ),
  );
}
