import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  QaCadence,
  QaInspectionStatus,
  QaMethod,
  QaSubject,
  RectificationStatus,
} from "../../../common/enums";
import type { CompletenessCheck, QaCriterion, SupervisionReport } from "../../../common/schemas/quality";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, updatedAt } from "./columns";
import { workOrders } from "./field-service";
import { departments, users } from "./identity";
import { tickets } from "./tickets";

/** 质检评分表 (SPEC M7): weighted criteria, each scored 0–100; the total is their weighted mean. */
export const qaScorecards = pgTable(
  "qa_scorecards",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    criteria: jsonb("criteria").$type<QaCriterion[]>().notNull(),
    /** Below this total an inspection asks for rectification (C112). */
    passMark: integer("pass_mark").notNull().default(80),
    /** Days after scoring the inspected person may appeal, once. */
    appealDays: integer("appeal_days").notNull().default(7),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("qa_scorecards_org_name").on(t.orgId, t.name)],
);

/** 质检计划 (C109): so many closed tickets / work orders / complaints per person per week, month or quarter. */
export const qaPlans = pgTable(
  "qa_plans",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    subject: text("subject").$type<QaSubject>().notNull(),
    cadence: text("cadence").$type<QaCadence>().notNull(),
    perAgent: integer("per_agent").notNull(),
    method: text("method").$type<QaMethod>().notNull().default("form_check"),
    scorecardId: uuid("scorecard_id").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { scorecardId: qaScorecards }),
    uniqueIndex("qa_plans_org_name").on(t.orgId, t.name),
  ],
);

/** One plan's draw for one period, with the seed it was drawn with: it can be drawn again and checked. */
export const qaDraws = pgTable(
  "qa_draws",
  {
    id: id(),
    orgId: orgId(),
    planId: uuid("plan_id").notNull(),
    /** 2026-W47, 2026-11 or 2026-Q4. */
    period: text("period").notNull(),
    seed: text("seed").notNull(),
    perAgent: integer("per_agent").notNull(),
    population: integer("population").notNull(),
    drawn: integer("drawn").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { planId: qaPlans }),
    uniqueIndex("qa_draws_plan_period").on(t.orgId, t.planId, t.period),
  ],
);

/** 质检记录: one piece of work inspected — drawn by a plan, or recorded by an inspector (暗访, 现场观察). */
export const qaInspections = pgTable(
  "qa_inspections",
  {
    id: id(),
    orgId: orgId(),
    drawId: uuid("draw_id"),
    /** Null for an inspection not of a record: a mystery-customer call or an observation. */
    subject: text("subject").$type<QaSubject>(),
    ticketId: uuid("ticket_id"),
    workOrderId: uuid("work_order_id"),
    /** Whose work it is, and their department then. */
    agentId: uuid("agent_id").notNull(),
    departmentId: uuid("department_id"),
    inspectorId: uuid("inspector_id"),
    method: text("method").$type<QaMethod>().notNull(),
    status: text("status").$type<QaInspectionStatus>().notNull().default("open"),
    scorecardId: uuid("scorecard_id").notNull(),
    /** The criteria as they were when scored, and the score of each (0–100). */
    criteria: jsonb("criteria").$type<QaCriterion[]>(),
    scores: jsonb("scores").$type<Record<string, number>>(),
    total: real("total"),
    passed: boolean("passed"),
    findings: text("findings"),
    /** When a mystery call or visit, or an observation, took place. */
    observedAt: timestamp("observed_at", { withTimezone: true }),
    /** The record-completeness check (C110) as it stood when scored. */
    completeness: jsonb("completeness").$type<CompletenessCheck[]>(),
    scoredAt: timestamp("scored_at", { withTimezone: true }),
    /** Past its retention period (M14, C152): read-only from then on; purged later where enabled. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    appealReason: text("appeal_reason"),
    appealedAt: timestamp("appealed_at", { withTimezone: true }),
    decision: text("decision").$type<"upheld" | "revised">(),
    decisionNote: text("decision_note"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The total that counts: the score, or the one an appeal revised it to. */
    finalTotal: real("final_total"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      drawId: qaDraws,
      ticketId: tickets,
      workOrderId: workOrders,
      agentId: users,
      departmentId: departments,
      inspectorId: users,
      scorecardId: qaScorecards,
      decidedBy: users,
      createdBy: users,
    }),
    index("qa_inspections_inspector").on(t.orgId, t.inspectorId, t.status),
    index("qa_inspections_agent").on(t.orgId, t.agentId, t.createdAt),
    /** The month's scored inspections: KPIs, trends, the supervision report. */
    index("qa_inspections_scored").on(t.orgId, t.scoredAt),
  ],
);

/** 整改 (C112): what an inspection found wrong, to be put right by a date, re-checked until it passes. */
export const qaRectifications = pgTable(
  "qa_rectifications",
  {
    id: id(),
    orgId: orgId(),
    inspectionId: uuid("inspection_id").notNull(),
    assigneeId: uuid("assignee_id").notNull(),
    requirement: text("requirement").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status").$type<RectificationStatus>().notNull().default("open"),
    response: text("response"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** Re-checks failed: each one sends the person to re-training before the next. */
    failedChecks: integer("failed_checks").notNull().default(0),
    checkNote: text("check_note"),
    checkedBy: uuid("checked_by"),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { inspectionId: qaInspections, assigneeId: users, checkedBy: users }),
    uniqueIndex("qa_rectifications_inspection").on(t.orgId, t.inspectionId),
    index("qa_rectifications_assignee").on(t.orgId, t.assigneeId, t.status),
  ],
);

/** 服务监督报告 (C113): the month's figures as reported to the general manager, kept as sent. */
export const qaSupervisionReports = pgTable(
  "qa_supervision_reports",
  {
    id: id(),
    orgId: orgId(),
    month: text("month").notNull(),
    figures: jsonb("figures").$type<SupervisionReport>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("qa_supervision_reports_month").on(t.orgId, t.month)],
);
