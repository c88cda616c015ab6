import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client";
import { AppError } from "./errors";

/** At most `max` attempts per `windowMinutes` for one subject (an address, an account, a phone number). */
export type RateLimit = { name: string; max: number; windowMinutes: number };

/**
 * The limits of the routes that open sessions. Failed staff sign-ins also lock the account
 * (identity/sessions.ts); these stop one address trying many accounts, and one phone number being
 * sent codes without end.
 */
export const LIMITS = {
  /** Sign-in attempts from one address; a successful one is given back, so an office behind one address signs in. */
  signInPerAddress: { name: "sign-in/address", max: 30, windowMinutes: 15 },
  /** One-time codes sent to one phone number or e-mail address. */
  codesPerDestination: { name: "portal-code/destination", max: 5, windowMinutes: 60 },
  /** One-time codes asked for from one address, whatever the number. */
  codesPerAddress: { name: "portal-code/address", max: 20, windowMinutes: 60 },
  /** Wrong codes for one number, across all the codes it was sent: then no code is accepted for the window. */
  codeGuessesPerDestination: { name: "portal-sign-in/destination", max: 10, windowMinutes: 60 },
  /** Portal sign-in attempts from one address. */
  portalSignInPerAddress: { name: "portal-sign-in/address", max: 30, windowMinutes: 15 },
} satisfies Record<string, RateLimit>;

const keyOf = (limit: RateLimit, subject: string) => `${limit.name}:${subject}`;

/** How many attempts the subject has made in the current window, this one counted. One statement: concurrent attempts each count. */
async function count(db: Executor, limit: RateLimit, subject: string) {
  const now = new Date();
  const windowOpened = new Date(now.getTime() - limit.windowMinutes * 60_000);
  const [row] = await queryRows<{ hits: number; window_start: Date | string }>(
    db,
    sql`INSERT INTO rate_limits (key, window_start, hits) VALUES (${keyOf(limit, subject)}, ${now.toISOString()}::timestamptz, 1)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN rate_limits.window_start <= ${windowOpened.toISOString()}::timestamptz THEN 1 ELSE rate_limits.hits + 1 END,
          window_start = CASE WHEN rate_limits.window_start <= ${windowOpened.toISOString()}::timestamptz
            THEN ${now.toISOString()}::timestamptz ELSE rate_limits.window_start END
        RETURNING hits, window_start`,
  );
  return {
    hits: row.hits,
    resetsAt: new Date(new Date(row.window_start).getTime() + limit.windowMinutes * 60_000),
  };
}

/** Counts an attempt; over the limit it is refused with 429 TOO_MANY_ATTEMPTS. */
export async function takeAttempt(db: Executor, limit: RateLimit, subject: string) {
  const { hits, resetsAt } = await count(db, limit, subject);
  if (hits <= limit.max) return;
  // Refused, saying when to try again (also as Retry-After).
  const retryAfterSeconds = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
  throw new AppError(
    "TOO_MANY_ATTEMPTS",
    429,
    { minutes: String(Math.ceil(retryAfterSeconds / 60)) },
    { retryAfterSeconds },
  );
}

/** Gives an attempt back (it succeeded): only failures use up an address's allowance. */
export async function giveBackAttempt(db: Executor, limit: RateLimit, subject: string) {
  await db.execute(
    sql`UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = ${keyOf(limit, subject)}`,
  );
}

export const RATE_LIMIT_PURGE_MS = 60 * 60_000;

/** Forgets windows that closed a day ago (run by the server's periodic tasks). */
export async function purgeRateLimits(db: Executor) {
  await db.execute(
    sql`DELETE FROM rate_limits WHERE window_start < ${new Date(Date.now() - 86_400_000).toISOString()}::timestamptz`,
  );
}
