import { sql } from "drizzle-orm";
import {
  bigint,
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
import type { BusinessCalendar } from "../../../common/business-time";
import type { Channel, CustomerGrade, Priority, SlaMetric, SlaUnit, TicketType } from "../../../common/enums";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, updatedAt } from "./columns";
import { departments, users } from "./identity";
import { tickets } from "./tickets";

/** Business calendars (工作日历, SPEC M3): working hours, holidays and 调休 per organisation. */
export const businessCalendars = pgTable(
  "business_calendars",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    is24x7: boolean("is_24x7").notNull().default(false),
    weeklyHours: jsonb("weekly_hours").$type<BusinessCalendar["weeklyHours"]>().notNull(),
    exceptions: jsonb("exceptions")
      .$type<BusinessCalendar["exceptions"]>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [orgPrimaryKey(t), index("business_calendars_org").on(t.orgId)],
);

export type SlaTarget = { amount: number; unit: SlaUnit; calendarId: string };
/**
 * Who hears of a breach: `assignee`, `first_responder`, `department_head` (of the ticket's
 * department), `role:<key>` (everyone holding the role) or `department:<id>` (that department's head).
 */
export type EscalationStep = { afterMinutes: number; notify: string[] };

/** Service-time policies (时效规则): the first active one, by rank, whose conditions all match applies. */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    rank: integer("rank").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    /** Conditions; an empty list matches everything. */
    types: text("types").array().$type<TicketType[]>().notNull().default(sql`'{}'::text[]`),
    priorities: text("priorities").array().$type<Priority[]>().notNull().default(sql`'{}'::text[]`),
    customerGrades: text("customer_grades")
      .array()
      .$type<CustomerGrade[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    channels: text("channels").array().$type<Channel[]>().notNull().default(sql`'{}'::text[]`),
    /** The department holding the ticket (C021: routing to a department sets that department's due time). */
    departmentIds: uuid("department_ids").array().notNull().default(sql`'{}'::uuid[]`),
    targets: jsonb("targets").$type<Partial<Record<SlaMetric, SlaTarget>>>().notNull(),
    atRiskPercent: integer("at_risk_percent").notNull().default(75),
    escalation: jsonb("escalation").$type<EscalationStep[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [orgPrimaryKey(t), index("sla_policies_org").on(t.orgId, t.rank)],
);

/**
 * One clock per target of the policy applied to a ticket. Business minutes used so far are
 * `elapsed_ms` plus the time since `running_since`; `next_check_at` is the next moment the
 * sweep has something to do for it (at risk, breach, an escalation step), so the sweep reads only
 * the clocks coming due.
 */
export const ticketSlaClocks = pgTable(
  "ticket_sla_clocks",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    policyId: uuid("policy_id").notNull(),
    metric: text("metric").$type<SlaMetric>().notNull(),
    calendarId: uuid("calendar_id").notNull(),
    targetMinutes: integer("target_minutes").notNull(),
    atRiskPercent: integer("at_risk_percent").notNull(),
    state: text("state", { enum: ["running", "paused", "stopped", "replaced"] }).notNull(),
    elapsedMs: bigint("elapsed_ms", { mode: "number" }).notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    runningSince: timestamp("running_since", { withTimezone: true }),
    atRiskAt: timestamp("at_risk_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    atRiskNotifiedAt: timestamp("at_risk_notified_at", { withTimezone: true }),
    breachedAt: timestamp("breached_at", { withTimezone: true }),
    escalationLevel: integer("escalation_level").notNull().default(0),
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ticketId: tickets, policyId: slaPolicies }),
    index("ticket_sla_clocks_ticket").on(t.orgId, t.ticketId),
    index("ticket_sla_clocks_next_check").on(t.nextCheckAt).where(sql`next_check_at IS NOT NULL`),
    // The "at risk" and "overdue" queues read only the clocks in those states.
    index("ticket_sla_clocks_at_risk")
      .on(t.orgId, t.atRiskAt)
      .where(sql`state = 'running' AND breached_at IS NULL`),
    index("ticket_sla_clocks_overdue")
      .on(t.orgId, t.breachedAt)
      .where(sql`breached_at IS NOT NULL AND state IN ('running', 'paused')`),
  ],
);

/** 逾期: each breached clock once, with who and which department held the ticket, and why. */
export const slaBreaches = pgTable(
  "sla_breaches",
  {
    id: id(),
    orgId: orgId(),
    clockId: uuid("clock_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    metric: text("metric").$type<SlaMetric>().notNull(),
    departmentId: uuid("department_id"),
    assigneeId: uuid("assignee_id"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    breachedAt: timestamp("breached_at", { withTimezone: true }).notNull(),
    reason: text("reason"),
    reasonBy: uuid("reason_by"),
    reasonAt: timestamp("reason_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      clockId: ticketSlaClocks,
      ticketId: tickets,
      departmentId: departments,
      assigneeId: users,
      reasonBy: users,
    }),
    uniqueIndex("sla_breaches_clock").on(t.orgId, t.clockId),
    index("sla_breaches_org_month").on(t.orgId, t.breachedAt),
    // A ticket's breaches: the callback list's "overdue" flag asks it of every row it shows.
    index("sla_breaches_ticket").on(t.orgId, t.ticketId),
  ],
);
