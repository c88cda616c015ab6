import { z } from "zod";
import { CONSENT_PURPOSES, CONSENT_SOURCES, CUSTOMER_GRADES, CUSTOMER_KINDS } from "../enums";
import { DEFAULT_WARRANTY_MONTHS } from "../field-service";
import { optionalText, phoneNumber } from "./fields";
import { pageQuery } from "./pagination";
import { ticketSummary } from "./tickets";

/** A customer as lists and the 360° view show it: personal data masked. */
export const customerDto = z.object({
  id: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  grade: z.enum(CUSTOMER_GRADES),
  isVip: z.boolean(),
  industry: z.string().nullable(),
  nature: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  region: z.string().nullable(),
  annualPurchaseFen: z.number().nullable(),
  mainProducts: z.string().nullable(),
  source: z.string().nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  tags: z.array(z.string()),
  preferences: z.string().nullable(),
  notes: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  /** Erased on the customer's request (PIPL): the record is kept, no longer changed. */
  anonymisedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CustomerDto = z.infer<typeof customerDto>;

export const customerPage = z.object({
  items: z.array(customerDto),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

export const contactDto = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const purchaseDto = z.object({
  id: z.string(),
  orderNo: z.string().nullable(),
  product: z.string(),
  model: z.string().nullable(),
  serialNo: z.string().nullable(),
  quantity: z.number(),
  deliveredOn: z.string().nullable(),
  warrantyEndsOn: z.string().nullable(),
});

export const customer360 = z.object({
  customer: customerDto,
  contacts: z.array(contactDto),
  purchases: z.array(purchaseDto),
  /** The service agreement covering the customer today (C082): its warranty term decides warranty. */
  agreement: z
    .object({
      id: z.string(),
      contractNo: z.string(),
      title: z.string(),
      endsOn: z.string(),
      warrantyMonths: z.number().nullable(),
    })
    .nullable(),
  tickets: z.array(ticketSummary),
});
export type Customer360 = z.infer<typeof customer360>;

export const duplicateDto = customerDto.extend({ matchedOn: z.array(z.string()) });

export const unmaskedCustomer = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  contacts: z.array(
    z.object({
      id: z.string(),
      mobile: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
});

/** A consent given or withdrawn (C153). */
export const consentInput = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
  source: z.enum(CONSENT_SOURCES),
  note: z.string().trim().max(500).nullish(),
});
export type ConsentInput = z.input<typeof consentInput>;
export const consentRecord = z.object({
  id: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
  source: z.enum(CONSENT_SOURCES),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
/** Each purpose as it stands (the latest record, else the default) and every record, newest first. */
export const customerConsentsDto = z.object({
  current: z.array(
    z.object({ purpose: z.enum(CONSENT_PURPOSES), granted: z.boolean(), since: z.string().nullable() }),
  ),
  history: z.array(consentRecord),
});
export type CustomerConsents = z.infer<typeof customerConsentsDto>;

const isoDate = z.iso.date();

export const contactInput = z.object({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).nullish(),
  phone: phoneNumber.nullish(),
  mobile: phoneNumber.nullish(),
  fax: z.string().trim().max(30).nullish(),
  email: z.email().nullish(),
  wechat: z.string().trim().max(50).nullish(),
  isPrimary: z.boolean().default(false),
});
export type ContactInput = z.input<typeof contactInput>;

export const purchaseInput = z.object({
  orderNo: z.string().trim().max(50).nullish(),
  product: z.string().trim().min(1).max(100),
  model: z.string().trim().max(50).nullish(),
  serialNo: z.string().trim().max(100).nullish(),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  deliveredOn: isoDate.nullish(),
  /** Defaults to 24 months from delivery (C083: 2 years from acceptance). */
  warrantyMonths: z.number().int().min(0).max(240).default(DEFAULT_WARRANTY_MONTHS),
});
export type PurchaseInput = z.input<typeof purchaseInput>;

export const customerListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  grade: z.enum(CUSTOMER_GRADES).optional(),
  tag: z.string().trim().max(30).optional(),
});
export type CustomerListQuery = z.input<typeof customerListQuery>;

export const customerInput = z.object({
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string().trim().min(1).max(100),
  grade: z.enum(CUSTOMER_GRADES).default("normal"),
  isVip: z.boolean().default(false),
  industry: optionalText(50),
  nature: optionalText(50),
  phone: phoneNumber.nullish(),
  email: z.email().nullish(),
  address: optionalText(200),
  region: optionalText(20),
  annualPurchaseFen: z.number().int().min(0).nullish(),
  mainProducts: optionalText(500),
  source: optionalText(50),
  ownerUserId: z.uuid().nullish(),
  tags: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  preferences: optionalText(1000),
  notes: optionalText(5000),
});
export type CustomerInput = z.input<typeof customerInput>;

/** A customer entered in the archive, with its first contact person. */
export const newCustomerRecordInput = customerInput.extend({
  contactName: z.string().trim().max(50).nullish(),
});
export type NewCustomerRecordInput = z.input<typeof newCustomerRecordInput>;
export const customerUpdate = customerInput.partial();
export type CustomerUpdate = z.input<typeof customerUpdate>;

/** The duplicate folded into this customer. */
export const mergeInput = z.object({ sourceId: z.uuid() });
export type MergeInput = z.input<typeof mergeInput>;
