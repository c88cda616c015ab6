import { z } from "zod";
import { CHANNELS, CUSTOMER_GRADES, PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from "../enums";
import { TICKET_TAG_LIMITS, ticketTag } from "./tickets";

/**
 * Automations (issue 18, C021, C027): rules an administrator defines. A trigger runs when one of these
 * events happens to a ticket; a timed rule runs on a schedule for tickets that have waited long enough.
 */
export const AUTOMATION_EVENTS = [
  "ticket.created",
  "ticket.status_changed",
  "ticket.replied",
  "ticket.assigned",
  "ticket.reclassified",
  "sla.breached",
] as const;
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number];

export const AUTOMATION_KINDS = ["trigger", "timed"] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];

/** What a timed rule measures from: the ticket's last change (of any kind), or when it was received. */
export const TIMED_SINCE = ["last_activity", "received"] as const;

/** Status changes a rule may make (a timed rule's "close after 7 days" resolves with its reason). */
export const AUTOMATION_STATUS_ACTIONS = ["resolve", "wait_customer", "hold"] as const;

/** Whom a rule notifies: the ticket's holder, its first responder (C027), the heads of its department. */
export const AUTOMATION_RECIPIENTS = ["holder", "first_responder", "department_heads"] as const;

export const AUTOMATION_LIMITS = {
  name: 60,
  text: 100,
  reason: 500,
  regions: 50,
  /** A timed rule waits at most a year of working hours. */
  hours: 2000,
  /** Rules of one kind: few enough to read top to bottom. */
  rules: 100,
} as const;

const some = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).max(values.length);

/**
 * When a rule applies: every condition given must hold; a list is met by any of its values. An
 * empty conditions object applies to every ticket.
 */
export const automationConditions = z
  .object({
    types: some(TICKET_TYPES),
    priorities: some(PRIORITIES),
    channels: some(CHANNELS),
    statuses: some(TICKET_STATUSES),
    departmentIds: z.array(z.uuid()).max(50),
    customerGrades: some(CUSTOMER_GRADES),
    /** The customer is (true) or is not (false) a VIP. */
    vip: z.boolean(),
    greenChannel: z.boolean(),
    /** Nobody holds it yet (true), or someone does (false). */
    unassigned: z.boolean(),
    /** The customer's region (省/市 as recorded in the archive). */
    regions: z.array(z.string().trim().min(1).max(AUTOMATION_LIMITS.text)).max(AUTOMATION_LIMITS.regions),
    /** Words in the title or description. */
    textContains: z.string().trim().min(1).max(AUTOMATION_LIMITS.text),
    /** The repair's product, as the caller named it or from their installed base. */
    productContains: z.string().trim().min(1).max(AUTOMATION_LIMITS.text),
  })
  .partial();
export type AutomationConditions = z.infer<typeof automationConditions>;

/** What a rule does, in this order: classify, tag, route, answer, change status, notify, call a webhook. */
export const automationActions = z
  .object({
    type: z.enum(TICKET_TYPES),
    priority: z.enum(PRIORITIES),
    /** Added to the ticket's tags (those it has stay). */
    addTags: z.array(ticketTag).min(1).max(TICKET_TAG_LIMITS.count),
    /** Into a department's queue (C021), to nobody, a named member, or its members in turn. */
    route: z.object({
      departmentId: z.uuid(),
      assign: z.enum(["queue", "round_robin", "user"]).default("queue"),
      userId: z.uuid().nullish(),
    }),
    /** A standard answer (标准化回答) sent to the customer as a reply. */
    standardAnswerId: z.uuid(),
    status: z.object({
      action: z.enum(AUTOMATION_STATUS_ACTIONS),
      reason: z.string().trim().min(1).max(AUTOMATION_LIMITS.reason),
    }),
    notify: z.object({
      recipients: z.array(z.enum(AUTOMATION_RECIPIENTS)).max(AUTOMATION_RECIPIENTS.length).default([]),
      userIds: z.array(z.uuid()).max(20).default([]),
      /** Everyone holding one of these roles, by key (e.g. supervisor). */
      roleKeys: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    }),
    webhookEndpointId: z.uuid(),
  })
  .partial();
export type AutomationActions = z.infer<typeof automationActions>;

export const automationInput = z
  .object({
    name: z.string().trim().min(1).max(AUTOMATION_LIMITS.name),
    kind: z.enum(AUTOMATION_KINDS),
    /** Triggers: the event they run on. */
    event: z.enum(AUTOMATION_EVENTS).nullish(),
    /** Timed rules: how many working hours after `since` (the organisation's office calendar). */
    afterHours: z.number().positive().max(AUTOMATION_LIMITS.hours).nullish(),
    since: z.enum(TIMED_SINCE).default("last_activity"),
    conditions: automationConditions.default({}),
    actions: automationActions,
    /** The rules after this one are not tried when it fires. */
    stop: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .superRefine((rule, issue) => {
    if (rule.kind === "trigger" && !rule.event)
      issue.addIssue({ code: "custom", path: ["event"], message: "required" });
    if (rule.kind === "timed" && !rule.afterHours)
      issue.addIssue({ code: "custom", path: ["afterHours"], message: "required" });
    const route = rule.actions.route;
    if (route?.assign === "user" && !route.userId)
      issue.addIssue({ code: "custom", path: ["actions", "route", "userId"], message: "required" });
    if (!Object.values(rule.actions).some(Boolean))
      issue.addIssue({ code: "custom", path: ["actions"], message: "required" });
    const notify = rule.actions.notify;
    if (notify && !notify.recipients.length && !notify.userIds.length && !notify.roleKeys.length)
      issue.addIssue({ code: "custom", path: ["actions", "notify", "recipients"], message: "required" });
  });
export type AutomationInput = z.input<typeof automationInput>;

export const automationDto = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(AUTOMATION_KINDS),
  event: z.enum(AUTOMATION_EVENTS).nullable(),
  afterHours: z.number().nullable(),
  since: z.enum(TIMED_SINCE).nullable(),
  conditions: automationConditions,
  actions: automationActions,
  stop: z.boolean(),
  active: z.boolean(),
  position: z.number(),
  /** Firings in the last 7 days, and the last one. */
  firedRecently: z.number(),
  lastFiredAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type AutomationDto = z.infer<typeof automationDto>;

/** The rules of a kind in their new order (all of them, each once). */
export const reorderInput = z.object({
  kind: z.enum(AUTOMATION_KINDS),
  ids: z.array(z.uuid()).max(AUTOMATION_LIMITS.rules),
});
export type ReorderInput = z.input<typeof reorderInput>;

/** One kind of rules: the list shown, the defaults to make. */
export const automationKindInput = z.object({ kind: z.enum(AUTOMATION_KINDS) });
export type AutomationKindInput = z.input<typeof automationKindInput>;
