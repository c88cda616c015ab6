import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  automationDto,
  automationInput,
  automationKindInput,
  reorderInput,
} from "../../../common/schemas/automations";
import { type Services, staffCtx } from "../../lib/request-context";
import { restoreDefaultRules } from "./defaults";
import { createRule, deleteRule, listRules, reorderRules, updateRule } from "./rules";

/** Automations: triggers and timed rules (with the routing and stall rules every organisation starts with). */
export async function automationRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["automations"];
  const access = { staff: "automation.manage" } as const;
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  const idParam = z.object({ id: z.uuid() });
  r.get(
    "/api/automations",
    {
      config: { access },
      schema: { tags, querystring: automationKindInput, response: { 200: z.array(automationDto) } },
    },
    async (request) => listRules(ctx(request), request.query.kind),
  );
  r.post(
    "/api/automations",
    { config: { access }, schema: { tags, body: automationInput, response: { 201: automationDto } } },
    async (request, reply) => reply.code(201).send(await createRule(ctx(request), request.body)),
  );
  r.post(
    "/api/automations/defaults",
    {
      config: { access },
      schema: { tags, body: automationKindInput, response: { 200: z.array(automationDto) } },
    },
    async (request) => restoreDefaultRules(ctx(request), request.body.kind),
  );
  r.put(
    "/api/automations/:id",
    {
      config: { access },
      schema: { tags, params: idParam, body: automationInput, response: { 200: automationDto } },
    },
    async (request) => updateRule(ctx(request), request.params.id, request.body),
  );
  r.put(
    "/api/automations/order",
    {
      config: { access },
      schema: {
        tags,
        body: reorderInput,
        response: { 200: z.array(automationDto) },
      },
    },
    async (request) => reorderRules(ctx(request), request.body.kind, request.body.ids),
  );
  r.delete(
    "/api/automations/:id",
    { config: { access }, schema: { tags, params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteRule(ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
