import { TICKET_STATUSES } from "../../../common/enums";
import { type TagsInput, TICKET_TAG_LIMITS, tagsInput } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { invalidField } from "../../lib/errors";
import { loadTicket, updateTicketFrom } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

const distinct = (tags: string[]) => [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];

/**
 * A ticket's labels become `next(current)`: on the timeline (added, removed) and audited; nothing is
 * written when they stay the same. Its holder, first responder or a supervisor tags it, in any status.
 */
async function retag(tx: Executor, ctx: Ctx, ticketId: string, next: (current: string[]) => string[]) {
  const current = await loadTicket(tx, ctx, ticketId);
  requirePart(ctx.actor, current, "follow_up");
  const tags = distinct(next(current.tags));
  if (tags.length > TICKET_TAG_LIMITS.count) throw invalidField("tags", "too_many", TICKET_TAG_LIMITS.count);
  const added = tags.filter((tag) => !current.tags.includes(tag));
  const removed = current.tags.filter((tag) => !tags.includes(tag));
  if (!added.length && !removed.length) return current.tags;
  const { after } = await updateTicketFrom(tx, ctx, ticketId, TICKET_STATUSES, { tags });
  await addTimelineEntry(tx, ctx, after, { kind: "tagged", data: { added, removed } });
  await writeAudit(tx, ctx, {
    action: "ticket.tagged",
    entityType: "ticket",
    entityId: ticketId,
    before: { tags: current.tags },
    after: { tags },
  });
  return after.tags;
}

/** Sets a ticket's tags (staff's labels, e.g. 批量问题, 媒体关注); at most 10 of 30 characters. */
export async function setTicketTags(ctx: Ctx, ticketId: string, raw: TagsInput): Promise<string[]> {
  requireCapability(ctx.actor, "ticket.handle");
  const { tags } = tagsInput.parse(raw);
  return ctx.db.transaction((tx) => retag(tx, ctx, ticketId, () => tags));
}

/** Adds tags, keeping those it has (an automation's action). */
export function addTicketTags(tx: Executor, ctx: Ctx, ticketId: string, tags: string[]) {
  return retag(tx, ctx, ticketId, (current) => [...current, ...tags]);
}
