import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { WORK_ORDER_STATUSES } from "../../../common/enums";
import { paged } from "../../../common/schemas/pagination";
import { type Services, staffCtx } from "../../lib/request-context";
import {
  agreementInput,
  agreementListQuery,
  createAgreement,
  getAgreement,
  listAgreements,
  terminateAgreement,
  terminateInput,
} from "./agreements";

const idParam = z.object({ id: z.uuid() });
const s = z.string().nullable();
const n = z.number().nullable();
const agreementDto = z.object({
  id: z.string(),
  contractNo: z.string(),
  customerId: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  warrantyMonths: n,
  responseHours: n,
  arrivalHours: n,
  visitKind: z.enum(["maintenance", "inspection"]),
  visitsPerYear: z.number(),
  leadDays: z.number(),
  siteAddress: z.string(),
  priceTerms: s,
  ownerId: s,
  terminatedAt: s,
  terminationReason: s,
  state: z.enum(["upcoming", "active", "ended", "terminated"]),
  createdAt: z.string(),
});
const detailDto = agreementDto.extend({
  customer: z.string(),
  owner: s,
  visits: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      dueOn: z.string(),
      workOrderId: s,
      workOrderNumber: s,
      workOrderStatus: z.enum(WORK_ORDER_STATUSES).nullable(),
      doneOn: s,
      onTime: z.boolean().nullable(),
    }),
  ),
  fulfilment: z.object({
    visitsDue: z.number(),
    visitsDone: z.number(),
    visitsOnTime: z.number(),
    arrivals: z.number(),
    arrivalsMet: n,
  }),
});

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
