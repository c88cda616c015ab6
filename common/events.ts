import { z } from "zod";
import { CUSTOMER_GRADES, PRIORITIES } from "./enums";

// The domain events (DESIGN, "Events, layers and channels"): what a state change records, in the same
// transaction, for listeners inside it and for webhooks and automations after it. A payload carries ids
// and the facts a receiver needs to decide — never a customer's personal data (names, numbers, text).

const uuid = z.uuid();
const ticketRef = { ticketId: uuid, number: z.string() };

export const DOMAIN_EVENTS = {
  /** A ticket was taken in (any channel). */
  "ticket.created": z.object({
    ...ticketRef,
    type: z.string(),
    priority: z.enum(PRIORITIES),
    channel: z.string(),
    customerId: uuid.nullable(),
    departmentId: uuid.nullable(),
    assigneeId: uuid.nullable(),
  }),
  /** A lifecycle action moved the ticket (accept, hold, resolve, record a callback, reopen, close …). */
  "ticket.status_changed": z.object({
    ...ticketRef,
    action: z.string(),
    from: z.string(),
    to: z.string(),
    /** Record callback: whether the customer was satisfied. */
    satisfied: z.boolean().optional(),
  }),
  /** Another holder or department: a transfer, or someone taking an unowned ticket. */
  "ticket.assigned": z.object({
    ...ticketRef,
    assigneeId: uuid.nullable(),
    previousAssigneeId: uuid.nullable(),
    departmentId: uuid.nullable(),
  }),
  /** Type, priority or green channel changed. */
  "ticket.reclassified": z.object({
    ...ticketRef,
    type: z.string(),
    priority: z.enum(PRIORITIES),
    previousType: z.string(),
    previousPriority: z.enum(PRIORITIES),
    isGreenChannel: z.boolean(),
  }),
  /** A message on the ticket: the customer's, a reply to them, or an internal note. */
  "ticket.replied": z.object({ ...ticketRef, kind: z.enum(["customer_reply", "reply", "note"]) }),
  /** A customer's grade changed (key customers may have tighter time limits). */
  "customer.grade_changed": z.object({
    customerId: uuid,
    from: z.enum(CUSTOMER_GRADES).nullable(),
    to: z.enum(CUSTOMER_GRADES).nullable(),
  }),
  /** A complaint step was done or skipped (C051–C061). */
  "complaint.step_done": z.object({
    complaintId: uuid,
    ticketId: uuid,
    step: z.string(),
    skipped: z.boolean(),
  }),
  /** An engineer finished the work on site (M5). */
  "work_order.completed": z.object({
    workOrderId: uuid,
    number: z.string(),
    ticketId: uuid,
    engineerId: uuid.nullable(),
    customerSatisfied: z.boolean().nullable(),
    /** What the customer is charged, in fen. */
    totalFen: z.int(),
  }),
  /** A satisfaction survey was answered, by link or entered by staff (M6). */
  "survey.answered": z.object({
    responseId: uuid,
    ticketId: uuid.nullable(),
    channel: z.string(),
    score: z.number().nullable(),
    unsatisfied: z.boolean(),
  }),
  /** A service-time clock passed its limit (M3). */
  "sla.breached": z.object({ ...ticketRef, metric: z.string(), dueAt: z.iso.datetime() }),
  /**
   * An automation rule acted on a ticket. Sent to the endpoints that ask for it and to the one the
   * rule names, if any (its "call a webhook" action).
   */
  "automation.fired": z.object({
    ...ticketRef,
    ruleId: uuid,
    /** Whether its actions went through (false: one was refused and none was kept). */
    applied: z.boolean(),
    webhookEndpointId: uuid.nullable(),
  }),
} as const;

export type DomainEventType = keyof typeof DOMAIN_EVENTS;
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENTS) as DomainEventType[];
export type DomainEventPayload<T extends DomainEventType> = z.infer<(typeof DOMAIN_EVENTS)[T]>;
