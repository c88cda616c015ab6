import type { FastifyReply, FastifyRequest } from "fastify";
import type { Capability } from "../../common/capabilities";
import { LOCALES, type Locale } from "../../common/enums";
import type { Db } from "../db/client";
import type { Ctx, CustomerActor, StaffActor } from "./context";
import { AppError } from "./errors";

// From a request to the domain: the context a route hands its domain function, and the session's
// cookies. Routes import this, not the auth plugin (which reads sessions through the identity module).

/**
 * A route's callers: "public" (no session: sign-in, health, a survey link), or staff — any of them
 * (`true`, the domain function decides on the record) or those holding a capability — and/or portal
 * customers. Checked by the auth plugin for every request before its body is read; domain functions keep their own
 * checks for the other ways they are called (jobs, tests). The authorization matrix test reads it.
 */
export type Access = "public" | { staff?: Capability | true; portal?: true };

export const SESSION_COOKIE = "kefu_session";
export const CSRF_COOKIE = "kefu_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function setSessionCookies(
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: Date },
  secure: boolean,
  path = "/",
) {
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

/** The caller's language: the console's explicit header, else Accept-Language, else zh-CN. */
export function requestLocale(request: FastifyRequest): Locale {
  const explicit = request.headers["x-kefu-locale"];
  if (typeof explicit === "string" && (LOCALES as readonly string[]).includes(explicit))
    return explicit as Locale;
  const accept = (request.headers["accept-language"] ?? "").toLowerCase();
  if (/zh-(tw|hk|hant)/.test(accept)) return "zh-TW";
  if (accept.startsWith("en")) return "en-US";
  return "zh-CN";
}
