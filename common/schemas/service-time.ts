import { z } from "zod";
import {
  CHANNELS,
  CUSTOMER_GRADES,
  PRIORITIES,
  SLA_METRICS,
  SLA_UNITS,
  TICKET_STATUSES,
  TICKET_TYPES,
} from "../enums";
import { monthParam } from "./fields";
import { pageQuery } from "./pagination";

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

/** A row of the overdue list (逾期清单). */
export const breachDto = z.object({
  id: z.string(),
  ticketId: z.string(),
  number: z.string(),
  title: z.string(),
  ticketStatus: z.enum(TICKET_STATUSES),
  metric: z.enum(SLA_METRICS),
  dueAt: z.string(),
  department: ref,
  assignee: ref,
  reason: z.string().nullable(),
  canExplain: z.boolean(),
});
export type BreachDto = z.infer<typeof breachDto>;

/** A department's line of the monthly overdue report (月度逾期报告). */
export const overdueReportRow = z.object({
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  due: z.number(),
  met: z.number(),
  breaches: z.record(z.enum(SLA_METRICS), z.number()),
  breached: z.number(),
  explained: z.number(),
  stillOverdue: z.number(),
});
export type OverdueReportRow = z.infer<typeof overdueReportRow>;

const slaTarget = z.object({
  amount: z.number().positive().max(100_000),
  unit: z.enum(SLA_UNITS),
  calendarId: z.uuid(),
});

/** A service-time policy (时效规则): the first active one, by rank, whose conditions all hold applies. */
export const policyInput = z.object({
  name: z.string().trim().min(1).max(50),
  rank: z.number().int().min(0).max(10_000),
  isActive: z.boolean().default(true),
  types: z.array(z.enum(TICKET_TYPES)).default([]),
  priorities: z.array(z.enum(PRIORITIES)).default([]),
  customerGrades: z.array(z.enum(CUSTOMER_GRADES)).default([]),
  channels: z.array(z.enum(CHANNELS)).default([]),
  /** The department holding the ticket (C021): a ticket routed there gets that department's targets. */
  departmentIds: z.array(z.uuid()).max(50).default([]),
  targets: z.partialRecord(z.enum(SLA_METRICS), slaTarget),
  atRiskPercent: z.number().int().min(1).max(99).default(75),
  escalation: z
    .array(
      z.object({
        afterMinutes: z.number().int().min(0).max(525_600),
        notify: z.array(z.string().min(1).max(80)).min(1).max(10),
      }),
    )
    .max(6)
    .default([]),
});
export type PolicyInput = z.input<typeof policyInput>;

export const policyDto = policyInput.extend({ id: z.string(), isActive: z.boolean() });
export type PolicyDto = z.infer<typeof policyDto>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A working period of a day, in minutes from midnight. */
const period = z.object({ start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) });

/** A business calendar (工作日历): weekly hours, and holidays and make-up days (调休) by date. */
export const calendarInput = z.object({
  name: z.string().trim().min(1).max(50),
  timeZone: z.string().min(1).max(64),
  is24x7: z.boolean().default(false),
  weeklyHours: z.array(z.array(period)).length(7),
  exceptions: z.record(z.string().regex(DATE), z.enum(["holiday", "workday"])).default({}),
});
export type CalendarInput = z.input<typeof calendarInput>;

export const calendarDto = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  is24x7: z.boolean(),
  weeklyHours: z.array(z.array(z.object({ start: z.number(), end: z.number() }))),
  exceptions: z.record(z.string(), z.enum(["holiday", "workday"])),
  isDefault: z.boolean(),
});
export type CalendarDto = z.infer<typeof calendarDto>;

export const breachListQuery = pageQuery.extend({
  month: monthParam,
  departmentId: z.uuid().optional(),
  metric: z.enum(SLA_METRICS).optional(),
});
export type BreachListQuery = z.input<typeof breachListQuery>;

/** Holidays and make-up days pasted as text (one date and kind a line). */
export const calendarImportInput = z.object({ text: z.string().max(20_000) });
export type CalendarImportInput = z.input<typeof calendarImportInput>;

/** Why a time limit was missed (逾期原因). */
export const breachReasonInput = z.object({ reason: z.string() });
export type BreachReasonInput = z.input<typeof breachReasonInput>;
