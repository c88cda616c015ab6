import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParam } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import {
  minStockInput,
  partDto,
  receiveInput,
  receiveReplenishmentInput,
  replenishmentDto,
  replenishmentInput,
  replenishmentListQuery,
  sparePartInput,
  stockDto,
  transferInput,
} from "../../../common/schemas/parts";
import { type Services, staffCtx } from "../../lib/request-context";
import {
  cancelReplenishment,
  listReplenishments,
  orderReplenishment,
  receiveReplenishment,
} from "./replenishment";
import { listSpareParts, listStock, receiveStock, saveSparePart, setMinStock, transferStock } from "./stock";

const ok = { 204: z.null() };

export async function partRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["spare parts"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);

  r.get(
    "/api/spare-parts",
    { config: { access: { staff: "ticket.view" } }, schema: { tags, response: { 200: z.array(partDto) } } },
    async (request) => listSpareParts(ctx(request)),
  );
  r.post(
    "/api/spare-parts",
    {
      config: { access: { staff: "stock.manage" } },
      schema: { tags, body: sparePartInput, response: { 201: partDto } },
    },
    async (request, reply) => reply.status(201).send(await saveSparePart(ctx(request), null, request.body)),
  );
  r.put(
    "/api/spare-parts/:id",
    {
      config: { access: { staff: "stock.manage" } },
      schema: { tags, params: idParam, body: sparePartInput, response: { 200: partDto } },
    },
    async (request) => saveSparePart(ctx(request), request.params.id, request.body),
  );
  r.get(
    "/api/stock",
    {
      config: { access: { staff: "ticket.view" } },
      schema: {
        tags,
        querystring: z.object({ servicePointId: z.uuid().optional() }),
        response: { 200: z.array(stockDto) },
      },
    },
    async (request) => listStock(ctx(request), request.query.servicePointId),
  );
  r.post(
    "/api/stock/receive",
    { config: { access: { staff: "stock.manage" } }, schema: { tags, body: receiveInput, response: ok } },
    async (request, reply) => {
      await receiveStock(ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/stock/transfer",
    { config: { access: { staff: "stock.manage" } }, schema: { tags, body: transferInput, response: ok } },
    async (request, reply) => {
      await transferStock(ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );
  r.put(
    "/api/stock/min",
    { config: { access: { staff: "stock.manage" } }, schema: { tags, body: minStockInput, response: ok } },
    async (request, reply) => {
      await setMinStock(ctx(request), request.body);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/replenishments",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags, querystring: replenishmentListQuery, response: { 200: paged(replenishmentDto) } },
    },
    async (request) => listReplenishments(ctx(request), request.query),
  );
  r.post(
    "/api/replenishments",
    {
      config: { access: { staff: "stock.manage" } },
      schema: {
        tags,
        body: replenishmentInput,
        response: { 201: z.object({ id: z.string(), number: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await orderReplenishment(ctx(request), request.body)),
  );
  r.post(
    "/api/replenishments/:id/receive",
    {
      config: { access: { staff: true } },
      schema: { tags, params: idParam, body: receiveReplenishmentInput, response: ok },
    },
    async (request, reply) => {
      await receiveReplenishment(ctx(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/replenishments/:id/cancel",
    { config: { access: { staff: true } }, schema: { tags, params: idParam, response: ok } },
    async (request, reply) => {
      await cancelReplenishment(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
