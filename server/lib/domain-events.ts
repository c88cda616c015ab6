import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import { DOMAIN_EVENTS, type DomainEventPayload, type DomainEventType } from "../../common/events";
import type { Executor } from "../db/client";
import { domainEvents, type tickets } from "../db/schema";
import type { Ctx } from "./context";

type TicketRow = typeof tickets.$inferSelect;

/**
 * What a listener gets beside the recorded payload: the records as they are now inside the
 * transaction, so that it need not read again what the change just wrote. Never recorded.
 */
export type EventSubjects = {
  "ticket.created": { ticket: TicketRow };
  /** `text`: the reason, resolution or what the customer said at the callback (personal: never recorded). */
  "ticket.status_changed": { before: TicketRow; ticket: TicketRow; text: string | null };
  "ticket.assigned": { before: TicketRow; ticket: TicketRow };
  "ticket.reclassified": { before: TicketRow; ticket: TicketRow };
  "ticket.replied": { before: TicketRow; ticket: TicketRow };
};
type SubjectOf<T extends DomainEventType> = T extends keyof EventSubjects ? EventSubjects[T] : object;

export type DomainEvent<T extends DomainEventType> = { id: number; type: T; payload: DomainEventPayload<T> };
export type Listener<T extends DomainEventType> = (
  tx: Executor,
  ctx: Ctx,
  event: DomainEvent<T> & SubjectOf<T>,
) => Promise<unknown>;

/** A listener of one event type, as a module exports it for the wiring (server/wiring.ts). */
export type Subscription = { type: DomainEventType; listener: Listener<never> };
export const on = <T extends DomainEventType>(type: T, listener: Listener<T>): Subscription => ({
  type,
  listener: listener as Listener<never>,
});

let registry: Map<DomainEventType, Listener<never>[]> | null = null;

/**
 * Sets the listeners, in order (a listener that refuses the change — and so rolls it back — comes
 * before those that act on it). Called once by the wiring; calling it again replaces them.
 */
export function setListeners(subscriptions: Subscription[]) {
  registry = new Map();
  for (const { type, listener } of subscriptions)
    registry.set(type, [...(registry.get(type) ?? []), listener]);
}

/** A listener that emits again: deeper than this is a loop (a rule that triggers itself), refused. */
export const MAX_EVENT_DEPTH = 8;
const depth = new AsyncLocalStorage<number>();

/**
 * Records the event in the caller's transaction and runs its listeners inside it: what they do
 * commits or rolls back with the change. Slow or external work (webhooks, mail) must be enqueued
 * as a job by its listener, not done here.
 */
export async function emit<T extends DomainEventType>(
  tx: Executor,
  ctx: Ctx,
  type: T,
  payload: DomainEventPayload<T>,
  ...subject: keyof SubjectOf<T> extends never ? [] : [SubjectOf<T>]
): Promise<void> {
  if (!registry) throw new Error("domain event listeners are not wired (server/wiring.ts: wireModules)");
  const level = (depth.getStore() ?? 0) + 1;
  if (level > MAX_EVENT_DEPTH)
    throw new Error(`domain events nested deeper than ${MAX_EVENT_DEPTH}: ${type}`);
  const actor = ctx.actor;
  const [row] = await tx
    .insert(domainEvents)
    .values({
      orgId: actor.orgId,
      type,
      payload: DOMAIN_EVENTS[type].parse(payload),
      actorType: actor.type,
      actorId: actor.type === "user" ? actor.userId : actor.type === "customer" ? actor.customerId : null,
    })
    .returning({ id: domainEvents.id });
  const event = { id: row.id, type, payload, ...subject[0] } as DomainEvent<T> & SubjectOf<T>;
  for (const listener of registry.get(type) ?? []) {
    await depth.run(level, () => (listener as Listener<T>)(tx, ctx, event));
  }
}

/**
 * How long domain events are kept: long enough for a receiver to be resent a day's or a month's
 * events after an outage, not a second audit log (which keeps what was done for its own period).
 */
export const EVENTS_KEPT_DAYS = 180;

export async function purgeDomainEvents(db: Executor) {
  await db.execute(
    sql`DELETE FROM domain_events WHERE created_at < now() - make_interval(days => ${EVENTS_KEPT_DAYS})`,
  );
}
