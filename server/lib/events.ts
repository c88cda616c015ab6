import { sql } from "drizzle-orm";
import type { Executor } from "../db/client";

export const EVENTS_CHANNEL = "kefu_events";

/** A change the console should see live. Scoped by org; `userIds` narrows to particular people. */
export type LiveEvent = {
  orgId: string;
  /** sessions.ended is for the servers only: their sockets of those sessions close. */
  type: "ticket.created" | "ticket.updated" | "notification" | "sessions.ended";
  ticketId?: string;
  userIds?: string[];
  /** A notification's kind and words, so the console can alert at once (a desktop notification, a sound). */
  kind?: string;
  params?: Record<string, string>;
  /** Portal customers see events of their own customer only. */
  customerId?: string | null;
  /** The sessions that ended (signed out, password changed, disabled). */
  sessionIds?: string[];
  /** The API tokens that stopped working (revoked, their owner's password changed or account disabled). */
  apiTokenIds?: string[];
};

/**
 * Publishes through NOTIFY inside the caller's transaction: PostgreSQL delivers it only on commit,
 * so a rolled-back change is never announced, and every server listening fans it out.
 */
export async function publish(tx: Executor, event: LiveEvent): Promise<void> {
  await tx.execute(sql`SELECT ${notifyOf(event)}`);
}

/** The NOTIFY of `publish` as an expression, to send it in the statement of a write (one round trip less). */
export const notifyOf = (event: LiveEvent) => sql`pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
