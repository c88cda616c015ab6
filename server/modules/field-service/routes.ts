import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { WORK_ORDER_KINDS } from "../../../common/enums";
import { APPOINTMENT_WARNINGS } from "../../../common/field-service";
import {
  appointmentCheckQuery,
  approvalRuleInput,
  checkInput,
  dispatchBoardDto,
  engineerDto,
  fieldServiceReportDto,
  giveBackInput,
  kindSettingsDto,
  kindSettingsInput,
  lendInput,
  myWorkOrdersQuery,
  recallCriteria,
  recallDto,
  recallInput,
  recallPreviewDto,
  registerQuery,
  repairedInput,
  repairReturnDto,
  reportPeriodQuery,
  reportQueueQuery,
  settlementListQuery,
  toolDto,
  toolInput,
  toolListQuery,
  WORK_ORDER_STEP_INPUTS,
  type WorkOrderStep,
  type WorkOrderStepInput,
  weekSummaryDto,
  weekSummaryInput,
  workOrderDetailDto,
  workOrderDto,
  workOrderInput,
} from "../../../common/schemas/field-service";
import { idParam, noBody } from "../../../common/schemas/fields";
import { paged } from "../../../common/schemas/pagination";
import { sendXlsx } from "../../lib/present";
import type { Access } from "../../lib/request-context";
import { type Services, staffCtx } from "../../lib/request-context";
import { readUploadedFile } from "../../lib/upload";
import { attachToTicket } from "../tickets/attachments";
import { addApprovalRule, decideApproval, deleteApprovalRule, listApprovalRules } from "./approval";
import { recordNoShow } from "./arrivals";
import { createWorkOrder } from "./create-work-order";
import {
  cancelWorkOrder,
  checkAppointment,
  dispatchBoard,
  dispatchWorkOrder,
  suggestEngineers,
} from "./dispatch";
import {
  arriveOnSite,
  completeWorkOrder,
  departForSite,
  notifyDelay,
  respondToWorkOrder,
  returnFromSite,
  saveServiceReport,
  signWorkOrder,
  submitServiceReport,
  tickChecklistItem,
} from "./engineer";
import { listKindSettings, resetKindSettings, saveKindSettings } from "./kind-settings";
import { planPart, recordPartUse, requireEngineer } from "./parts";
import { exportFieldServiceReport, fieldServiceReport, REPORT_TITLES } from "./period-report";
import { getWorkOrder, myWorkOrders, revealWorkOrderContact, ticketWorkOrders } from "./queries";
import { getRecall, launchRecall, listRecalls, previewRecall } from "./recalls";
import {
  getRepairReturn,
  giveBackProduct,
  markRepaired,
  repairReturnRegister,
  takeBackProduct,
} from "./repair-returns";
import { recordTechnicalOutcome, reviewServiceReport, serviceReportQueue } from "./reports";
import { confirmSettlement, listSettlements } from "./settlement";
import { addTool, lendTool, listTools, recordToolCheck, returnTool } from "./tools";
import { myWeekSummary, saveWeekSummary } from "./week-summaries";
import { loadWorkOrder } from "./work-orders";

