import { z } from "zod";
import {
  CHANNELS,
  CUSTOMER_KINDS,
  PRIORITIES,
  RESOLUTION_MODES,
  SLA_METRICS,
  TICKET_ACTIONS,
  TICKET_QUEUES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from "../enums";
import { phoneNumber } from "./fields";
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
  /** Staff's labels (never in the customer's view). */
  tags: z.array(z.string()),
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
  tag: z.string().trim().min(1).max(30).optional(),
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

export const assistInput = z.object({
  departmentId: z.uuid(),
  ownerId: z.uuid().nullish(),
  request: z.string().trim().min(1).max(TICKET_TEXT_LIMITS.description),
  dueAt: z.coerce.date(),
  /** 事后补单 (C030): filed after the first responder already solved the matter. */
  isRetroactive: z.boolean().default(false),
});
export type AssistInput = z.input<typeof assistInput>;

/** Tickets one bulk action takes at most. */
export const BULK_LIMIT = 100;

export const bulkInput = z.object({
  ids: z.array(z.uuid()).min(1).max(BULK_LIMIT),
  /** transfer: to a person and/or department; priority: a new priority; close: tickets whose callback is done. */
  action: z.enum(["transfer", "priority", "close"]),
  assigneeId: z.uuid().nullish(),
  departmentId: z.uuid().nullish(),
  priority: z.enum(PRIORITIES).optional(),
  reason: z.string().trim().min(1).max(500),
});
export type BulkInput = z.input<typeof bulkInput>;

export const classifyInput = z.object({
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  isGreenChannel: z.boolean().optional(),
  reason: z.string().trim().min(1).max(TICKET_TEXT_LIMITS.reason),
});
export type ClassifyInput = z.input<typeof classifyInput>;

export const promiseInput = z.object({
  promisedAt: z.coerce.date(),
  note: z.string().trim().max(TICKET_TEXT_LIMITS.note).nullish(),
});
export type PromiseInput = z.input<typeof promiseInput>;

export const replyInput = z.object({
  body: z.string().trim().min(1).max(TICKET_TEXT_LIMITS.description),
  /** Internal notes stay inside the company; replies reach the customer. */
  isInternal: z.boolean().default(false),
});
export type ReplyInput = z.input<typeof replyInput>;

export const standardAnswerInput = z.object({
  category: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
});
export type StandardAnswerInput = z.input<typeof standardAnswerInput>;

export const savedViewInput = z.object({
  name: z.string().trim().min(1).max(50),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SavedViewInput = z.input<typeof savedViewInput>;

export const transferInput = z
  .object({
    departmentId: z.uuid().nullish(),
    assigneeId: z.uuid().nullish(),
    reason: z.string().trim().min(1).max(TICKET_TEXT_LIMITS.reason),
  })
  .refine((v) => v.departmentId || v.assigneeId, { message: "required", path: ["assigneeId"] });
export type TransferInput = z.input<typeof transferInput>;

export const changeStatusInput = z.object({
  action: z.enum(TICKET_ACTIONS),
  /** Hold and reopen: why. Resolve: the resolution. Record callback: what the customer said. */
  text: z.string().trim().max(TICKET_TEXT_LIMITS.description).nullish(),
  /** Record callback: whether the customer is satisfied; an unsatisfied answer reopens. */
  satisfied: z.boolean().nullish(),
});
export type ChangeStatusInput = z.input<typeof changeStatusInput>;

/** The caller registered at intake: a name and a number, with the contact person. */
export const newCustomerInput = z.object({
  kind: z.enum(CUSTOMER_KINDS).default("individual"),
  name: z.string().trim().min(1).max(100),
  phone: phoneNumber,
  email: z.email().nullish(),
  contactName: z.string().trim().max(50).nullish(),
});
export type NewCustomerInput = z.input<typeof newCustomerInput>;

export const createTicketInput = z.object({
  type: z.enum(TICKET_TYPES),
  channel: z.enum(CHANNELS),
  priority: z.enum(PRIORITIES).default("P3"),
  isGreenChannel: z.boolean().default(false),
  title: z.string().trim().min(1).max(TICKET_TEXT_LIMITS.title),
  description: z.string().trim().min(1).max(TICKET_TEXT_LIMITS.description),
  customerId: z.uuid().nullish(),
  contactId: z.uuid().nullish(),
  /** A caller not yet in the archive, registered together with the ticket. */
  newCustomer: newCustomerInput.nullish(),
  assigneeId: z.uuid().nullish(),
  departmentId: z.uuid().nullish(),
  /** How the caller's identity was checked before account details were disclosed (C019). */
  identityVerifiedBy: z.string().trim().max(100).nullish(),
  /** When the request reached us, if it is logged afterwards (a call, a letter): the clocks start here. */
  receivedAt: z.coerce.date().nullish(),
  /** A repair's unit, site and preferred time (repairs only). */
  repairRequest: repairRequest.nullish(),
});
export type CreateTicketInput = z.input<typeof createTicketInput>;

/** A ticket's tags: at most 10 of at most 30 characters each. */
export const TICKET_TAG_LIMITS = { count: 10, length: 30 } as const;
export const ticketTag = z.string().trim().min(1).max(TICKET_TAG_LIMITS.length);
export const tagsInput = z.object({ tags: z.array(ticketTag).max(TICKET_TAG_LIMITS.count) });
export type TagsInput = z.input<typeof tagsInput>;

/** The assisting department's answer (协办答复). */
export const assistAnswerInput = z.object({ answer: z.string() });
export type AssistAnswerInput = z.input<typeof assistAnswerInput>;

/** A phrase agents may not say to customers (服务忌语). */
export const forbiddenPhraseInput = z.object({ phrase: z.string() });
export type ForbiddenPhraseInput = z.input<typeof forbiddenPhraseInput>;
