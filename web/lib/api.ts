import type { ErrorEnvelope } from "../../common/errors";
import i18n from "../i18n";

/** The server could not be reached at all (offline, refused, cut off): the only "network" failure. */
export class NetworkError extends Error {}

/** An API failure with the server's stable code and its already translated message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Structured specifics, e.g. the row-by-row report of a refused import. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function csrfToken(): string {
  return document.cookie.match(/(?:^|; )kefu_csrf=([^;]+)/)?.[1] ?? "";
}

/**
 * A key for one creation (a form's submit), sent as Idempotency-Key: a retry after a cut connection
 * gets the first answer instead of making the record twice. (getRandomValues works on plain HTTP too.)
 */
export const newRequestKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/** The one way the console talks to the server: JSON in and out, CSRF header, error envelope. */
export async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<T> {
  const isForm = body instanceof FormData;
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: {
      ...(body !== undefined && !isForm ? { "content-type": "application/json" } : {}),
      ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}),
      "x-csrf-token": csrfToken(),
      "x-kefu-locale": i18n.language,
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as ErrorEnvelope | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "INTERNAL",
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>("GET", url);
export const post = <T>(url: string, body?: unknown, options?: { idempotencyKey?: string }) =>
  api<T>("POST", url, body ?? {}, options);

/** Query strings without empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
