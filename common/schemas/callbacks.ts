import { z } from "zod";
import { CALLBACK_TASK_STATUSES, CUSTOMER_CALLBACK_LISTS, PRIORITIES, TICKET_STATUSES } from "../enums";

const rates = z.object({ P1: z.number(), P2: z.number(), P3: z.number(), P4: z.number() });

/** A month of sampled satisfaction callbacks (C086): each day's draw, and the rate attained per priority. */
export const callbackSampleReportDto = z.object({
  month: z.string(),
  samples: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      seed: z.string(),
      rates,
      population: z.number(),
      drawn: z.number(),
      called: z.number(),
      unreachable: z.number(),
      unsatisfied: z.number(),
    }),
  ),
  byPriority: z.array(
    z.object({
      priority: z.enum(PRIORITIES),
      resolved: z.number(),
      drawn: z.number(),
      called: z.number(),
      /** The share of the month's resolved tickets called back, against the rate asked for. */
      attained: z.number().nullable(),
      target: z.number(),
    }),
  ),
});
export type CallbackSampleReport = z.infer<typeof callbackSampleReportDto>;

/**
 * 客户回访名单 rules (C089–C092): the share of customers drawn each month, the months of silence that
 * make a customer dormant, the days ahead a warranty's end is called about, and whether delivered
 * projects are called (monthly in their first year, quarterly after, while under warranty).
 */
export const customerListRules = z.object({
  sampleShare: z.number().min(0).max(1),
  dormantMonths: z.number().int().min(1).max(60),
  reminderLeadDays: z.number().int().min(1).max(365),
  projectCallbacks: z.boolean(),
});
export type CustomerListRules = z.infer<typeof customerListRules>;

/** Why a customer is on a list (C089–C092), for the console to word in the reader's language. */
export const callbackDetail = z.object({
  /** monthly_sample: the month drawn. */
  month: z.string().optional(),
  /** dormant: the last contact, and the months of silence that listed the customer. */
  lastContact: z.string().optional(),
  months: z.number().optional(),
  /** warranty_due: the day the warranty ends. */
  endsOn: z.string().optional(),
  /** warranty_due, project: the first units (product and model) and how many there are. */
  units: z.array(z.string()).optional(),
  unitCount: z.number().optional(),
  /** project: its order, and the month after delivery the call is for. */
  orderNo: z.string().nullable().optional(),
  monthAfter: z.number().optional(),
});
export type CallbackDetail = z.infer<typeof callbackDetail>;

const s = z.string().nullable();
/** One entry of a customer callback list, with whom to call. */
export const customerCallbackDto = z.object({
  id: z.string(),
  list: z.enum(CUSTOMER_CALLBACK_LISTS),
  customerId: z.string(),
  customer: z.string(),
  contact: s,
  detail: callbackDetail,
  dueOn: z.string(),
  assignee: s,
  status: z.enum(CALLBACK_TASK_STATUSES),
  satisfied: z.boolean().nullable(),
  result: s,
  followUpTicketId: s,
  followUpNumber: s,
  doneBy: s,
  doneAt: s,
  /** The call takes the questionnaire (the monthly sample, C089); else satisfied or not, with a note. */
  questionnaire: z.boolean(),
  may: z.object({ record: z.boolean() }),
});
export type CustomerCallback = z.infer<typeof customerCallbackDto>;

/** 回访核对 (C094): per callback agent, a month's callbacks against the completed work they were for. */
export const callbackReconciliationDto = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      userId: z.string().nullable(),
      name: z.string().nullable(),
      /** Callbacks due to them in the month. */
      due: z.number(),
      done: z.number(),
      unreachable: z.number(),
      /** Completed work whose callback was not made by the month's end. */
      missing: z.number(),
      /** Callbacks recorded as made about work that was not (or no longer) completed. */
      unmatched: z.number(),
    }),
  ),
  /** 电话回访汇总表 (C088): per day, the callbacks due and what came of them. */
  days: z.array(
    z.object({
      day: z.string(),
      due: z.number(),
      done: z.number(),
      unreachable: z.number(),
      satisfied: z.number(),
      unsatisfied: z.number(),
    }),
  ),
  missing: z.array(
    z.object({
      taskId: z.string(),
      ticketId: z.string(),
      number: z.string(),
      assignee: s,
      dueOn: z.string(),
    }),
  ),
  unmatched: z.array(
    z.object({
      taskId: z.string(),
      ticketId: z.string(),
      number: z.string(),
      assignee: s,
      status: z.enum(TICKET_STATUSES),
    }),
  ),
});
export type CallbackReconciliation = z.infer<typeof callbackReconciliationDto>;

/** 不满意跟进 (C093): a follow-up of an unsatisfied customer, tracked to its final result. */
export const followUpDto = z.object({
  ticketId: z.string(),
  number: z.string(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  /** survey: an answer rated 不满意 or lower; customer_list: a call from the customer lists. */
  source: z.enum(["survey", "customer_list"]),
  customer: s,
  owner: s,
  openedAt: z.string(),
  resolvedAt: s,
  resolution: s,
  /** The customer's final word at the closing callback; null until it is made. */
  finalSatisfied: z.boolean().nullable(),
  /** A service-time limit of the follow-up was missed: for the owner's appraisal. */
  overdue: z.boolean(),
});
export type FollowUp = z.infer<typeof followUpDto>;
