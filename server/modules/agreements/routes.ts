import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  agreementDto,
  agreementInput,
  agreementListQuery,
  detailDto,
  terminateInput,
} from "../../../common/schemas/agreements";
import { idParam } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import { type Services, staffCtx } from "../../lib/request-context";
import { createAgreement, getAgreement, listAgreements, terminateAgreement } from "./agreements";

/** 售后服务协定 (C080, C082): contracts with their scheduled visits and how they were kept. */
export async function agreementRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["service agreements"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  r.get(
    "/api/agreements",
    {
      config: { access: { staff: "customer.view" } },
      schema: {
        tags,
        querystring: agreementListQuery,
        response: { 200: paged(agreementDto.extend({ customer: z.string() })) },
      },
    },
    async (request) => listAgreements(ctx(request), request.query),
  );
  r.post(
    "/api/agreements",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, body: agreementInput, response: { 201: detailDto } },
    },
    async (request, reply) => {
      const agreement = await createAgreement(ctx(request), request.body);
      return reply.status(201).send(await getAgreement(ctx(request), agreement.id));
    },
  );
  r.get(
    "/api/agreements/:id",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, params: idParam, response: { 200: detailDto } },
    },
    async (request) => getAgreement(ctx(request), request.params.id),
  );
  r.post(
    "/api/agreements/:id/terminate",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, params: idParam, body: terminateInput, response: { 200: detailDto } },
    },
    async (request) => {
      await terminateAgreement(ctx(request), request.params.id, request.body);
      return getAgreement(ctx(request), request.params.id);
    },
  );
}
