import { AUDIT_ENTITY_LABELS } from "../../common/audit-labels";
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
/** Refuses a change to a record archived past its retention period (M14, C152): corrections are new records. */
export function assertNotArchived(record: { archivedAt: Date | null }) {
  if (record.archivedAt) throw conflict("RECORD_ARCHIVED");
}

/** PostgreSQL's report of a violated key, wherever the driver or the ORM wrapped it. */
type ConstraintViolation = { code: "23505" | "23503"; detail?: string; table?: string };

function violationIn(error: unknown): ConstraintViolation | null {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (code === "23505" || code === "23503") return e as ConstraintViolation;
  }
  return null;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A unique or foreign-key violation that got past the domain's own checks, as the stable error it
 * stands for instead of a 500: a duplicate (409, naming the field), a record still used elsewhere
 * (409, naming what uses it), or a reference to nothing (422, naming the field). Null for anything else.
 */
export function constraintError(error: unknown): AppError | null {
  const violation = violationIn(error);
  if (!violation) return null;
  const detail = violation.detail ?? "";
  // "Key (org_id, name)=(…) already exists." — the field is the key's last column but the organisation.
  const columns = (detail.match(/^Key \(([^)]*)\)/)?.[1] ?? "").split(",").map((c) => c.trim());
  const field = columns.filter((c) => c && c !== "org_id").at(-1);
  if (violation.code === "23505")
    return field ? invalidField(camel(field), "duplicate") : conflict("DUPLICATE_RECORD");
  const user = detail.match(/still referenced from table "([a-z_]+)"/)?.[1];
  if (user) {
    const record = AUDIT_ENTITY_LABELS[user.replace(/s$/, "")];
    return record ? conflict("RECORD_IN_USE_BY", { record }) : conflict("RECORD_IN_USE");
  }
  return field ? invalidField(camel(field), "reference") : invalid("REFERENCE_INVALID");
}
