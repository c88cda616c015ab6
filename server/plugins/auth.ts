import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Capability } from "../../common/capabilities";
import type { Db } from "../db/client";
import { type Actor, type Ctx, type CustomerActor, requireCapability, type StaffActor } from "../lib/context";
import { AppError } from "../lib/errors";
import { type NewSession, resolveApiToken, resolveSession } from "../modules/identity/sessions";

export const SESSION_COOKIE = "kefu_session";
export const CSRF_COOKIE = "kefu_csrf";
export const CSRF_HEADER = "x-csrf-token";

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

/**
 * A route's callers: "public" (no session: sign-in, health, a survey link), or staff — any of them
 * (`true`, the domain function decides on the record) or those holding a capability — and/or portal
 * customers. Checked here for every request before its body is read; domain functions keep their own
 * checks for the other ways they are called (jobs, tests). The authorization matrix test reads it.
 */
export type Access = "public" | { staff?: Capability | true; portal?: true };

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

export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean, path = "/") {
  const common = { path, sameSite: "lax" as const, secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

export type Services = { db: Db; filesDir: string; secureCookies: boolean; attachmentMaxBytes: number };

/** The domain context of a signed-in request. */
export function ctxOf(services: Services, request: FastifyRequest): Ctx {
  if (!request.actor) throw new AppError("UNAUTHENTICATED", 401);
  return { db: services.db, actor: request.actor, ip: request.ip, filesDir: services.filesDir };
}

/** A staff request (its route's access checked who may come); the narrowed context is what routes pass on. */
export function staffCtx(services: Services, request: FastifyRequest): Ctx & { actor: StaffActor } {
  const ctx = ctxOf(services, request);
  const actor = ctx.actor;
  if (actor.type !== "user") throw new AppError("FORBIDDEN", 403, { capability: "staff" });
  return { ...ctx, actor };
}

export function customerCtx(services: Services, request: FastifyRequest): Ctx & { actor: CustomerActor } {
  const ctx = ctxOf(services, request);
  const actor = ctx.actor;
  if (actor.type !== "customer") throw new AppError("FORBIDDEN", 403, { capability: "portal" });
  return { ...ctx, actor };
}