export async function fieldServiceRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["field service"];
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  const detail = { 200: workOrderDetailDto };

  r.get(
    "/api/tickets/:id/work-orders",
    {
      config: { access: { staff: "ticket.view" } },
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
    {
      config: { access: { staff: "ticket.handle" }, idempotent: true },
      schema: { tags, params: idParam, body: workOrderInput, response: { 201: workOrderDetailDto } },
    },
    async (request, reply) => {
      const order = await createWorkOrder(ctx(request), request.params.id, request.body);
      return reply.status(201).send(await getWorkOrder(ctx(request), order.id));
    },
  );
  r.get(
    "/api/work-orders/:id",
    { config: { access: { staff: true } }, schema: { tags, params: idParam, response: detail } },
    async (request) => getWorkOrder(ctx(request), request.params.id),
  );
  r.get(
    "/api/work-orders/:id/contact",
    {
      config: { access: { staff: true } },
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
  r.get(
    "/api/dispatch-board",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, response: { 200: dispatchBoardDto } },
    },
    async (request) => dispatchBoard(ctx(request)),
  );
  r.get(
    "/api/work-orders/:id/suggestions",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, params: idParam, response: { 200: z.array(engineerDto) } },
    },
    async (request) => suggestEngineers(ctx(request), request.params.id),
  );
  r.get(
    "/api/work-orders/:id/appointment-check",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: {
        tags,
        params: idParam,
        querystring: appointmentCheckQuery,
        response: { 200: z.object({ past: z.boolean(), warnings: z.array(z.enum(APPOINTMENT_WARNINGS)) }) },
      },
    },
    async (request) => checkAppointment(ctx(request), request.params.id, request.query),
  );
  r.get(
    "/api/my-work-orders",
    {
      config: { access: { staff: "workorder.serve" } },
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
      config: { access: { staff: true } },
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
    "/api/service-reports",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: {
        tags,
        querystring: reportQueueQuery,
        response: {
          200: paged(
            workOrderDto.extend({ customer: z.string().nullable(), engineer: z.string().nullable() }),
          ),
        },
      },
    },
    async (request) => serviceReportQueue(ctx(request), request.query),
  );
  r.get(
    "/api/field-service/report",
    {
      config: { access: { staff: "report.view" } },
      schema: { tags, querystring: reportPeriodQuery, response: { 200: fieldServiceReportDto } },
    },
    async (request) => fieldServiceReport(ctx(request), request.query),
  );
  r.get(
    "/api/field-service/report/export",
    { config: { access: { staff: true } }, schema: { tags, querystring: reportPeriodQuery } },
    async (request, reply) =>
      sendXlsx(
        reply,
        `${REPORT_TITLES[request.query.period]}-${request.query.day}.xlsx`,
        await exportFieldServiceReport(ctx(request), request.query),
      ),
  );
  r.get(
    "/api/field-service/week-summary",
    {
      config: { access: { staff: "workorder.serve" } },
      schema: { tags, querystring: z.object({ week: z.iso.date() }), response: { 200: weekSummaryDto } },
    },
    async (request) => myWeekSummary(ctx(request), request.query.week),
  );
  r.put(
    "/api/field-service/week-summary",
    {
      config: { access: { staff: "workorder.serve" } },
      schema: { tags, body: weekSummaryInput, response: { 200: weekSummaryDto } },
    },
    async (request) => saveWeekSummary(ctx(request), request.body),
  );

  type C = ReturnType<typeof ctx>;
  /** Changes of one kind of record: POST <base>/:id/<path>, each answering with the record as it now stands. */
  const changesOf =
    (base: string, response: z.ZodType, show: (c: C, id: string) => Promise<unknown>) =>
    <B extends z.ZodType>(
      path: string,
      access: Access,
      body: B,
      run: (c: C, id: string, input: z.input<B>) => Promise<unknown>,
    ) =>
      r.post(
        `${base}/:id/${path}`,
        { config: { access }, schema: { tags, params: idParam, body, response: { 200: response } } },
        async (request) => {
          await run(ctx(request), request.params.id, request.body as z.input<B>);
          return show(ctx(request), request.params.id);
        },
      );
  const changeOrder = changesOf("/api/work-orders", workOrderDetailDto, getWorkOrder);
  /** A step of a work order, with the input common/schemas names for it. */
  const change = <S extends WorkOrderStep>(
    step: S,
    access: Access,
    run: (c: C, id: string, input: WorkOrderStepInput<S>) => Promise<unknown>,
  ) => changeOrder(step, access, WORK_ORDER_STEP_INPUTS[step], run as never);
  // Any staff member may ask; the domain lets only the work order's engineer take an engineer's step,
  // and the approver the rule names decide an approval.
  const staff = { staff: true } as const;
  change("dispatch", { staff: "workorder.dispatch" }, dispatchWorkOrder);
  change("cancel", { staff: "workorder.dispatch" }, cancelWorkOrder);
  change("respond", staff, respondToWorkOrder);
  change("depart", staff, departForSite);
  change("arrive", staff, (c, id) => arriveOnSite(c, id));
  change("delay", staff, notifyDelay);
  change("checklist", staff, tickChecklistItem);
  change("no-show", { staff: "workorder.dispatch" }, recordNoShow);
  change("report", staff, saveServiceReport);
  change("plan-part", staff, planPart);
  change("use-part", staff, recordPartUse);
  change("sign", staff, signWorkOrder);
  change("complete", staff, completeWorkOrder);
  change("take-back", staff, takeBackProduct);
  change("return", staff, (c, id) => returnFromSite(c, id));
  change("submit-report", staff, (c, id) => submitServiceReport(c, id));
  change("review-report", { staff: "workorder.dispatch" }, reviewServiceReport);
  change("technical-outcome", staff, recordTechnicalOutcome);
  change("settle", { staff: "finance.confirm" }, confirmSettlement);
  change("approval", staff, decideApproval);

  r.post(
    "/api/recalls/preview",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, body: recallCriteria, response: { 200: recallPreviewDto } },
    },
    async (request) => previewRecall(ctx(request), request.body),
  );
  r.post(
    "/api/recalls",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, body: recallInput, response: { 201: recallDto } },
    },
    async (request, reply) => {
      const campaign = await launchRecall(ctx(request), request.body);
      return reply.status(201).send({ ...campaign, createdAt: campaign.createdAt.toISOString() });
    },
  );
  r.get(
    "/api/recalls",
    {
      config: { access: { staff: "ticket.view" } },
      schema: {
        tags,
        response: { 200: z.array(recallDto.extend({ units: z.number(), completed: z.number() })) },
      },
    },
    async (request) => listRecalls(ctx(request)),
  );
  r.get(
    "/api/recalls/:id",
    {
      config: { access: { staff: "ticket.view" } },
      schema: {
        tags,
        params: idParam,
        response: {
          200: recallDto.extend({ units: z.array(workOrderDto.extend({ customer: z.string() })) }),
        },
      },
    },
    async (request) => getRecall(ctx(request), request.params.id),
  );

  r.get(
    "/api/tools",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags, querystring: toolListQuery, response: { 200: z.array(toolDto) } },
    },
    async (request) => listTools(ctx(request), request.query),
  );
  r.post(
    "/api/tools",
    {
      config: { access: { staff: "stock.manage" } },
      schema: { tags, body: toolInput, response: { 201: z.object({ id: z.string() }) } },
    },
    async (request, reply) => reply.status(201).send(await addTool(ctx(request), request.body)),
  );
  const toolChange = <B extends z.ZodType>(
    path: string,
    access: Access,
    body: B,
    run: (c: ReturnType<typeof ctx>, id: string, input: z.input<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/tools/:id/${path}`,
      { config: { access }, schema: { tags, params: idParam, body, response: { 204: z.null() } } },
      async (request, reply) => {
        await run(ctx(request), request.params.id, request.body as z.input<B>);
        return reply.status(204).send(null);
      },
    );
  toolChange("check", staff, checkInput, recordToolCheck);
  toolChange("lend", staff, lendInput, lendTool);
  toolChange("return", staff, noBody, (c, id) => returnTool(c, id));

  const ruleDto = z.object({
    id: z.string(),
    kind: z.enum(WORK_ORDER_KINDS).nullable(),
    minEstimateFen: z.number().nullable(),
    approverRole: z.string(),
  });
  r.get(
    "/api/dispatch-approval-rules",
    { config: { access: { staff: "ticket.view" } }, schema: { tags, response: { 200: z.array(ruleDto) } } },
    async (request) => listApprovalRules(ctx(request)),
  );
  r.post(
    "/api/dispatch-approval-rules",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, body: approvalRuleInput, response: { 201: ruleDto } },
    },
    async (request, reply) => reply.status(201).send(await addApprovalRule(ctx(request), request.body)),
  );
  r.delete(
    "/api/dispatch-approval-rules/:id",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: idParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteApprovalRule(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const kindParam = z.object({ kind: z.enum(WORK_ORDER_KINDS) });
  r.get(
    "/api/work-order-kinds",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, response: { 200: z.array(kindSettingsDto) } },
    },
    async (request) => listKindSettings(ctx(request)),
  );
  r.put(
    "/api/work-order-kinds/:kind",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: kindParam, body: kindSettingsInput, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await saveKindSettings(ctx(request), request.params.kind, request.body);
      return reply.status(204).send(null);
    },
  );
  r.delete(
    "/api/work-order-kinds/:kind",
    {
      config: { access: { staff: "settings.manage" } },
      schema: { tags, params: kindParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await resetKindSettings(ctx(request), request.params.kind);
      return reply.status(204).send(null);
    },
  );

  const receipt = { 200: repairReturnDto.extend({ organization: z.string() }) };
  r.get(
    "/api/repair-returns",
    {
      config: { access: { staff: "workorder.dispatch" } },
      schema: { tags, querystring: registerQuery, response: { 200: paged(repairReturnDto) } },
    },
    async (request) => repairReturnRegister(ctx(request), request.query),
  );
  r.get(
    "/api/repair-returns/:id",
    { config: { access: { staff: true } }, schema: { tags, params: idParam, response: receipt } },
    async (request) => getRepairReturn(ctx(request), request.params.id),
  );
  const returnChange = changesOf("/api/repair-returns", receipt[200], getRepairReturn);
  returnChange("repaired", staff, repairedInput, markRepaired);
  returnChange("give-back", staff, giveBackInput, giveBackProduct);

  r.post(
    "/api/work-orders/:id/photos",
    {
      config: { access: { staff: true } },
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
