import type { ErrorCode, MessageParam } from "../../common/errors";
import { describeIssues, type FieldIssue, type FieldProblem } from "../../common/validation";

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
/** 422 (409 for a duplicate) for one field a domain rule rejects, named in the caller's language like the schema's own checks. */
export function invalidField(field: string, problem: FieldProblem = "invalid", limit?: number) {
  const issue: FieldIssue = { path: `/${field}`, problem, limit };
  const status = problem === "duplicate" ? 409 : 422;
  return new AppError("VALIDATION_FAILED", status, { detail: describeIssues([issue]) }, [issue]);
}
export const conflict = (code: ErrorCode, params: Record<string, MessageParam> = {}) =>
  new AppError(code, 409, params);
