import { z } from "zod";
import {
  CHANNELS,
  PRIORITIES,
  RESOLUTION_MODES,
  SLA_METRICS,
  TICKET_QUEUES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from "../enums";
import { pageQuery } from "./pagination";

/**
 * How long a ticket's texts may be, for the server's check and the forms' counters alike: a
 * 600-character title or a 20,000-character description swamped every list and page. A reply, a
 * resolution or an assist request is as long as a description; a reason (transfer, reclassification)
 * and a promise's note are short.
 */
export const TICKET_TEXT_LIMITS = { title: 100, description: 5_000, reason: 500, note: 1_000 } as const;

/** A title made from other text (a recall's, an agreement's, a ticket's own) cut to fit, marked with an ellipsis. */
export function fitTicketTitle(title: string): string {
  if (title.length <= TICKET_TEXT_LIMITS.title) return title;
  // Never leave half of a character written as a surrogate pair (an emoji) at the cut.
  return `${title.slice(0, TICKET_TEXT_LIMITS.title - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

export const ticketSummary = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(TICKET_TYPES),
  channel: z.enum(CHANNELS),
  priority: z.enum(PRIORITIES),
  isGreenChannel: z.boolean(),
  status: z.enum(TICKET_STATUSES),
  title: z.string(),
  customer: ref,
  assignee: ref,
  firstResponder: ref,
  department: ref,
  promisedAt: z.string().nullable(),
  /** The next time limit running on it (the earliest due of its running clocks), if any. */
  nextDue: z.object({ metric: z.enum(SLA_METRICS), dueAt: z.string(), breached: z.boolean() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

export const timelineEntry = z.object({
  id: z.number(),
  kind: z.string(),
  actorType: z.string(),
  actorName: z.string(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  isPublic: z.boolean(),
  createdAt: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const assistDto = z.object({
  id: z.string(),
  department: ref,
  owner: ref,
  request: z.string(),
  dueAt: z.string(),
  status: z.enum(["open", "done"]),
  answer: z.string().nullable(),
  isRetroactive: z.boolean(),
});

export const calendarDto = z.object({
  timeZone: z.string(),
  is24x7: z.boolean(),
  weeklyHours: z.array(z.array(z.object({ start: z.number(), end: z.number() }))),
  exceptions: z.record(z.string(), z.enum(["holiday", "workday"])),
});

/** One service-time clock as the ticket page shows it; the console counts down with `calendar`. */
export const slaClockDto = z.object({
  id: z.string(),
  metric: z.enum(SLA_METRICS),
  status: z.enum(["running", "at_risk", "paused", "met", "breached"]),
  state: z.enum(["running", "paused", "stopped", "replaced"]),
  targetMinutes: z.number(),
  usedMinutes: z.number(),
  dueAt: z.string().nullable(),
  atRiskAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  escalationLevel: z.number(),
  calendarName: z.string(),
  calendar: calendarDto,
});
export type SlaClockDto = z.infer<typeof slaClockDto>;

/** 报修 (C064): the unit (from the installed base or entered), the site, the preferred time. */
export const repairRequest = z.object({
  purchaseId: z.uuid().nullish(),
  product: z.string().trim().max(200).nullish(),
  model: z.string().trim().max(100).nullish(),
  serialNo: z.string().trim().max(100).nullish(),
  siteAddress: z.string().trim().min(1).max(500),
  preferredAt: z.iso.datetime({ offset: true }).nullish(),
});
export type RepairRequest = z.infer<typeof repairRequest>;

export const ticketDetail = ticketSummary.omit({ nextDue: true }).extend({
  description: z.string(),
  contact: z
    .object({ id: z.string(), name: z.string(), mobile: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
  customerPhone: z.string().nullable(),
  identityVerifiedBy: z.string().nullable(),
  holdReason: z.string().nullable(),
  resolution: z.string().nullable(),
  resolutionMode: z.enum(RESOLUTION_MODES).nullable(),
  brokenPromises: z.number(),
  reopenCount: z.number(),
  transferCount: z.number(),
  timeline: z.array(timelineEntry),
  assists: z.array(assistDto),
  abilities: z.record(z.string(), z.boolean()),
  receivedAt: z.string(),
  /** Archived past its retention period (M14, C152): read-only. */
  archivedAt: z.string().nullable(),
  repairRequest: repairRequest.nullable(),
  /** Staff only: the service-time policy applied and its clocks. */
  sla: z.object({ policy: z.string().nullable(), clocks: z.array(slaClockDto) }).nullable(),
});
export type TicketDetail = z.infer<typeof ticketDetail>;

/** "due": the nearest time limit first — open tickets only (a closed one has none). */
export const TICKET_SORTS = ["created_desc", "created_asc", "updated_desc", "priority", "due"] as const;

export const ticketListQuery = pageQuery.extend({
  queue: z.enum(TICKET_QUEUES).default("all"),
  status: z.union([z.enum(TICKET_STATUSES), z.literal("open")]).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  channel: z.enum(CHANNELS).optional(),
  customerId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(TICKET_SORTS).default("created_desc"),
});
export type TicketListQuery = z.input<typeof ticketListQuery>;

/** One person of the supervisor's team view. */
export const teamMember = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  open: z.number(),
  /** When the oldest of their open tickets was received. */
  oldestSince: z.string().nullable(),
  atRisk: z.number(),
  overdue: z.number(),
  signedIn: z.boolean(),
  /** Out of office now (C029): until when, and who takes their new work. */
  awayUntil: z.string().nullable(),
  deputy: z.string().nullable(),
});
export type TeamMember = z.infer<typeof teamMember>;

export const ticketPage = z.object({
  items: z.array(ticketSummary),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  /** True when total stopped counting at the cap (a very frequent search term). */
  totalIsCapped: z.boolean(),
});
export type TicketPage = z.infer<typeof ticketPage>;
