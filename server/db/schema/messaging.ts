import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences } from "./columns";
import { users } from "./identity";

/** In-app notifications, pushed live over WebSocket. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    orgId: orgId(),
    userId: uuid("user_id").notNull(),
    /** The console renders the text from the kind and params, in the reader's language. */
    kind: text("kind").notNull(),
    params: jsonb("params").notNull().default(sql`'{}'::jsonb`),
    body: text("body"),
    ticketId: uuid("ticket_id"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { userId: users }),
    index("notifications_user").on(t.orgId, t.userId, t.createdAt),
  ],
);

/** Outbound SMS/email/WeChat; the default driver only records here (SPEC M13). */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: id(),
    orgId: orgId(),
    channel: text("channel", { enum: ["sms", "email", "wechat"] }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    /** The text as sent; a one-time code or a personal link in it stands as SECRET (messaging/outbox.ts). */
    body: text("body").notNull(),
    /** What SECRET stands for, until the driver has taken the message: then forgotten. */
    secret: text("secret"),
    meta: jsonb("meta").notNull().default(sql`'{}'::jsonb`),
    status: text("status", { enum: ["queued", "sent", "failed"] })
      .notNull()
      .default("queued"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), index("outbox_org_time").on(t.orgId, t.createdAt)],
);

/** Portal one-time sign-in codes; only the hash is kept. */
export const portalCodes = pgTable(
  "portal_codes",
  {
    id: id(),
    orgId: orgId(),
    destination: text("destination").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), index("portal_codes_destination").on(t.orgId, t.destination)],
);

/** 报表订阅 (SPEC M12): a weekly or monthly service report emailed to someone who may read reports. */
export const reportSubscriptions = pgTable(
  "report_subscriptions",
  {
    id: id(),
    orgId: orgId(),
    userId: uuid("user_id").notNull(),
    cadence: text("cadence", { enum: ["week", "month"] }).notNull(),
    email: text("email").notNull(),
    /** The last week or month sent: each goes once. */
    lastPeriod: text("last_period"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { userId: users }),
    uniqueIndex("report_subscriptions_user").on(t.orgId, t.userId, t.cadence),
  ],
);
