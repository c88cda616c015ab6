import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client";
import { ticketEvents } from "../../db/schema";
import type { Ctx } from "../../lib/context";
import { type LiveEvent, notifyOf } from "../../lib/events";
import { documentTokens, tokensToVector } from "../../lib/search-tokens";

export type TimelineEntry = {
  kind: string;
  body?: string | null;
  data?: Record<string, unknown>;
  /** Shown to the customer in the portal. */
  isPublic?: boolean;
};

/** Appends to the ticket's timeline (客户服务登记表) and announces the change live on commit. */
export async function addTimelineEntry(
  tx: Executor,
  ctx: Ctx,
  ticket: { id: string; customerId: string | null },
  entry: TimelineEntry,
  announce: LiveEvent["type"] = "ticket.updated",
): Promise<number> {
  const { actor } = ctx;
  const insert = tx
    .insert(ticketEvents)
    .values({
      orgId: actor.orgId,
      ticketId: ticket.id,
      kind: entry.kind,
      actorType: actor.type,
      actorId: actor.type === "user" ? actor.userId : actor.type === "customer" ? actor.contactId : null,
      actorName: actor.name,
      body: entry.body ?? null,
      data: entry.data ?? {},
      isPublic: entry.isPublic ?? false,
    })
    .returning({ id: ticketEvents.id });
  const announcement = notifyOf({
    orgId: actor.orgId,
    type: announce,
    ticketId: ticket.id,
    customerId: ticket.customerId,
  });
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`WITH e AS ${insert} SELECT e.id, ${announcement} FROM e`,
  );
  if (entry.body) {
    const tokens = documentTokens(entry.body);
    await tx.execute(
      sql`UPDATE tickets SET search_vector = coalesce(search_vector, ''::tsvector) || ${tokensToVector(tokens)}::tsvector WHERE org_id = ${actor.orgId} AND id = ${ticket.id}`,
    );
  }
  return Number(row.id);
}
