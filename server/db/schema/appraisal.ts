import { date, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type {
  AppraisalCadence,
  AppraisalScheme,
  AppraisalStatus,
  KpiRates,
} from "../../../common/schemas/appraisal";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, recordedAt } from "./columns";
import { departments, users } from "./identity";
import { organizations } from "./organizations";

/** 考核方案 (C115, C116): the weights of the computed KPIs and of the manager's criteria, the appeal rules. */
export const appraisalSettings = pgTable(
  "appraisal_settings",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => organizations.id),
    scheme: jsonb("scheme").$type<AppraisalScheme>().notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: recordedAt("updated_at"),
  },
  (t) => [...orgReferences(t, { updatedBy: users })],
);

/** 考核期 (C117): a month, quarter or year appraised on the scheme of its time; drafted, then published (公示). */
export const appraisalPeriods = pgTable(
  "appraisal_periods",
  {
    id: id(),
    orgId: orgId(),
    cadence: text("cadence").$type<AppraisalCadence>().notNull(),
    /** 2026-11, 2026-Q4 or 2026. */
    period: text("period").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    scheme: jsonb("scheme").$type<AppraisalScheme>().notNull(),
    /** Where the KPIs' satisfaction rates came from: the data, or the quarter's submitted analysis (C098). */
    satisfactionFrom: text("satisfaction_from").$type<"data" | "analysis">().notNull().default("data"),
    status: text("status").$type<AppraisalStatus>().notNull().default("draft"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { createdBy: users, publishedBy: users }),
    uniqueIndex("appraisal_periods_period").on(t.orgId, t.period),
  ],
);

/** One person's appraisal of a period: the KPIs, the manager's scores, an adjustment with its reason, an appeal. */
export const appraisalResults = pgTable(
  "appraisal_results",
  {
    id: id(),
    orgId: orgId(),
    periodId: uuid("period_id").notNull(),
    userId: uuid("user_id").notNull(),
    departmentId: uuid("department_id"),
    kpis: jsonb("kpis").$type<KpiRates>().notNull(),
    /** Criterion id → 0–100, as the manager scored it (C116). */
    manual: jsonb("manual").$type<Record<string, number>>().notNull().default({}),
    /** The weighted score of the KPIs and criteria; null until every criterion is scored. */
    computed: real("computed"),
    adjustment: real("adjustment").notNull().default(0),
    adjustmentReason: text("adjustment_reason"),
    adjustedBy: uuid("adjusted_by"),
    final: real("final"),
    appealReason: text("appeal_reason"),
    appealedAt: timestamp("appealed_at", { withTimezone: true }),
    /** The answer is due by this day (C118). */
    answerDueOn: date("answer_due_on"),
    decision: text("decision").$type<"upheld" | "revised">(),
    decisionNote: text("decision_note"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      periodId: appraisalPeriods,
      userId: users,
      departmentId: departments,
      adjustedBy: users,
      decidedBy: users,
    }),
    uniqueIndex("appraisal_results_person").on(t.orgId, t.periodId, t.userId),
  ],
);
