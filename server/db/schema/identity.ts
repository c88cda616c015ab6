import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, updatedAt } from "./columns";

export const departments = pgTable(
  "departments",
  {
    id: id(),
    orgId: orgId(),
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    headUserId: uuid("head_user_id"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { parentId: t }),
    uniqueIndex("departments_org_name").on(t.orgId, t.name),
  ],
);

export const servicePoints = pgTable(
  "service_points",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    isHeadquarters: boolean("is_headquarters").notNull().default(false),
    /** Provinces this point covers; routes on-site work (M5). */
    regions: text("regions").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("service_points_org_name").on(t.orgId, t.name)],
);

export const roles = pgTable(
  "roles",
  {
    id: id(),
    orgId: orgId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    capabilities: text("capabilities").array().notNull(),
    dataScope: text("data_scope", { enum: ["own", "department", "all"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("roles_org_key").on(t.orgId, t.key)],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    orgId: orgId(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    departmentId: uuid("department_id"),
    servicePointId: uuid("service_point_id"),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    isDisabled: boolean("is_disabled").notNull().default(false),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    locale: text("locale"),
    /** An engineer's skills (work-order kinds and product lines), matched when dispatching (M5). */
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Out of office (C029): from when until when, and who takes new work meanwhile. */
    awayFrom: timestamp("away_from", { withTimezone: true }),
    awayUntil: timestamp("away_until", { withTimezone: true }),
    deputyId: uuid("deputy_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { departmentId: departments, servicePointId: servicePoints, deputyId: t }),
    uniqueIndex("users_org_username").on(t.orgId, t.username),
    index("users_org_department").on(t.orgId, t.departmentId),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    orgId: orgId(),
    userId: uuid("user_id").notNull(),
    roleId: uuid("role_id").notNull(),
  },
  (t) => [
    ...orgReferences(t, { userId: users, roleId: roles }),
    primaryKey({ columns: [t.orgId, t.userId, t.roleId] }),
  ],
);

/** Staff and portal sessions; the cookie carries the token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    orgId: orgId(),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    userId: uuid("user_id"),
    customerId: uuid("customer_id"),
    contactId: uuid("contact_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { userId: users }),
    // Found before the organisation is known (the token is all a request carries); 256 random bits
    // are unique without a unique index, which would have to lead with org_id (orgPrimaryKey).
    index("sessions_token_hash").on(t.tokenHash),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    orgId: orgId(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** A token reads only (GET) unless made for writing too. */
    readOnly: boolean("read_only").notNull().default(false),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { userId: users }),
    // Found before the organisation is known (the token is all a request carries); 256 random bits
    // are unique without a unique index, which would have to lead with org_id (orgPrimaryKey).
    index("api_tokens_token_hash").on(t.tokenHash),
  ],
);

/**
 * Attempts counted per key (a sign-in address, a phone number asking for codes) in fixed windows,
 * in the database so that every server counts the same attempts (lib/rate-limit.ts).
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

/**
 * Creation requests made with an Idempotency-Key (plugins/idempotency.ts): the first one's answer,
 * given again to a client that retries the same request, so a retry never makes a second record.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    orgId: orgId(),
    /** Whose key: a staff member, or a portal contact. */
    owner: text("owner").notNull(),
    key: text("key").notNull(),
    /** What was asked (method, route, body): the same key with another request is refused. */
    fingerprint: text("fingerprint").notNull(),
    /** Empty while the first request is still being answered. */
    statusCode: integer("status_code"),
    body: text("body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.owner, t.key] })],
);
