import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Priority, ResolutionMode } from "../../../common/enums";
import type { RepairRequest } from "../../../common/schemas/tickets";
import {
  createdAt,
  id,
  orgId,
  orgPrimaryKey,
  orgReferences,
  recordedAt,
  tsvector,
  updatedAt,
} from "./columns";
import { contacts, customers } from "./customers";
import { departments, users } from "./identity";

/** Monthly serial per (prefix, YYYYMM), upserted in the ticket's own transaction: unique and gapless. */
export const ticketCounters = pgTable(
  "ticket_counters",
  {
    orgId: orgId(),
    prefix: text("prefix").notNull(),
    period: text("period").notNull(),
    lastSerial: integer("last_serial").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.prefix, t.period] })],
);

const OPEN_LIST = sql.raw("'new', 'accepted', 'in_progress', 'waiting_customer', 'on_hold'");
/** The open states as SQL, shared by the partial indexes and the queue queries that must match them. */
export const OPEN_TICKET = sql`status IN (${OPEN_LIST})`;

/** Service tickets (服务工单, SPEC M2). */
export const tickets = pgTable(
  "tickets",
  {
    id: id(),
    orgId: orgId(),
    number: text("number").notNull(),
    type: text("type").notNull(),
    channel: text("channel").notNull(),
    priority: text("priority").$type<Priority>().notNull(),
    isGreenChannel: boolean("is_green_channel").notNull().default(false),
    status: text("status").notNull().default("new"),
    title: text("title").notNull(),
    description: text("description").notNull(),
    customerId: uuid("customer_id"),
    contactId: uuid("contact_id"),
    /** 首问负责人: set at creation, never changed. */
    firstResponderId: uuid("first_responder_id"),
    assigneeId: uuid("assignee_id"),
    departmentId: uuid("department_id"),
    identityVerifiedBy: text("identity_verified_by"),
    holdReason: text("hold_reason"),
    resolution: text("resolution"),
    /** 远程 (by phone or remotely) or 上门 (a work order was completed), C065. */
    resolutionMode: text("resolution_mode").$type<ResolutionMode>(),
    promisedAt: timestamp("promised_at", { withTimezone: true }),
    brokenPromises: integer("broken_promises").notNull().default(0),
    reopenCount: integer("reopen_count").notNull().default(0),
    transferCount: integer("transfer_count").notNull().default(0),
    firstHandledAt: timestamp("first_handled_at", { withTimezone: true }),
    /** A solution was first put to the customer: stops the solution clock (C057). */
    solutionOfferedAt: timestamp("solution_offered_at", { withTimezone: true }),
    /** An engineer first checked in on site: stops the on-site clock (SPEC M3, M5). */
    onSiteAt: timestamp("on_site_at", { withTimezone: true }),
    /**
     * 报修 details as the caller gave them (C064): the unit from their installed base or as entered,
     * the site and a preferred time — the first draft of the work order.
     */
    repairRequest: jsonb("repair_request").$type<RepairRequest>(),
    /** Staff's labels (e.g. 批量问题, 媒体关注), set by hand or by an automation; never shown to the customer. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Past its retention period (M14, C152): read-only from then on; purged later where enabled. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    lastCustomerActivityAt: timestamp("last_customer_activity_at", { withTimezone: true }),
    /** When the request reached us (a call logged afterwards, a letter): the service-time clocks start here. */
    /** The service-time policy (时效规则) applied; its clocks are in ticket_sla_clocks. */
    slaPolicyId: uuid("sla_policy_id"),
    receivedAt: recordedAt("received_at"),
    searchVector: tsvector("search_vector"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      customerId: customers,
      contactId: contacts,
      firstResponderId: users,
      assigneeId: users,
      departmentId: departments,
    }),
    uniqueIndex("tickets_org_number").on(t.orgId, t.number),
    index("tickets_org_customer").on(t.orgId, t.customerId),
    // A month's tickets for the KPI scorecard (SPEC M8), with every column it counts: an index-only
    // walk of the month, never the wide rows (BENCHMARKS.md).
    index("tickets_received_kpi").on(
      t.orgId,
      t.receivedAt,
      t.assigneeId,
      t.resolvedAt,
      t.reopenCount,
      t.transferCount,
      t.brokenPromises,
    ),
    // A month's complaint tickets for the complaint analysis (those with no record yet): an
    // index-only walk of the month's complaints, never the wide rows of every ticket received.
    index("tickets_complaints_received").on(t.orgId, t.receivedAt, t.id).where(sql`type = 'complaint'`),
    // Queue order (green channel first, newest first) per queue, only over the tickets each queue
    // shows: a page is a short index walk, not a sort of everything the person ever handled.
    index("tickets_queue_all").on(t.orgId, t.isGreenChannel, t.createdAt),
    index("tickets_queue_assignee")
      .on(t.orgId, t.assigneeId, t.isGreenChannel, t.createdAt)
      .where(OPEN_TICKET),
    index("tickets_queue_department")
      .on(t.orgId, t.departmentId, t.isGreenChannel, t.createdAt)
      .where(OPEN_TICKET),
    index("tickets_queue_first_responder")
      .on(t.orgId, t.firstResponderId, t.isGreenChannel, t.createdAt)
      .where(sql`status <> 'closed'`),
    index("tickets_queue_unassigned")
      .on(t.orgId, t.isGreenChannel, t.createdAt)
      .where(sql`assignee_id IS NULL AND ${OPEN_TICKET}`),
    // Fresh writes wait in the GIN index's pending list, which every search reads through; a
    // 256 kB list (default 4 MB) keeps that read under a millisecond (BENCHMARKS.md).
    index("tickets_search").using("gin", t.searchVector).with({ gin_pending_list_limit: 256 }),
    // Only tagged tickets are in it: an untagged one (most) adds nothing to intake.
    index("tickets_tags").using("gin", t.tags).where(sql`tags <> '{}'`),
  ],
);

