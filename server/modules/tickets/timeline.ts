import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { ticketEvents } from "../../db/schema";
import type { Ctx } from "../../lib/context";
import { type LiveEvent, publish } from "../../lib/events";
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
  const [row] = await tx
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
  if (entry.body) {
    const tokens = documentTokens(entry.body);
    await tx.execute(
      sql`UPDATE tickets SET search_vector = coalesce(search_vector, ''::tsvector) || ${tokensToVector(tokens)}::tsvector WHERE org_id = ${actor.orgId} AND id = ${ticket.id}`,
    );
  }
  await publish(tx, {
    orgId: actor.orgId,
    type: announce,
    ticketId: ticket.id,
    customerId: ticket.customerId,
  });
  return row.id;
}
