import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { codeRequestInput, portalSignInInput } from "../../../common/schemas/portal";
import { portalSurveyDto } from "../../../common/schemas/surveys";
import { customerCtx, type Services, setSessionCookies } from "../../lib/request-context";
import { myInstalledBase } from "./installed-base";
import { requestPortalCode, signInWithCode } from "./portal-sign-in";
import { myOpenSurveys } from "./surveys";

export async function portalRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["portal"];
  r.post(
    "/api/portal/code",
    { config: { access: "public" }, schema: { tags, body: codeRequestInput, response: { 204: z.null() } } },
    async (request, reply) => {
      await requestPortalCode(services.db, request.body, request.ip);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/portal/sign-in",
    {
      config: { access: "public" },
      schema: {
        tags,
        body: portalSignInInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const session = await signInWithCode(services.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      setSessionCookies(reply, session, services.secureCookies);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/portal/installed-base",
    {
      config: { access: { portal: true } },
      schema: {
        tags,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              product: z.string(),
              model: z.string().nullable(),
              serialNo: z.string().nullable(),
              deliveredOn: z.string().nullable(),
              warrantyEndsOn: z.string().nullable(),
              inWarranty: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => myInstalledBase(customerCtx(services, request)),
  );
  r.get(
    "/api/portal/surveys",
    {
      config: { access: { portal: true } },
      schema: {
        tags,
        response: {
          200: z.array(portalSurveyDto),
        },
      },
    },
    async (request) => myOpenSurveys(customerCtx(services, request)),
  );
}
