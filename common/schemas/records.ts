import { z } from "zod";
import {
  CONSENT_SOURCES,
  DATA_REQUEST_KINDS,
  DATA_REQUEST_STATUSES,
  FORM_BOXES,
  FORM_KINDS,
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
export type RetentionPolicyInputBody = z.input<typeof retentionPolicyInput>;
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
export type LegalHoldInput = z.input<typeof legalHoldInput>;
export const releaseHoldInput = z.object({ reason: z.string().trim().min(1).max(500) });
export type ReleaseHoldInput = z.input<typeof releaseHoldInput>;

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
export type DataRequestInput = z.input<typeof dataRequestInput>;
/** Closing it: done (a deletion then anonymises the customer) or refused, with what was done or why not. */
export const closeDataRequestInput = z.object({
  outcome: z.enum(["done", "refused"]),
  note: z.string().trim().min(1).max(2000),
});
export type CloseDataRequestInput = z.input<typeof closeDataRequestInput>;

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

/** A standard form's number, version and signature boxes, as the organisation sets them (C154). */
export const formSettingInput = z.object({
  formNo: z.string().trim().min(1).max(40),
  version: z.string().trim().min(1).max(20),
  boxes: z.array(z.enum(FORM_BOXES)).max(FORM_BOXES.length),
});
export type FormSettingInput = z.input<typeof formSettingInput>;
export const formSetting = formSettingInput.extend({
  kind: z.enum(FORM_KINDS),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type FormSetting = z.infer<typeof formSetting>;

/**
 * A record as its standard form (C154) — what the console shows and prints and the server renders as
 * PDF: the same rows either way. The forms are the company's Chinese paper documents.
 */
export const standardForm = z.object({
  kind: z.enum(FORM_KINDS),
  organization: z.string(),
  title: z.string(),
  formNo: z.string(),
  version: z.string(),
  rows: z.array(
    z.object({
      label: z.string(),
      value: z.string(),
      /** A customer's signature drawn on screen (an attachment's id), under the value. */
      signatureId: z.string().nullable(),
    }),
  ),
  footer: z.string().nullable(),
  /** The boxes at the foot: 制表 carries who made the record; 审查 and 核准 are signed on paper. */
  boxes: z.array(z.object({ box: z.enum(FORM_BOXES), label: z.string(), name: z.string().nullable() })),
  /** Signed paper originals scanned and attached. */
  scans: z.array(z.object({ id: z.string(), fileName: z.string(), createdAt: z.string() })),
  /** Where the record is seen in the console. */
  back: z.string(),
});
export type StandardForm = z.infer<typeof standardForm>;

/** Whether search vectors of older rows are being rebuilt (new search tokens), and how far. */
export const searchIndexStatus = z.object({ rebuilding: z.boolean(), percent: z.number().int() });
export type SearchIndexStatus = z.infer<typeof searchIndexStatus>;
