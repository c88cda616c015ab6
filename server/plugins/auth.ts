import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client";
import { type Actor, requireCapability } from "../lib/context";
import { AppError } from "../lib/errors";
import { type Access, CSRF_HEADER, SESSION_COOKIE } from "../lib/request-context";
import { resolveApiToken, resolveSession } from "../modules/identity/sessions";

declare module "fastify" {
  interface FastifyInstance {
    /** Every /api route with its declared access: the authorization matrix test walks it. */
    routeAccess: { method: string; url: string; access: Access; websocket: boolean }[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    mustChangePassword: boolean;
  }
  interface FastifyContextConfig {
    /** Who may call the route: every /api route declares it (registerAuth refuses one that does not). */
    access?: Access;
    /** Reachable while a first-time password change is still pending. */
    beforePasswordChange?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses an actor the route's declared access does not admit (403 naming what is needed). */
export function checkAccess(actor: Actor, access: Exclude<Access, "public">) {
  if (actor.type === "customer") {
    if (access.portal) return;
    throw new AppError("FORBIDDEN", 403, {
      capability: typeof access.staff === "string" ? access.staff : "staff",
    });
  }
  if (actor.type !== "user" || !access.staff) throw new AppError("FORBIDDEN", 403, { capability: "portal" });
  if (access.staff !== true) requireCapability(actor, access.staff);
}

const isApiRoute = (url: string) => url.startsWith("/api/") && !url.startsWith("/api/docs");

/**
 * Resolves the caller from the session cookie or a Bearer API token. Cookie sessions must echo the
 * CSRF token in a header on every unsafe request (double submit against the database copy).
 */
export function registerAuth(app: FastifyInstance, db: Db, options: { publicApiDocs: boolean }) {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("mustChangePassword", false);
  const routeAccess: FastifyInstance["routeAccess"] = [];
  app.decorate("routeAccess", routeAccess);
  app.addHook("onRoute", (route) => {
    if (!isApiRoute(route.url)) return;
    const access = route.config?.access;
    if (!access)
      throw new Error(`${route.method} ${route.url} declares no access (config.access, plugins/auth.ts)`);
    for (const method of [route.method].flat())
      if (method !== "HEAD")
        routeAccess.push({ method, url: route.url, access, websocket: !!route.websocket });
  });
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    // The API documentation is for signed-in staff, unless the operator made it public.
    const docs = request.url.startsWith("/api/docs");
    if (docs && options.publicApiDocs) return;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const actor = await resolveApiToken(db, bearer);
      if (actor?.apiTokenReadOnly && !SAFE_METHODS.has(request.method))
        throw new AppError("API_TOKEN_READ_ONLY", 403);
      request.actor = actor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await resolveSession(db, token) : null;
      if (session) {
        if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
          throw new AppError("CSRF_TOKEN_INVALID", 403);
        }
        request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.mustChangePassword = session.mustChangePassword;
      }
    }
    const config = request.routeOptions.config;
    if (config?.access === "public") return;
    if (docs && request.actor?.type !== "user") throw new AppError("UNAUTHENTICATED", 401);
    if (!request.actor) throw new AppError("UNAUTHENTICATED", 401);
    if (request.mustChangePassword && !config?.beforePasswordChange)
      throw new AppError("PASSWORD_CHANGE_REQUIRED", 403);
    // A path no route matches has no declaration: it answers 404 as before.
    if (config?.access) checkAccess(request.actor, config.access);
  });
}
