import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  callbackTaskDto,
  dispatchBoardDto,
  engineerDto,
  workOrderDetailDto,
  workOrderDto,
} from "../../../common/schemas/field-service";
import { paged } from "../../lib/pagination";
import { readUploadedFile } from "../../lib/upload";
import { type Services, staffCtx } from "../../plugins/auth";
import { callbackListQuery, listCallbackTasks } from "../callbacks/tasks";
import { attachToTicket } from "../tickets/attachments";
import { createWorkOrder } from "./create-work-order";
import {
  cancelInput,
  cancelWorkOrder,
  dispatchBoard,
  dispatchInput,
  dispatchWorkOrder,
  suggestEngineers,
} from "./dispatch";
import {
  arriveOnSite,
  completeInput,
  completeWorkOrder,
  departForSite,
  departInput,
  respondInput,
  respondToWorkOrder,
  returnFromSite,
  saveServiceReport,
  serviceReportInput,
  signInput,
  signWorkOrder,
} from "./engineer";
import { partUseInput, planPart, requireEngineer, usePart } from "./parts";
import {
  getWorkOrder,
  myWorkOrders,
  myWorkOrdersQuery,
  revealWorkOrderContact,
  ticketWorkOrders,
} from "./queries";
import {
  confirmSettlement,
  confirmSettlementInput,
  listSettlements,
  settlementListQuery,
} from "./settlement";
import { loadWorkOrder, workOrderInput } from "./work-orders";

const idParam = z.object({ id: z.uuid() });

export async function fieldServiceRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["field service"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  const detail = { 200: workOrderDetailDto };

  r.get(
    "/api/tickets/:id/work-orders",
    {
      schema: {
        tags,
        params: idParam,
        response: { 200: z.array(workOrderDto.extend({ engineer: z.string().nullable() })) },
      },
    },
    async (request) => ticketWorkOrders(ctx(request), request.params.id),
  );
  r.post(
    "/api/tickets/:id/work-orders",
    { schema: { tags, params: idParam, body: workOrderInput, response: { 201: workOrderDetailDto } } },
    async (request, reply) => {
      const order = await createWorkOrder(ctx(request), request.params.id, request.body);
      return reply.status(201).send(await getWorkOrder(ctx(request), order.id));
    },
  );
  r.get("/api/work-orders/:id", { schema: { tags, params: idParam, response: detail } }, async (request) =>
    getWorkOrder(ctx(request), request.params.id),
  );
  r.get(
    "/api/work-orders/:id/contact",
    {
      schema: {
        tags,
        params: idParam,
        response: {
          200: z.object({
            name: z.string().nullable(),
            mobile: z.string().nullable(),
            phone: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => revealWorkOrderContact(ctx(request), request.params.id),
  );
  r.get("/api/dispatch-board", { schema: { tags, response: { 200: dispatchBoardDto } } }, async (request) =>
    dispatchBoard(ctx(request)),
  );
  r.get(
    "/api/work-orders/:id/suggestions",
    { schema: { tags, params: idParam, response: { 200: z.array(engineerDto) } } },
    async (request) => suggestEngineers(ctx(request), request.params.id),
  );
  r.get(
    "/api/my-work-orders",
    {
      schema: {
        tags,
        querystring: myWorkOrdersQuery,
        response: { 200: paged(workOrderDto.extend({ customer: z.string().nullable() })) },
      },
    },
    async (request) => myWorkOrders(ctx(request), request.query),
  );
  r.get(
    "/api/settlements",
    {
      schema: {
        tags,
        querystring: settlementListQuery,
        response: {
          200: paged(
            workOrderDto.extend({
              ticketNumber: z.string(),
              customer: z.string().nullable(),
              engineer: z.string().nullable(),
              totalFen: z.number(),
            }),
          ),
        },
      },
    },
    async (request) => listSettlements(ctx(request), request.query),
  );
  r.get(
    "/api/callback-tasks",
    { schema: { tags, querystring: callbackListQuery, response: { 200: paged(callbackTaskDto) } } },
    async (request) => listCallbackTasks(ctx(request), request.query),
  );

  // Changes: each answers with the work order as it now stands.
  const change = <B extends z.ZodType>(
    path: string,
    body: B,
    run: (c: ReturnType<typeof ctx>, id: string, input: z.input<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/work-orders/:id/${path}`,
      { schema: { tags, params: idParam, body, response: detail } },
      async (request) => {
        await run(ctx(request), request.params.id, request.body as z.input<B>);
        return getWorkOrder(ctx(request), request.params.id);
      },
    );
  const none = z.object({}).optional();
  change("dispatch", dispatchInput, dispatchWorkOrder);
  change("cancel", cancelInput, cancelWorkOrder);
  change("respond", respondInput, respondToWorkOrder);
  change("depart", departInput, departForSite);
  change("arrive", none, (c, id) => arriveOnSite(c, id));
  change("report", serviceReportInput, saveServiceReport);
  change("plan-part", partUseInput, planPart);
  change("use-part", partUseInput, usePart);
  change("sign", signInput, signWorkOrder);
  change("complete", completeInput, completeWorkOrder);
  change("return", none, (c, id) => returnFromSite(c, id));
  change("settle", confirmSettlementInput, confirmSettlement);

  r.post(
    "/api/work-orders/:id/photos",
    {
      schema: {
        tags,
        params: idParam,
        consumes: ["multipart/form-data"],
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const c = ctx(request);
      const order = await loadWorkOrder(c.db, c, request.params.id);
      requireEngineer(c, order);
      const file = await readUploadedFile(request, services.attachmentMaxBytes);
      const row = await attachToTicket(c, order.ticketId, file, order.id);
      return reply.status(201).send({ id: row.id });
    },
  );
}