/** The timeline (客户服务登记表): replies, notes, attachments and every change, in order. */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: bigserial("id", { mode: "number" }),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    kind: text("kind").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    body: text("body"),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    isPublic: boolean("is_public").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ticketId: tickets }),
    index("ticket_events_ticket").on(t.orgId, t.ticketId, t.id),
  ],
);

/** Assist requests (协办 / 工作联络单) to other departments, each with owner and deadline. */
export const ticketAssists = pgTable(
  "ticket_assists",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    departmentId: uuid("department_id").notNull(),
    ownerId: uuid("owner_id"),
    request: text("request").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    isRetroactive: boolean("is_retroactive").notNull().default(false),
    status: text("status", { enum: ["open", "done"] })
      .notNull()
      .default("open"),
    answer: text("answer"),
    requestedBy: uuid("requested_by"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ticketId: tickets, departmentId: departments, ownerId: users, requestedBy: users }),
    index("ticket_assists_ticket").on(t.orgId, t.ticketId),
  ],
);

/** Attachments: content-addressed files under the data directory. */
export const attachments = pgTable(
  "attachments",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    eventId: integer("event_id"),
    /** A work order's photo or the customer's signature (SPEC M5). */
    workOrderId: uuid("work_order_id"),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ticketId: tickets }),
    index("attachments_ticket").on(t.orgId, t.ticketId),
  ],
);

export const standardAnswers = pgTable(
  "standard_answers",
  {
    id: id(),
    orgId: orgId(),
    category: text("category").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [orgPrimaryKey(t)],
);

export const forbiddenPhrases = pgTable(
  "forbidden_phrases",
  {
    id: id(),
    orgId: orgId(),
    phrase: text("phrase").notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("forbidden_phrases_org_phrase").on(t.orgId, t.phrase)],
);

/** Every blocked attempt, counted per agent for QA (C034). */
export const forbiddenPhraseHits = pgTable(
  "forbidden_phrase_hits",
  {
    id: id(),
    orgId: orgId(),
    userId: uuid("user_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    phrase: text("phrase").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { userId: users, ticketId: tickets }),
    index("forbidden_phrase_hits_user").on(t.orgId, t.userId),
  ],
);

export const savedViews = pgTable(
  "saved_views",
  {
    id: id(),
    orgId: orgId(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    filters: jsonb("filters").notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), ...orgReferences(t, { userId: users })],
);

/** OPEN_TICKET with the column qualified, for queries that join other tables having a status. */
export const TICKET_IS_OPEN = sql`${tickets.status} IN (${OPEN_LIST})`;
