import { z } from "zod";
import { CALLBACK_TASK_STATUSES, CUSTOMER_CALLBACK_LISTS, PRIORITIES, TICKET_STATUSES } from "../enums";
import { pageQuery } from "./pagination";
import { answerInput } from "./surveys";

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

export const customerCallbackQuery = pageQuery.extend({
  list: z.enum(CUSTOMER_CALLBACK_LISTS).optional(),
  /** mine: assigned to me; all: every entry (the callback desk, supervisors). */
  scope: z.enum(["mine", "all"]).default("mine"),
  status: z.enum(["open", "done"]).default("open"),
});
export type CustomerCallbackQuery = z.input<typeof customerCallbackQuery>;

export const customerCallInput = z.object({
  /** answered: the customer was reached; unreachable: nobody could be. */
  outcome: z.enum(["answered", "unreachable"]),
  /** The questionnaire as the customer answered it — required for the monthly sample (C089). */
  answers: answerInput.shape.answers.optional(),
  /** Without a questionnaire: whether the customer is satisfied. */
  satisfied: z.boolean().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type CustomerCallInput = z.input<typeof customerCallInput>;

export const satisfactionCallInput = z.object({
  /** answered: the customer took the questionnaire on the phone; unreachable: nobody could be reached. */
  outcome: z.enum(["answered", "unreachable"]),
  answers: answerInput.shape.answers.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type SatisfactionCallInput = z.input<typeof satisfactionCallInput>;

export const contactDto = z.object({
  name: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
});

export const callbackListQuery = pageQuery.extend({
  /** mine: due from me; all: every one I may see (the tickets' visibility decides). */
  scope: z.enum(["mine", "all"]).default("mine"),
  /** done: made, whether or not somebody could be reached. */
  status: z.enum(["open", "done"]).default("open"),
});
export type CallbackListQuery = z.input<typeof callbackListQuery>;

export const followUpQuery = pageQuery.extend({
  /** open: not yet called back to the customer's satisfaction; done: closed with their final word. */
  status: z.enum(["open", "done"]).default("open"),
});
export type FollowUpQuery = z.input<typeof followUpQuery>;
