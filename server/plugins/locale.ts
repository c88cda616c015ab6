import type { FastifyRequest } from "fastify";
import { LOCALES, type Locale } from "../../common/enums";

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
