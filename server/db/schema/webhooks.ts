import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { WEBHOOK_FAILURES } from "../../../common/schemas/webhooks";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, updatedAt } from "./columns";
import { users } from "./identity";

/** Where an organisation's domain events are sent (M13), signed the Standard Webhooks way. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    /** The event types sent (common/events.ts). */
    events: text("events").array().notNull(),
    /** The signing secret, sealed (lib/secrets.ts); shown once when made. */
    secretSealed: text("secret_sealed").notNull(),
    active: boolean("active").notNull().default(true),
    /** Every delivery has failed since then; after a day the endpoint is switched off. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    /** Switched off by the system for failing (null: on, or off by an administrator). */
    disabledForFailingAt: timestamp("disabled_for_failing_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [orgPrimaryKey(t), ...orgReferences(t, { createdBy: users })],
);

/** One event sent to one endpoint: its attempts, the last answer, what comes next. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    orgId: orgId(),
    endpointId: uuid("endpoint_id").notNull(),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    eventType: text("event_type").notNull(),
    /** The JSON body, as sent every time (a receiver may compare). */
    body: jsonb("body").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: integer("response_status"),
    durationMs: integer("duration_ms"),
    /** The start of the receiver's answer, or the system's words when the connection failed. */
    responseExcerpt: text("response_excerpt"),
    /** Why no answer came (WEBHOOK_FAILURES); null when the receiver answered. */
    failure: text("failure", { enum: WEBHOOK_FAILURES }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { endpointId: webhookEndpoints }),
    index("webhook_deliveries_endpoint").on(t.orgId, t.endpointId, t.createdAt),
  ],
);
