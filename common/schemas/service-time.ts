import { z } from "zod";
import { SLA_METRICS, TICKET_STATUSES } from "../enums";

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
