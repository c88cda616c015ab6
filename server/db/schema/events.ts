import { bigserial, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, orgId, orgPrimaryKey } from "./columns";

/**
 * Domain events (DESIGN, "Events, layers and channels"), recorded in the transaction of the change
 * they describe: the trail webhooks and automations read. The payload holds ids and decision facts,
 * never personal data; the kinds and their payloads are listed in common/events.ts.
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: bigserial("id", { mode: "number" }),
    orgId: orgId(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    /** Who caused it: a user, a portal customer, or the system (null). */
    actorType: text("actor_type", { enum: ["user", "customer", "system"] }).notNull(),
    actorId: uuid("actor_id"),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t)],
);
