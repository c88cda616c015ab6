import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type ErrorEnvelope, errorMessage } from "../../common/errors";
import { AppError } from "../lib/errors";
import { requestLocale } from "./locale";

/** One error envelope for the whole API; 5xx details stay in the server log. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = requestLocale(request);
    const send = (status: number, body: ErrorEnvelope) => reply.status(status).send(body);
    if (error instanceof AppError) {
      return send(error.status, {
        error: {
          code: error.code,
          message: errorMessage(error.code, locale, error.params),
          details: error.details,
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: v.instancePath || "/", message: v.message }));
      const detail = details.map((d) => `${d.path} ${d.message}`).join("; ");
      return send(422, {
        error: {
          code: "VALIDATION_FAILED",
          message: errorMessage("VALIDATION_FAILED", locale, { detail }),
          details,
        },
      });
    }
    if (error.statusCode === 429) {
      return send(429, { error: { code: "RATE_LIMITED", message: errorMessage("RATE_LIMITED", locale) } });
    }
    if (error.statusCode && error.statusCode < 500) {
      return send(error.statusCode, {
        error: {
          code: "VALIDATION_FAILED",
          message: errorMessage("VALIDATION_FAILED", locale, { detail: error.message }),
        },
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return send(500, {
      error: { code: "INTERNAL", message: errorMessage("INTERNAL", locale, { ref: request.id }) },
    });
  });
}
