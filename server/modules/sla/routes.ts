import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { iso } from "../../lib/present";
import { type Services, staffCtx } from "../../plugins/auth";
import { calendarInput, importExceptions, listCalendars, previewDeadline, saveCalendar } from "./calendars";

const idParam = z.object({ id: z.uuid() });
const calendarDto = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  is24x7: z.boolean(),
  weeklyHours: z.array(z.array(z.object({ start: z.number(), end: z.number() }))),
  exceptions: z.record(z.string(), z.enum(["holiday", "workday"])),
  isDefault: z.boolean(),
});

export async function slaRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sla"];
  r.get("/api/calendars", { schema: { tags, response: { 200: z.array(calendarDto) } } }, async (request) =>
    listCalendars(staffCtx(services, request)),
  );
  r.post(
    "/api/calendars",
    { schema: { tags, body: calendarInput, response: { 201: calendarDto } } },
    async (request, reply) =>
      reply.status(201).send(await saveCalendar(staffCtx(services, request), null, request.body)),
  );
  r.put(
    "/api/calendars/:id",
    { schema: { tags, params: idParam, body: calendarInput, response: { 200: calendarDto } } },
    async (request) => saveCalendar(staffCtx(services, request), request.params.id, request.body),
  );
  r.post(
    "/api/calendars/:id/import",
    {
      schema: {
        tags,
        params: idParam,
        body: z.object({ text: z.string().max(20_000) }),
        response: { 200: z.object({ imported: z.number(), calendar: calendarDto }) },
      },
    },
    async (request) => importExceptions(staffCtx(services, request), request.params.id, request.body.text),
  );
  r.get(
    "/api/calendars/:id/deadline",
    {
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
}
