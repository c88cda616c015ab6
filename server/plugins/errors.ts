import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { LOCALES, type Locale } from "../../common/enums";
import { type ErrorEnvelope, errorMessage } from "../../common/errors";
import { describeIssues, type FieldIssue, fieldIssueOf } from "../../common/validation";
import { AppError, constraintError } from "../lib/errors";
import { requestLocale } from "../lib/request-context";

/** A request the framework could not read (not JSON, too large, wrong media type): no parser's English. */
const UNREADABLE: Record<string, "BODY_TOO_LARGE" | "MALFORMED_REQUEST"> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "BODY_TOO_LARGE",
};

/** Details as the caller reads them: every text given in each language (an import's cell problems) in theirs. */
function inLocale(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return value.map((item) => inLocale(item, locale));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  if (
    LOCALES.every((l) => typeof (value as Record<string, unknown>)[l] === "string") &&
    entries.length === LOCALES.length
  )
    return (value as Record<Locale, string>)[locale];
  return Object.fromEntries(entries.map(([key, item]) => [key, inLocale(item, locale)]));
}

/** One error envelope for the whole API; 5xx details stay in the server log. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = requestLocale(request);
    const send = (status: number, body: ErrorEnvelope) => reply.status(status).send(body);
    const known = error instanceof AppError ? error : constraintError(error);
    if (known) {
      const retryAfter = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (known.status === 429 && retryAfter) reply.header("retry-after", String(retryAfter));
      return send(known.status, {
        error: {
          code: known.code,
          message: errorMessage(known.code, locale, known.params),
          details: inLocale(known.details, locale),
        },
      });
    }
    // Every rejected field named in the caller's language with what it expects (details keep the paths).
    const invalidFields = (issues: FieldIssue[]) =>
      send(422, {
        error: {
          code: "VALIDATION_FAILED",
          message: errorMessage("VALIDATION_FAILED", locale, { detail: describeIssues(issues) }),
          details: issues,
        },
      });
    if (hasZodFastifySchemaValidationErrors(error)) {
      return invalidFields(
        error.validation.map((v) =>
          fieldIssueOf({ code: v.keyword, message: v.message, ...v.params }, v.instancePath || "/"),
        ),
      );
    }
    if (error instanceof z.ZodError) return invalidFields(error.issues.map((issue) => fieldIssueOf(issue)));
    if (error.statusCode === 429) {
      return send(429, { error: { code: "RATE_LIMITED", message: errorMessage("RATE_LIMITED", locale) } });
    }
    if (error.statusCode && error.statusCode < 500) {
      const code = UNREADABLE[error.code] ?? "MALFORMED_REQUEST";
      return send(error.statusCode, {
        error: { code, message: errorMessage(code, locale), details: { reason: error.code } },
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return send(500, {
      error: { code: "INTERNAL", message: errorMessage("INTERNAL", locale, { ref: request.id }) },
    });
  });
}
