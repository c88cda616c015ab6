import { z } from "zod";
import {
  CONSENT_SOURCES,
  DATA_REQUEST_KINDS,
  DATA_REQUEST_STATUSES,
  MAX_RETENTION_YEARS,
  MIN_RETENTION_YEARS,
  RECORD_TYPES,
} from "../enums";

/** A record type's retention policy as an administrator or records custodian sets it (M14, C151). */
export const retentionPolicyInput = z.object({
  custodianDepartmentId: z.uuid().nullable(),
  retentionYears: z.number().int().min(MIN_RETENTION_YEARS).max(MAX_RETENTION_YEARS),
  purgeEnabled: z.boolean(),
});
export type RetentionPolicyInput = z.infer<typeof retentionPolicyInput>;

export const retentionPolicy = retentionPolicyInput.extend({
  recordType: z.enum(RECORD_TYPES),
  custodianDepartment: z.string().nullable(),
  /** Records past the period now: archived (read-only), and how many of them a hold keeps. */
  archived: z.number(),
  held: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type RetentionPolicy = z.infer<typeof retentionPolicy>;

/** 法律保全 placed on a case, found by its ticket number. */
export const legalHoldInput = z.object({
  ticketNumber: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(1).max(500),
});
export const releaseHoldInput = z.object({ reason: z.string().trim().min(1).max(500) });

export const legalHold = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
});
export type LegalHold = z.infer<typeof legalHold>;

const counts = z.object({ archived: z.number(), purged: z.number(), held: z.number(), kept: z.number() });
export const retentionRun = z.object({
  id: z.string(),
  counts: z.partialRecord(z.enum(RECORD_TYPES), counts),
  purgedNumbers: z.array(z.string()),
  ranBy: z.string().nullable(),
  ranAt: z.string(),
});
export type RetentionRun = z.infer<typeof retentionRun>;

/** A correction or deletion request as the customer made it (PIPL 第四十六、四十七条). */
export const dataRequestInput = z.object({
  kind: z.enum(DATA_REQUEST_KINDS),
  source: z.enum(CONSENT_SOURCES),
  details: z.string().trim().min(1).max(2000),
});
/** Closing it: done (a deletion then anonymises the customer) or refused, with what was done or why not. */
export const closeDataRequestInput = z.object({
  outcome: z.enum(["done", "refused"]),
  note: z.string().trim().min(1).max(2000),
});

export const dataRequest = z.object({
  id: z.string(),
  customerId: z.string(),
  customer: z.string(),
  kind: z.enum(DATA_REQUEST_KINDS),
  source: z.enum(CONSENT_SOURCES),
  details: z.string(),
  status: z.enum(DATA_REQUEST_STATUSES),
  outcome: z.string().nullable(),
  receivedBy: z.string(),
  receivedAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** What the caller may do with it now. */
  may: z.object({ close: z.boolean() }),
});
export type DataRequest = z.infer<typeof dataRequest>;
