import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DATA_REQUEST_STATUSES, FORM_KINDS, RECORD_TYPES } from "../../../common/enums";
import { paged, pageQuery } from "../../../common/schemas/pagination";
import {
  closeDataRequestInput,
  dataRequest,
  dataRequestInput,
  formSetting,
  formSettingInput,
  legalHold,
  legalHoldInput,
  releaseHoldInput,
  retentionPolicy,
  retentionPolicyInput,
  retentionRun,
  searchIndexStatus as searchIndexStatusSchema,
  standardForm,
} from "../../../common/schemas/records";
import { type Services, staffCtx } from "../../lib/request-context";
import { readUploadedFile } from "../../lib/upload";
import {
  closeDataRequest,
  listCustomerDataRequests,
  listDataRequests,
  receiveDataRequest,
} from "./data-requests";
import { attachFormScan, standardForm as formOf, formPdf, listFormSettings, saveFormSetting } from "./forms";
import { exportPersonalData } from "./personal-data";
import {
  applyRetention,
  listLegalHolds,
  listRetentionPolicies,
  listRetentionRuns,
  placeLegalHold,
  releaseLegalHold,
  saveRetentionPolicy,
} from "./retention";
import { searchIndexStatus } from "./search-reindex";

/** Records and privacy (M14). */
export async function recordRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/customers/:id/personal-data",
    {
      config: { access: { staff: "customer.export" } },
      schema: { tags: ["records"], params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const { name, zip } = await exportPersonalData(staffCtx(services, request), request.params.id);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(zip);
    },
  );

  // Searching while older rows get the current search tokens: the lists say so.
  r.get(
    "/api/search/status",
    {
      config: { access: { staff: "ticket.view" } },
      schema: { tags: ["records"], response: { 200: searchIndexStatusSchema } },
    },
    async () => searchIndexStatus(services.db),
  );

  // Retention (C151, C152): periods and custodians, legal holds, the passes that archived and purged.
  const tags = ["records"];
  const access = { staff: "records.manage" } as const;
  const ctx = (request: Parameters<typeof staffCtx>[1]) => staffCtx(services, request);
  r.get(
    "/api/records/retention",
    { config: { access }, schema: { tags, response: { 200: z.array(retentionPolicy) } } },
    async (request) => listRetentionPolicies(ctx(request)),
  );
  r.put(
    "/api/records/retention/:recordType",
    {
      config: { access },
      schema: { tags, params: z.object({ recordType: z.enum(RECORD_TYPES) }), body: retentionPolicyInput },
    },
    async (request, reply) => {
      await saveRetentionPolicy(ctx(request), request.params.recordType, request.body);
      return reply.code(204).send();
    },
  );
  r.post(
    "/api/records/retention/run",
    { config: { access }, schema: { tags, response: { 200: retentionRun.nullable() } } },
    async (request) => {
      const c = ctx(request);
      return applyRetention(c.db, c.actor.orgId, { filesDir: c.filesDir, ranBy: c });
    },
  );
  r.get(
    "/api/records/retention/runs",
    { config: { access }, schema: { tags, querystring: pageQuery, response: { 200: paged(retentionRun) } } },
    async (request) => listRetentionRuns(ctx(request), request.query),
  );
  r.get(
    "/api/records/holds",
    { config: { access }, schema: { tags, querystring: pageQuery, response: { 200: paged(legalHold) } } },
    async (request) => listLegalHolds(ctx(request), request.query),
  );
  r.post(
    "/api/records/holds",
    { config: { access }, schema: { tags, body: legalHoldInput } },
    async (request, reply) => {
      const hold = await placeLegalHold(ctx(request), request.body);
      return reply.code(201).send({ id: hold.id });
    },
  );
  r.post(
    "/api/records/holds/:id/release",
    { config: { access }, schema: { tags, params: z.object({ id: z.uuid() }), body: releaseHoldInput } },
    async (request, reply) => {
      await releaseLegalHold(ctx(request), request.params.id, request.body.reason);
      return reply.code(204).send();
    },
  );

  // A customer's correction and deletion requests (PIPL 第四十六、四十七条).
  const customerParams = z.object({ id: z.uuid() });
  r.get(
    "/api/customers/:id/data-requests",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, params: customerParams, querystring: pageQuery, response: { 200: paged(dataRequest) } },
    },
    async (request) => listCustomerDataRequests(ctx(request), request.params.id, request.query),
  );
  r.post(
    "/api/customers/:id/data-requests",
    {
      config: { access: { staff: "customer.edit" } },
      schema: { tags, params: customerParams, body: dataRequestInput },
    },
    async (request, reply) => {
      const row = await receiveDataRequest(ctx(request), request.params.id, request.body);
      return reply.code(201).send({ id: row.id });
    },
  );
  r.get(
    "/api/records/data-requests",
    {
      config: { access },
      schema: {
        tags,
        querystring: pageQuery.extend({ status: z.enum(DATA_REQUEST_STATUSES).optional() }),
        response: { 200: paged(dataRequest) },
      },
    },
    async (request) => listDataRequests(ctx(request), request.query),
  );
  r.post(
    "/api/records/data-requests/:id/close",
    {
      // Corrections: whoever edits customers; deletions: records managers (the domain decides by kind).
      config: { access: { staff: true } },
      schema: { tags, params: z.object({ id: z.uuid() }), body: closeDataRequestInput },
    },
    async (request, reply) => {
      await closeDataRequest(ctx(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  // Standard forms (C154): their numbers, versions and boxes; a record as its form, as PDF; signed scans.
  const formKind = z.object({ kind: z.enum(FORM_KINDS) });
  const formParams = formKind.extend({ id: z.uuid() });
  r.get(
    "/api/records/forms",
    { config: { access }, schema: { tags, response: { 200: z.array(formSetting) } } },
    async (request) => listFormSettings(ctx(request)),
  );
  r.put(
    "/api/records/forms/:kind",
    { config: { access }, schema: { tags, params: formKind, body: formSettingInput } },
    async (request, reply) => {
      await saveFormSetting(ctx(request), request.params.kind, request.body);
      return reply.code(204).send();
    },
  );
  // Whoever may read the record may read its form (each record's own query decides).
  r.get(
    "/api/forms/:kind/:id",
    {
      config: { access: { staff: true } },
      schema: { tags, params: formParams, response: { 200: standardForm } },
    },
    async (request) => formOf(ctx(request), request.params.kind, request.params.id),
  );
  r.get(
    "/api/forms/:kind/:id/pdf",
    { config: { access: { staff: true } }, schema: { tags, params: formParams } },
    async (request, reply) => {
      const { name, pdf } = await formPdf(ctx(request), request.params.kind, request.params.id);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(pdf);
    },
  );
  r.post(
    "/api/forms/:kind/:id/scans",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        params: formParams,
        consumes: ["multipart/form-data"],
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const file = await readUploadedFile(request, services.attachmentMaxBytes);
      const row = await attachFormScan(ctx(request), request.params.kind, request.params.id, file);
      return reply.code(201).send({ id: row.id });
    },
  );
}
