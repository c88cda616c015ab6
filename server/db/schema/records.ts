import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  CONSENT_SOURCES,
  DataRequestKind,
  DataRequestStatus,
  FormBox,
  FormKind,
  RecordType,
} from "../../../common/enums";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, recordedAt, updatedAt } from "./columns";
import { customers } from "./customers";
import { departments, users } from "./identity";
import { attachments } from "./tickets";

/**
 * How long each type of record is kept and who keeps it (M14, C151): one row per record type and
 * organisation, seeded with the organisation. Purging past the period happens only where the
 * organisation turned it on.
 */
export const retentionPolicies = pgTable(
  "retention_policies",
  {
    id: id(),
    orgId: orgId(),
    recordType: text("record_type").$type<RecordType>().notNull(),
    /** The custodian department (保管部门); custody is transferred by changing it (audited). */
    custodianDepartmentId: uuid("custodian_department_id"),
    retentionYears: integer("retention_years").notNull().default(3),
    purgeEnabled: boolean("purge_enabled").notNull().default(false),
    updatedBy: uuid("updated_by"),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { custodianDepartmentId: departments, updatedBy: users }),
    uniqueIndex("retention_policies_type").on(t.orgId, t.recordType),
  ],
);

/**
 * 法律保全 on a case (a dispute, an audit, a regulator's request): the ticket and what is linked to it
 * (its survey answers, callbacks, quality inspections) are kept whatever their periods say, while the
 * hold stands. The ticket is named by id and number without a reference, so that a hold's history
 * outlives a later purge; released holds stay.
 */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    ticketNumber: text("ticket_number").notNull(),
    reason: text("reason").notNull(),
    placedBy: uuid("placed_by").notNull(),
    placedAt: recordedAt("placed_at"),
    releasedBy: uuid("released_by"),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releaseReason: text("release_reason"),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { placedBy: users, releasedBy: users }),
    // One standing hold per case (two custodians at once: the second is told it is held).
    uniqueIndex("legal_holds_ticket").on(t.orgId, t.ticketId).where(sql`released_at IS NULL`),
  ],
);

/**
 * One pass of the retention job over one organisation (every purge is logged with counts, M14): what
 * it archived, purged, and kept because of a hold or a record still within its own period.
 */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: id(),
    orgId: orgId(),
    /** Per record type: { archived, purged, held, kept }. */
    counts: jsonb("counts").$type<Partial<Record<RecordType, RetentionCounts>>>().notNull(),
    /** The numbers of the tickets purged, so that an auditor asking for one is told where it went. */
    purgedNumbers: jsonb("purged_numbers").$type<string[]>().notNull().default([]),
    /** Who ran it from the console; null for the daily job. */
    ranBy: uuid("ran_by"),
    ranAt: recordedAt("ran_at"),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ranBy: users }),
    index("retention_runs_at").on(t.orgId, t.ranAt),
  ],
);

export type RetentionCounts = { archived: number; purged: number; held: number; kept: number };

/**
 * A customer's request to correct or delete their personal data (PIPL 第四十六、四十七条): logged by
 * whoever took it, closed as done (a deletion anonymises the customer) or refused with the reason.
 */
export const personalDataRequests = pgTable(
  "personal_data_requests",
  {
    id: id(),
    orgId: orgId(),
    customerId: uuid("customer_id").notNull(),
    kind: text("kind").$type<DataRequestKind>().notNull(),
    source: text("source").$type<(typeof CONSENT_SOURCES)[number]>().notNull(),
    details: text("details").notNull(),
    status: text("status").$type<DataRequestStatus>().notNull().default("open"),
    outcome: text("outcome"),
    receivedBy: uuid("received_by").notNull(),
    receivedAt: recordedAt("received_at"),
    closedBy: uuid("closed_by"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { customerId: customers, receivedBy: users, closedBy: users }),
    index("personal_data_requests_customer").on(t.orgId, t.customerId),
    index("personal_data_requests_status").on(t.orgId, t.status, t.receivedAt),
  ],
);

/** Each standard form's number, version and signature boxes in this organisation (C154). */
export const formSettings = pgTable(
  "form_settings",
  {
    id: id(),
    orgId: orgId(),
    kind: text("kind").$type<FormKind>().notNull(),
    formNo: text("form_no").notNull(),
    version: text("version").notNull(),
    boxes: text("boxes").array().$type<FormBox[]>().notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { updatedBy: users }),
    uniqueIndex("form_settings_kind").on(t.orgId, t.kind),
  ],
);

/**
 * A signed paper original of a standard form, scanned and attached (C154): the file is an attachment of
 * the record's ticket (so it is kept, exported and purged with it); this says which form of which record.
 */
export const formScans = pgTable(
  "form_scans",
  {
    id: id(),
    orgId: orgId(),
    kind: text("kind").$type<FormKind>().notNull(),
    /** The work order, take-back or ticket the form is of. */
    recordId: uuid("record_id").notNull(),
    attachmentId: uuid("attachment_id").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { attachmentId: attachments, createdBy: users }),
    index("form_scans_record").on(t.orgId, t.kind, t.recordId),
  ],
);
