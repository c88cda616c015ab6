import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { errorMessage } from "../common/errors";
import { type Config, filesDirOf } from "./config";
import type { Database } from "./db/client";
import { invalidField } from "./lib/errors";
import type { Services } from "./lib/request-context";
import { requestLocale } from "./lib/request-context";
import { configureSecrets } from "./lib/secrets";
import { agreementRoutes } from "./modules/agreements/routes";
import { appraisalRoutes } from "./modules/appraisal/routes";
import { auditRoutes } from "./modules/audit/routes";
import { automationRoutes } from "./modules/automations/routes";
import { callbackRoutes } from "./modules/callbacks/routes";
import { complaintRoutes } from "./modules/complaints/routes";
import { customerRoutes } from "./modules/customers/routes";
import { fieldServiceRoutes } from "./modules/field-service/routes";
import { identityRoutes } from "./modules/identity/routes";
import { messagingRoutes } from "./modules/messaging/routes";
import { partRoutes } from "./modules/parts/routes";
import { portalRoutes } from "./modules/portal/routes";
import { qualityRoutes } from "./modules/quality/routes";
import { recordRoutes } from "./modules/records/routes";
import { reportRoutes } from "./modules/reports/routes";
import { slaRoutes } from "./modules/sla/routes";
import { surveyRoutes } from "./modules/surveys/routes";
import { ticketRoutes } from "./modules/tickets/routes";
import { webhookRoutes } from "./modules/webhooks/routes";
import { allowWebhookHosts } from "./modules/webhooks/target";
import { registerAuth } from "./plugins/auth";
import { registerConsole } from "./plugins/console";
import { registerErrorHandler } from "./plugins/errors";
import { registerIdempotency } from "./plugins/idempotency";
import { registerLive } from "./plugins/live";
import { wireModules } from "./wiring";

/** A lone half of a UTF-16 surrogate pair: no character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where text no database can store sits in a request's input ("title", "newCustomer/name"): a NUL
 * character (PostgreSQL text refuses 0x00) or a lone surrogate (not UTF-8), or null.
 */
function unstorableText(value: unknown, path = ""): { path: string; problem: "control" | "encoding" } | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return { path, problem: "control" };
    return LONE_SURROGATE.test(value) ? { path, problem: "encoding" } : null;
  }
  if (!value || typeof value !== "object" || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableText(item, path ? `${path}/${key}` : key);
    if (found) return found;
  }
  return null;
}

export type AppOptions = Pick<Config, "dataDir" | "secureCookies" | "attachmentMaxBytes" | "logLevel"> &
  Partial<Pick<Config, "trustProxy" | "publicApiDocs" | "secretKey" | "webhookAllowHosts">>;

/** Builds the whole server on an open database; main.ts and the tests both start here. */
export async function buildApp(config: AppOptions, database: Database): Promise<FastifyInstance> {
  wireModules();
  configureSecrets({ dataDir: config.dataDir, secretKey: config.secretKey });
  allowWebhookHosts(config.webhookAllowHosts ?? []);
  const app = Fastify({
    logger: { level: config.logLevel },
    // Forwarded addresses only from the configured proxies (KEFU_TRUST_PROXY); none by default.
    trustProxy: config.trustProxy?.length ? config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyHelmet, {
    // The console is the server's own scripts only; antd writes its styles at run time (style
    // attributes and <style> elements), so styles allow inline ones and nothing else does.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    // Only where the server is reached over HTTPS (secure cookies say so); on plain HTTP it would
    // lock browsers out of a LAN address.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000 } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: config.attachmentMaxBytes, files: 10 } });
  await app.register(fastifyWebsocket);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Kefu 客服 API", version: "1", description: "Customer service management system" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "kefu_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  const services: Services = {
    db: database.db,
    filesDir: filesDirOf(config),
    secureCookies: config.secureCookies,
    attachmentMaxBytes: config.attachmentMaxBytes,
  };
  registerErrorHandler(app);
  // Text that cannot be stored is refused up front, naming the field, for every route and in the
  // query and the path as in the body (it used to reach the database and come back as a 500).
  app.addHook("preValidation", async (request) => {
    const found =
      unstorableText(request.body) ?? unstorableText(request.query) ?? unstorableText(request.params);
    if (found) throw invalidField(found.path, found.problem);
  });
  registerAuth(app, database.db, { publicApiDocs: config.publicApiDocs ?? false });
  registerIdempotency(app, database.db);
  await registerLive(app, database);

  // For a load balancer: health = the process answers; ready = it can serve (its database answers and
  // it is not shutting down — from the first moment of a graceful shutdown it says 503 and is drained).
  app.get("/api/health", { config: { access: "public" }, schema: { hide: true } }, async () => ({
    ok: true,
  }));
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.get("/api/ready", { config: { access: "public" }, schema: { hide: true } }, async (_request, reply) => {
    if (closing) return reply.code(503).send({ ok: false, reason: "shutting_down" });
    const answered = await database.db.execute(sql`SELECT 1`).then(
      () => true,
      () => false,
    );
    if (!answered) return reply.code(503).send({ ok: false, reason: "database_unavailable" });
    return { ok: true };
  });
  await app.register(async (api) => {
    await identityRoutes(api, services);
    await customerRoutes(api, services);
    await ticketRoutes(api, services);
    await portalRoutes(api, services);
    await messagingRoutes(api, services);
    await auditRoutes(api, services);
    await slaRoutes(api, services);
    await complaintRoutes(api, services);
    await partRoutes(api, services);
    await fieldServiceRoutes(api, services);
    await agreementRoutes(api, services);
    await surveyRoutes(api, services);
    await callbackRoutes(api, services);
    await appraisalRoutes(api, services);
    await qualityRoutes(api, services);
    await reportRoutes(api, services);
    await recordRoutes(api, services);
    await webhookRoutes(api, services);
    await automationRoutes(api, services);
  });

  const hasConsole = await registerConsole(app);
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the console; a missing file (a stale /assets/x.js) stays a 404.
    const isPageRoute = !request.url.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(request.url.split("?")[0]);
    if (hasConsole && request.method === "GET" && isPageRoute) {
      return reply.sendFile("index.html");
    }
    return reply
      .status(404)
      .send({ error: { code: "NOT_FOUND", message: errorMessage("NOT_FOUND", requestLocale(request)) } });
  });
  return app;
}
