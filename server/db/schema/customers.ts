import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { CONSENT_SOURCES, ConsentPurpose } from "../../../common/enums";
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
import { users } from "./identity";

/** Customer archive (客户档案 / 顾客资料卡, SPEC M1). */
export const customers = pgTable(
  "customers",
  {
    id: id(),
    orgId: orgId(),
    kind: text("kind", { enum: ["enterprise", "individual"] }).notNull(),
    name: text("name").notNull(),
    grade: text("grade", { enum: ["key", "normal", "potential"] })
      .notNull()
      .default("normal"),
    isVip: boolean("is_vip").notNull().default(false),
    industry: text("industry"),
    nature: text("nature"),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    region: text("region"),
    annualPurchaseFen: bigint("annual_purchase_fen", { mode: "number" }),
    mainProducts: text("main_products"),
    source: text("source"),
    ownerUserId: uuid("owner_user_id"),
    /** Who entered the record: it stays in their data scope (and their department's) without a ticket. */
    createdBy: uuid("created_by"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    preferences: text("preferences"),
    notes: text("notes"),
    /** Set when merged into another customer; the record stays for history (never hard-deleted). */
    mergedIntoId: uuid("merged_into_id"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** The customer's personal data was erased on their request (PIPL 第四十七条); the service records stay. */
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    searchVector: tsvector("search_vector"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ownerUserId: users, createdBy: users, mergedIntoId: t }),
    index("customers_org_phone").on(t.orgId, t.phone),
    index("customers_org_name").on(t.orgId, t.name),
    index("customers_search").using("gin", t.searchVector),
  ],
);

/** Contacts (联络人); portal sign-in is by a contact's mobile or email. */
export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    orgId: orgId(),
    customerId: uuid("customer_id").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    phone: text("phone"),
    mobile: text("mobile"),
    fax: text("fax"),
    email: text("email"),
    wechat: text("wechat"),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { customerId: customers }),
    index("contacts_org_customer").on(t.orgId, t.customerId),
    index("contacts_org_mobile").on(t.orgId, t.mobile),
    index("contacts_org_email").on(t.orgId, t.email),
  ],
);

/** Purchases / installed base (购买记录): the basis of warranty checks. */
export const purchases = pgTable(
  "purchases",
  {
    id: id(),
    orgId: orgId(),
    customerId: uuid("customer_id").notNull(),
    orderNo: text("order_no"),
    product: text("product").notNull(),
    model: text("model"),
    serialNo: text("serial_no"),
    quantity: integer("quantity").notNull().default(1),
    deliveredOn: date("delivered_on"),
    warrantyEndsOn: date("warranty_ends_on"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { customerId: customers }),
    index("purchases_org_customer").on(t.orgId, t.customerId),
    index("purchases_org_serial").on(t.orgId, t.serialNo),
  ],
);

/**
 * Consents (C153): each yes or withdrawal a customer gave, with when, how and who recorded it —
 * appended, never changed, so the history stands as evidence. The latest per purpose is in force.
 */
export const customerConsents = pgTable(
  "customer_consents",
  {
    id: id(),
    orgId: orgId(),
    customerId: uuid("customer_id").notNull(),
    purpose: text("purpose").$type<ConsentPurpose>().notNull(),
    granted: boolean("granted").notNull(),
    source: text("source").$type<(typeof CONSENT_SOURCES)[number]>().notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
    recordedAt: recordedAt("recorded_at"),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { customerId: customers, recordedBy: users }),
    index("customer_consents_customer").on(t.orgId, t.customerId, t.purpose, t.recordedAt),
  ],
);
