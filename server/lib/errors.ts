import type { ErrorCode, MessageParam } from "../../common/errors";

/** A failure the caller can act on: a stable code, an HTTP status and message parameters. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, MessageParam> = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
}

export const notFound = (code: ErrorCode = "NOT_FOUND") => new AppError(code, 404);
export const invalid = (code: ErrorCode, params: Record<string, MessageParam> = {}, details?: unknown) =>
  new AppError(code, 422, params, details);
export const conflict = (code: ErrorCode, params: Record<string, MessageParam> = {}) =>
  new AppError(code, 409, params);
