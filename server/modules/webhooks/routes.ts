import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { paged, pageQuery } from "../../../common/schemas/pagination";
import { webhookDeliveryDto, webhookEndpointDto, webhookInput } from "../../../common/schemas/webhooks";
import { type Services, staffCtx } from "../../lib/request-context";
import { listDeliveries, resendDelivery } from "./deliveries";
import { createEndpoint, deleteEndpoint, listEndpoints, rotateSecret, updateEndpoint } from "./endpoints";

/** Webhooks (M13): endpoints, their secrets (shown once), their delivery log and resending. */
export async function webhookRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["webhooks"];
  const access = { staff: "webhook.manage" } as const;
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  const idParam = z.object({ id: z.uuid() });
  const withSecret = z.object({ endpoint: webhookEndpointDto, secret: z.string() });
  r.get(
    "/api/webhooks",
    {
      config: { access },
      schema: { tags, querystring: pageQuery, response: { 200: paged(webhookEndpointDto) } },
    },
    async (request) => listEndpoints(ctx(request), request.query),
  );
  r.post(
    "/api/webhooks",
    { config: { access }, schema: { tags, body: webhookInput, response: { 201: withSecret } } },
    async (request, reply) => reply.code(201).send(await createEndpoint(ctx(request), request.body)),
  );
  r.put(
    "/api/webhooks/:id",
    {
      config: { access },
      schema: { tags, params: idParam, body: webhookInput, response: { 200: webhookEndpointDto } },
    },
    async (request) => updateEndpoint(ctx(request), request.params.id, request.body),
  );
  r.post(
    "/api/webhooks/:id/secret",
    {
      config: { access },
      schema: { tags, params: idParam, response: { 200: z.object({ secret: z.string() }) } },
    },
    async (request) => rotateSecret(ctx(request), request.params.id),
  );
  r.delete(
    "/api/webhooks/:id",
    { config: { access }, schema: { tags, params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteEndpoint(ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  r.get(
    "/api/webhooks/:id/deliveries",
    {
      config: { access },
      schema: { tags, params: idParam, querystring: pageQuery, response: { 200: paged(webhookDeliveryDto) } },
    },
    async (request) => listDeliveries(ctx(request), request.params.id, request.query),
  );
  r.post(
    "/api/webhooks/:id/deliveries/:deliveryId/resend",
    {
      config: { access },
      schema: {
        tags,
        params: idParam.extend({ deliveryId: z.uuid() }),
        response: { 200: webhookDeliveryDto },
      },
    },
    async (request) => resendDelivery(ctx(request), request.params.id, request.params.deliveryId),
  );
}
