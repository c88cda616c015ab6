import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { SanctionSource, SanctionStatus, SanctionType } from "../../../common/enums";
import type { SanctionRules } from "../../../common/schemas/sanctions";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, recordedAt } from "./columns";
import { departments, users } from "./identity";
import { organizations } from "./organizations";

/** 奖惩规则 (C120, C121): when the system proposes a reward or a deduction, and how much. */
export const sanctionSettings = pgTable(
  "sanction_settings",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => organizations.id),
    rules: jsonb("rules").$type<SanctionRules>().notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: recordedAt("updated_at"),
  },
  (t) => [...orgReferences(t, { updatedBy: users })],
);

/** 奖惩记录 (C119): a reward or penalty of a person or a team, with its reason and evidence, through approval. */
export const sanctions = pgTable(
  "sanctions",
  {
    id: id(),
    orgId: orgId(),
    kind: text("kind").$type<"reward" | "penalty">().notNull(),
    type: text("type").$type<SanctionType>().notNull(),
    /** A person, or a team (department). */
    userId: uuid("user_id"),
    departmentId: uuid("department_id"),
    /** A bonus or a fine in fen; a deduction as a share of the month's bonus. */
    amountFen: bigint("amount_fen", { mode: "number" }),
    bonusShare: real("bonus_share"),
    /** 情节严重者解除劳动合同 (C122). */
    terminate: boolean("terminate").notNull().default(false),
    reason: text("reason").notNull(),
    evidence: text("evidence"),
    /** Audit-log entries that prove it (C122: what was viewed or exported). */
    auditIds: jsonb("audit_ids").$type<number[]>().notNull().default([]),
    source: text("source").$type<SanctionSource>().notNull().default("manual"),
    /** A rule's proposal once per person and period: late_responses:2026-11:<user>. */
    sourceKey: text("source_key"),
    status: text("status").$type<SanctionStatus>().notNull().default("proposed"),
    proposedBy: uuid("proposed_by"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { userId: users, departmentId: departments, proposedBy: users, decidedBy: users }),
    uniqueIndex("sanctions_source").on(t.orgId, t.sourceKey),
    index("sanctions_status").on(t.orgId, t.status, t.createdAt),
  ],
);
