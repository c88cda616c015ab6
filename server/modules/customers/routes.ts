import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  consentInput,
  contactDto,
  contactInput,
  customer360,
  customerConsentsDto,
  customerDto,
  customerListQuery,
  customerPage,
  customerUpdate,
  duplicateDto,
  mergeInput,
  newCustomerRecordInput,
  purchaseDto,
  purchaseInput,
  unmaskedCustomer,
} from "../../../common/schemas/customers";
import { idParam } from "../../../common/schemas/fields";
import { invalidField } from "../../lib/errors";
import { sendXlsx } from "../../lib/present";
import { type Services, staffCtx } from "../../lib/request-context";
import { listConsents, recordConsent } from "./consents";
import { addContact, addPurchase } from "./contacts-and-purchases";
import { exportCustomers, importCustomers } from "./import-export";
import { findDuplicates, mergeCustomers } from "./merge-customers";
import { getCustomer360, listCustomers, lookupCustomers, unmaskCustomer } from "./queries";
import { createCustomer, updateCustomer } from "./save-customer";

export async function customerRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["customers"];
  r.get(
    "/api/customers",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, querystring: customerListQuery, response: { 200: customerPage } },
    },
    async (request) => listCustomers(staffCtx(services, request), request.query),
  );
  r.get(
    "/api/customers/lookup",
    {
      config: { access: { staff: "customer.view" } },
      schema: {
        tags,
        querystring: z.object({ q: z.string().max(100).default("") }),
        response: { 200: z.array(customerDto) },
      },
    },
    async (request) => lookupCustomers(staffCtx(services, request), request.query.q),
  );
  r.get(
    "/api/customers/export",
    { config: { access: { staff: true } }, schema: { tags } },
    async (request, reply) =>
      sendXlsx(reply, "客户档案.xlsx", await exportCustomers(staffCtx(services, request))),
  );
  r.get(
    "/api/customers/import-template",
    { config: { access: { staff: true } }, schema: { tags } },
    async (request, reply) =>
      sendXlsx(
        reply,
        "客户导入模板.xlsx",
        await exportCustomers(staffCtx(services, request), { template: true }),
      ),
  );
  r.post(
    "/api/customers/import",
    { config: { access: { staff: "customer.import" } }, schema: { tags, consumes: ["multipart/form-data"] } },
    async (request) => {
      const ctx = staffCtx(services, request);
      const file = await request.file();
      if (!file) throw invalidField("file", "required");
      return importCustomers(ctx, await file.toBuffer());
    },
  );
  r.get(
    "/api/customers/:id/consents",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, params: idParam, response: { 200: customerConsentsDto } },
    },
    async (request) => listConsents(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/customers/:id/consents",
    {
      config: { access: { staff: "customer.edit" } },
      schema: { tags, params: idParam, body: consentInput, response: { 200: customerConsentsDto } },
    },
    async (request) => recordConsent(staffCtx(services, request), request.params.id, request.body),
  );
  r.get(
    "/api/customers/:id/duplicates",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, params: idParam, response: { 200: z.array(duplicateDto) } },
    },
    async (request) => findDuplicates(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/customers/:id/merge",
    {
      config: { access: { staff: "customer.merge" } },
      schema: {
        tags,
        params: idParam,
        body: mergeInput,
        response: { 200: z.object({ targetId: z.string(), moved: z.record(z.string(), z.number()) }) },
      },
    },
    async (request) =>
      mergeCustomers(staffCtx(services, request), {
        sourceId: request.body.sourceId,
        targetId: request.params.id,
      }),
  );
  r.get(
    "/api/customers/:id",
    {
      config: { access: { staff: "customer.view" } },
      schema: { tags, params: idParam, response: { 200: customer360 } },
    },
    async (request) => getCustomer360(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/customers",
    {
      config: { access: { staff: "customer.edit" }, idempotent: true },
      schema: {
        tags,
        body: newCustomerRecordInput,
        response: { 201: z.object({ customerId: z.string(), contactId: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomer(staffCtx(services, request), request.body)),
  );
  r.patch(
    "/api/customers/:id",
    {
      config: { access: { staff: "customer.edit" } },
      schema: { tags, params: idParam, body: customerUpdate, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await updateCustomer(staffCtx(services, request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/customers/:id/unmask",
    {
      config: { access: { staff: "customer.pii.view" } },
      schema: { tags, params: idParam, response: { 200: unmaskedCustomer } },
    },
    async (request) => unmaskCustomer(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/customers/:id/contacts",
    {
      config: { access: { staff: "customer.edit" } },
      schema: { tags, params: idParam, body: contactInput, response: { 201: contactDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await addContact(staffCtx(services, request), request.params.id, request.body)),
  );
  r.post(
    "/api/customers/:id/purchases",
    {
      config: { access: { staff: "customer.edit" } },
      schema: { tags, params: idParam, body: purchaseInput, response: { 201: purchaseDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await addPurchase(staffCtx(services, request), request.params.id, request.body)),
  );
}
