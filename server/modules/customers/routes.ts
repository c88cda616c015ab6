import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Services, staffCtx } from "../../plugins/auth";
import { addContact, addPurchase, contactInput, purchaseInput } from "./contacts-and-purchases";
import { customerListQuery, getCustomer360, listCustomers, lookupByPhone, unmaskCustomer } from "./queries";
import { createCustomer, customerInput, updateCustomer } from "./save-customer";

const idParam = z.object({ id: z.uuid() });

export async function customerRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["customers"];
  r.get("/api/customers", { schema: { tags, querystring: customerListQuery } }, async (request) =>
    listCustomers(staffCtx(services, request), request.query),
  );
  r.get(
    "/api/customers/lookup",
    { schema: { tags, querystring: z.object({ phone: z.string().max(30) }) } },
    async (request) => lookupByPhone(staffCtx(services, request), request.query.phone),
  );
  r.get("/api/customers/:id", { schema: { tags, params: idParam } }, async (request) =>
    getCustomer360(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/customers",
    { schema: { tags, body: customerInput.extend({ contactName: z.string().trim().max(50).nullish() }) } },
    async (request, reply) =>
      reply.status(201).send(await createCustomer(staffCtx(services, request), request.body)),
  );
  r.patch(
    "/api/customers/:id",
    { schema: { tags, params: idParam, body: customerInput.partial() } },
    async (request, reply) => {
      await updateCustomer(staffCtx(services, request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
  r.post("/api/customers/:id/unmask", { schema: { tags, params: idParam } }, async (request) =>
    unmaskCustomer(staffCtx(services, request), request.params.id),
  );
  r.post(
    "/api/customers/:id/contacts",
    { schema: { tags, params: idParam, body: contactInput } },
    async (request, reply) =>
      reply.status(201).send(await addContact(staffCtx(services, request), request.params.id, request.body)),
  );
  r.post(
    "/api/customers/:id/purchases",
    { schema: { tags, params: idParam, body: purchaseInput } },
    async (request, reply) =>
      reply.status(201).send(await addPurchase(staffCtx(services, request), request.params.id, request.body)),
  );
}
