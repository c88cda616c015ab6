import { z } from "zod";
import {
  ARRIVAL_OUTCOMES,
  CALLBACK_TASK_STATUSES,
  CHECKLIST_PHASES,
  PRIORITIES,
  REPAIR_RETURN_STATUSES,
  SETTLEMENT_STATUSES,
  WORK_ORDER_KINDS,
  WORK_ORDER_STAGES,
  WORK_ORDER_STATUSES,
} from "../enums";
import { noBody, optionalText } from "./fields";
import { pageQuery } from "./pagination";

const s = z.string().nullable();
const when = z.string().nullable();

/** A work order (派工单) as lists show it. */
export const workOrderDto = z.object({
  id: z.string(),
  number: z.string(),
  ticketId: z.string(),
  customerId: s,
  kind: z.enum(WORK_ORDER_KINDS),
  status: z.enum(WORK_ORDER_STATUSES),
  purchaseId: s,
  product: z.string(),
  model: s,
  serialNo: s,
  fault: z.string(),
  siteAddress: z.string(),
  region: s,
  preferredAt: when,
  warrantyEndsOn: s,
  inWarranty: z.boolean(),
  chargeable: z.boolean(),
  chargeableReason: s,
  servicePointId: s,
  outOfRegion: z.boolean(),
  engineerId: s,
  dispatchedAt: when,
  appointmentAt: when,
  declineCount: z.number(),
  checklist: z.array(
    z.object({
      label: z.string(),
      phase: z.enum(CHECKLIST_PHASES),
      required: z.boolean(),
      doneAt: when,
    }),
  ),
  arriveBy: when,
  completeBy: when,
  estimateFen: z.number(),
  approvalStatus: z.enum(["pending", "approved", "rejected"]).nullable(),
  approverRole: s,
  approvedAt: when,
  approvalNote: s,
  acceptedAt: when,
  departedAt: when,
  destination: s,
  arrivedAt: when,
  lateMinutes: z.number().nullable(),
  delayNotifiedAt: when,
  delayExpectedAt: when,
  returnedAt: when,
  diagnosis: s,
  faultCause: s,
  workDone: s,
  testResult: s,
  maintenanceAdvice: s,
  technicalProblem: s,
  technicalOutcome: s,
  reportStatus: z.enum(["submitted", "approved", "returned"]).nullable(),
  reportDueOn: s,
  reportSubmittedAt: when,
  reportReviewedAt: when,
  reportComment: s,
  signatureAttachmentId: s,
  signerName: s,
  customerOpinion: s,
  customerSatisfied: z.boolean().nullable(),
  signedAt: when,
  noSignatureReason: s,
  completedAt: when,
  labourFen: z.number(),
  travelFen: z.number(),
  partsFen: z.number(),
  settlementStatus: z.enum(SETTLEMENT_STATUSES),
  settledAt: when,
  voucherNo: s,
  previousWorkOrderId: s,
  createdAt: z.string(),
});
export type WorkOrderRow = z.infer<typeof workOrderDto>;

/** 客户产品返修 (C075): the receipt and its line in the product in/out register. */
export const repairReturnDto = z.object({
  id: z.string(),
  number: z.string(),
  workOrderId: z.string(),
  workOrderNumber: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  customer: s,
  contactName: s,
  status: z.enum(REPAIR_RETURN_STATUSES),
  product: z.string(),
  model: s,
  serialNo: s,
  accessories: s,
  condition: s,
  fault: z.string(),
  expectedBackOn: s,
  receivedByName: z.string(),
  receivedAt: z.string(),
  signerName: z.string(),
  signatureAttachmentId: z.string(),
  repairNote: s,
  repairedAt: when,
  returnedAt: when,
  receiptTakenBack: z.boolean().nullable(),
  returnNote: s,
  abilities: z.object({ markRepaired: z.boolean(), giveBack: z.boolean() }),
});
export type RepairReturnRow = z.infer<typeof repairReturnDto>;

/** A work order with what its page and the service report show. */
export const workOrderDetailDto = workOrderDto.extend({
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  customer: s,
  contactName: s,
  contactPhone: s,
  servicePoint: s,
  engineer: s,
  dispatcher: s,
  parts: z.array(
    z.object({
      partId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      reserved: z.number(),
      used: z.number(),
      priceFen: z.number(),
    }),
  ),
  photos: z.array(z.object({ id: z.string(), fileName: z.string() })),
  repairReturns: z.array(repairReturnDto),
  /** Its way from 受理 to 归档 (C066). */
  progress: z.array(z.object({ stage: z.enum(WORK_ORDER_STAGES), at: when, by: s, skipped: z.boolean() })),
  /** How each appointment was kept (C069), oldest first. */
  arrivals: z.array(
    z.object({
      id: z.string(),
      engineer: z.string(),
      appointmentAt: z.string(),
      outcome: z.enum(ARRIVAL_OUTCOMES),
      lateMinutes: z.number(),
      customerInformed: z.boolean(),
      violation: z.boolean(),
      note: s,
    }),
  ),
  abilities: z.object({
    dispatch: z.boolean(),
    cancel: z.boolean(),
    planPart: z.boolean(),
    respond: z.boolean(),
    depart: z.boolean(),
    arrive: z.boolean(),
    notifyDelay: z.boolean(),
    checkBefore: z.boolean(),
    checkDuring: z.boolean(),
    checkAfter: z.boolean(),
    recordNoShow: z.boolean(),
    onSite: z.boolean(),
    takeBack: z.boolean(),
    editReport: z.boolean(),
    submitReport: z.boolean(),
    reviewReport: z.boolean(),
    approve: z.boolean(),
    returnFromSite: z.boolean(),
    settle: z.boolean(),
    revealContact: z.boolean(),
  }),
});
export type WorkOrderDetail = z.infer<typeof workOrderDetailDto>;

/** An engineer on the dispatch board, ranked for a work order when one is given. */
export const engineerDto = z.object({
  id: z.string(),
  name: z.string(),
  servicePointId: s,
  servicePoint: s,
  regions: z.array(z.string()),
  skills: z.array(z.string()),
  load: z.number(),
  today: z.array(z.object({ number: z.string(), appointmentAt: z.string() })),
  overdueTools: z.array(z.string()),
  regionMatch: z.boolean().optional(),
  skillMatch: z.number().optional(),
});
export type Engineer = z.infer<typeof engineerDto>;

export const dispatchBoardDto = z.object({
  waiting: z.array(
    workOrderDto.extend({
      ticketNumber: z.string(),
      customer: s,
      servicePoint: s,
      suggested: s,
    }),
  ),
  engineers: z.array(engineerDto),
});
export type DispatchBoard = z.infer<typeof dispatchBoardDto>;

export const callbackTaskDto = z.object({
  id: z.string(),
  ticketId: z.string(),
  workOrderId: s,
  assigneeId: s,
  dueOn: z.string(),
  reason: z.string(),
  sampleId: s,
  status: z.enum(CALLBACK_TASK_STATUSES),
  satisfied: z.boolean().nullable(),
  result: s,
  responseId: s,
  doneAt: when,
  number: z.string(),
  title: z.string(),
  priority: z.enum(PRIORITIES),
  ticketStatus: z.string(),
  customer: s,
  /** The person who reported the case: whom a callback calls (C087). */
  contact: s,
});
export type CallbackTask = z.infer<typeof callbackTaskDto>;

const hours = z.number().nullable();
/** 售后服务周报 (C074): the week's field service for management. */
const punctuality = {
  /** Appointments that came due: kept (on time or late) or missed. */
  appointments: z.number(),
  arrived: z.number(),
  onTime: z.number(),
  late: z.number(),
  noShows: z.number(),
  /** Late or missed without telling the customer beforehand (C069). */
  violations: z.number(),
};

/** 售后服务周报 / 月度统计 (C074). */
export const fieldServiceReportDto = z.object({
  period: z.enum(["week", "month"]),
  from: z.string(),
  to: z.string(),
  summary: z.object({
    created: z.number(),
    completed: z.number(),
    firstTimeFixed: z.number(),
    repeatVisits: z.number(),
    takenBack: z.number(),
    /** Repair requests resolved by phone or remotely, and on site (C065). */
    resolvedRemotely: z.number(),
    resolvedOnSite: z.number(),
    /** Completed with a completion target of their kind (C081), and within it. */
    withTarget: z.number(),
    onTarget: z.number(),
    ...punctuality,
    avgArriveHours: hours,
    avgRepairHours: hours,
    revenueFen: z.number(),
    confirmedFen: z.number(),
  }),
  days: z.array(z.object({ day: z.string(), completed: z.number() })),
  kinds: z.array(z.object({ kind: z.enum(WORK_ORDER_KINDS), completed: z.number() })),
  engineers: z.array(
    z.object({
      engineer: z.string(),
      completed: z.number(),
      avgRepairHours: hours,
      ...punctuality,
      summaryFiled: z.boolean(),
    }),
  ),
  parts: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), used: z.number() })),
  problems: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      product: z.string(),
      engineer: s,
      problem: z.string(),
      outcome: s,
    }),
  ),
  summaries: z.array(
    z.object({
      engineer: z.string(),
      weekStart: z.string(),
      workDone: z.string(),
      problems: s,
      nextWeek: s,
    }),
  ),
});
export type FieldServiceReport = z.infer<typeof fieldServiceReportDto>;

/** An engineer's own weekly summary (C074). */
export const weekSummaryDto = z.object({
  weekStart: z.string(),
  editable: z.boolean(),
  workDone: s,
  problems: s,
  nextWeek: s,
});
export type WeekSummary = z.infer<typeof weekSummaryDto>;

/** 产品召回 (C084): a campaign with how many of its units are done. */
export const recallDto = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  reason: z.string(),
  product: z.string(),
  model: s,
  deliveredFrom: s,
  deliveredTo: s,
  serialFrom: s,
  serialTo: s,
  createdAt: z.string(),
});
export type Recall = z.infer<typeof recallDto>;
export const recallPreviewDto = z.object({
  total: z.number(),
  tooMany: z.boolean(),
  units: z.array(
    z.object({
      purchaseId: z.string(),
      customer: z.string(),
      product: z.string(),
      model: s,
      serialNo: s,
      deliveredOn: s,
    }),
  ),
});
export type RecallPreview = z.infer<typeof recallPreviewDto>;

/** 工具与计量器具 (C079): a tool with its holder, check dates and loan. */
export const toolDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  servicePointId: s,
  servicePoint: s,
  holderId: s,
  holder: s,
  checkIntervalDays: z.number().nullable(),
  lastCheckedOn: s,
  nextCheckOn: s,
  lentToCustomerId: s,
  lentTo: s,
  lentOn: s,
  dueBackOn: s,
  checkOverdue: z.boolean(),
  loanOverdue: z.boolean(),
});
export type ToolRow = z.infer<typeof toolDto>;

/** A kind of work's checklist and targets (C081). */
export const kindSettingsDto = z.object({
  kind: z.enum(WORK_ORDER_KINDS),
  checklist: z.array(z.object({ label: z.string(), phase: z.enum(CHECKLIST_PHASES), required: z.boolean() })),
  arrivalHours: z.number().nullable(),
  completionHours: z.number().nullable(),
  isDefault: z.boolean(),
});
export type KindSettingsRow = z.infer<typeof kindSettingsDto>;

const day = z.iso.date().nullish();

export const weekSummaryInput = z.object({
  /** Any day of the week summed up: this week or the last. */
  week: z.iso.date(),
  workDone: z.string().trim().min(1).max(4000),
  problems: optionalText(2000),
  nextWeek: optionalText(2000),
});
export type WeekSummaryInput = z.input<typeof weekSummaryInput>;

export const settlementListQuery = pageQuery.extend({
  status: z.enum(["to_confirm", "confirmed"]).default("to_confirm"),
});
export type SettlementListQuery = z.input<typeof settlementListQuery>;

export const confirmSettlementInput = z.object({ voucherNo: z.string().trim().min(1).max(100) });
export type ConfirmSettlementInput = z.input<typeof confirmSettlementInput>;

export const workOrderInput = z.object({
  kind: z.enum(WORK_ORDER_KINDS).default("repair"),
  /** The unit from the customer's installed base; its product, model and serial are taken over. */
  purchaseId: z.uuid().nullish(),
  product: z.string().trim().max(200).nullish(),
  model: z.string().trim().max(100).nullish(),
  serialNo: z.string().trim().max(100).nullish(),
  fault: z.string().trim().min(1).max(4000),
  siteAddress: z.string().trim().min(1).max(500),
  /** Province of the site; the customer's region when not given. */
  region: z.string().trim().max(50).nullish(),
  preferredAt: z.coerce.date().nullish(),
  /** Charge or not against what the warranty says; a reason is then required. */
  chargeable: z.boolean().nullish(),
  chargeableReason: z.string().trim().max(500).nullish(),
  /** Estimated cost in fen: with the kind, decides whether a 联络单 approval is needed (C068). */
  estimateFen: z.number().int().min(0).max(100_000_000).default(0),
});
export type WorkOrderInput = z.input<typeof workOrderInput>;

export const noShowInput = z.object({
  /** What happened: who reported it, what the engineer said. */
  note: z.string().trim().min(1).max(500),
  /** The new time agreed with the customer; sent to them. */
  appointmentAt: z.coerce.date(),
});
export type NoShowInput = z.input<typeof noShowInput>;

export const dispatchInput = z.object({
  engineerId: z.uuid(),
  /** The time agreed with the customer (预约); sent to them. */
  appointmentAt: z.coerce.date(),
});
export type DispatchInput = z.input<typeof dispatchInput>;

export const appointmentCheckQuery = z.object({ at: z.coerce.date() });
export type AppointmentCheckQuery = z.input<typeof appointmentCheckQuery>;

export const cancelInput = z.object({ reason: z.string().trim().min(1).max(500) });
export type CancelInput = z.input<typeof cancelInput>;

export const reportPeriodQuery = z.object({
  /** 周报 (Monday to Sunday) or 月度售后统计. */
  period: z.enum(["week", "month"]).default("week"),
  /** Any day of the week or month. */
  day: z.iso.date(),
});
export type ReportPeriod = z.infer<typeof reportPeriodQuery>;

export const toolInput = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  servicePointId: z.uuid().nullish(),
  holderId: z.uuid().nullish(),
  checkIntervalDays: z.number().int().min(1).max(3650).nullish(),
  lastCheckedOn: z.iso.date().nullish(),
});
export type ToolInput = z.input<typeof toolInput>;

export const checkInput = z.object({ checkedOn: z.iso.date() });
export type CheckInput = z.input<typeof checkInput>;

export const lendInput = z.object({ customerId: z.uuid(), dueBackOn: z.iso.date() });
export type LendInput = z.input<typeof lendInput>;

/** `attention=false` in a query string means false (a plain coercion would read any text as true). */
export const toolListQuery = z.object({ attention: z.union([z.boolean(), z.stringbool()]).optional() });
export type ToolListQuery = z.input<typeof toolListQuery>;

export const partUseInput = z.object({
  partId: z.uuid(),
  quantity: z.number().int().min(1).max(1000),
});
export type PartUseInput = z.input<typeof partUseInput>;

export const myWorkOrdersQuery = pageQuery.extend({
  /** open: in hand, soonest appointment first; done: completed, latest first. */
  state: z.enum(["open", "done"]).default("open"),
});
export type MyWorkOrdersQuery = z.input<typeof myWorkOrdersQuery>;

/** Which installed units a recall covers: product (contains), model, delivery batch, serial range. */
export const recallCriteria = z.object({
  product: z.string().trim().min(1).max(200),
  model: optionalText(100),
  deliveredFrom: day,
  deliveredTo: day,
  serialFrom: optionalText(100),
  serialTo: optionalText(100),
});
export type RecallCriteria = z.input<typeof recallCriteria>;

export const recallInput = recallCriteria.extend({
  title: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(1).max(2000),
});
export type RecallInput = z.input<typeof recallInput>;

const targetHours = z.number().int().min(1).max(2000).nullable();

export const kindSettingsInput = z.object({
  checklist: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(100),
        phase: z.enum(CHECKLIST_PHASES),
        required: z.boolean(),
      }),
    )
    .max(30),
  arrivalHours: targetHours,
  completionHours: targetHours,
});
export type KindSettingsInput = z.input<typeof kindSettingsInput>;

export const reviewInput = z.object({
  approve: z.boolean(),
  /** What to put right: required when the report is sent back. */
  comment: z.string().trim().max(1000).nullish(),
});
export type ReviewInput = z.input<typeof reviewInput>;

export const REPORT_QUEUES = ["submitted", "overdue", "returned", "approved"] as const;
export const reportQueueQuery = pageQuery.extend({ queue: z.enum(REPORT_QUEUES).default("submitted") });
export type ReportQueueQuery = z.input<typeof reportQueueQuery>;

export const technicalOutcomeInput = z.object({ outcome: z.string().trim().min(1).max(2000) });
export type TechnicalOutcomeInput = z.input<typeof technicalOutcomeInput>;

export const respondInput = z.object({
  accept: z.boolean(),
  /** Why the engineer cannot take it: required when declining. */
  reason: z.string().trim().max(500).nullish(),
});
export type RespondInput = z.input<typeof respondInput>;

export const departInput = z.object({ destination: z.string().trim().max(500).nullish() });
export type DepartInput = z.input<typeof departInput>;

export const delayInput = z.object({
  /** When the engineer now expects to be there. */
  expectedAt: z.coerce.date(),
  note: optionalText(500),
});
export type DelayInput = z.input<typeof delayInput>;

export const tickInput = z.object({ index: z.number().int().min(0), done: z.boolean() });
export type TickInput = z.input<typeof tickInput>;

export const serviceReportInput = z.object({
  diagnosis: optionalText(4000),
  faultCause: optionalText(2000),
  workDone: optionalText(4000),
  testResult: optionalText(2000),
  maintenanceAdvice: optionalText(2000),
  technicalProblem: optionalText(2000),
});
export type ServiceReportInput = z.input<typeof serviceReportInput>;

/** A customer's name and the signature they drew on screen, as a PNG data URL or base64. */
export const signatureInput = z.object({
  signerName: z.string().trim().min(1).max(100),
  image: z.string().max(2_000_000),
});
export type SignatureInput = z.input<typeof signatureInput>;

export const signInput = signatureInput.extend({ opinion: optionalText(1000), satisfied: z.boolean() });
export type SignInput = z.input<typeof signInput>;

const fen = z.number().int().min(0).max(100_000_000);

export const completeInput = z.object({
  /** Why the customer could not sign (absent, refused): completion without a signature needs it. */
  noSignatureReason: optionalText(500),
  labourFen: fen.default(0),
  travelFen: fen.default(0),
});
export type CompleteInput = z.input<typeof completeInput>;

export const approvalRuleInput = z.object({
  /** The kind of work it covers; every kind when empty. */
  kind: z.enum(WORK_ORDER_KINDS).nullish(),
  /** From this estimated cost up, in fen; any cost when empty. */
  minEstimateFen: z.number().int().min(0).max(100_000_000).nullish(),
  approverRole: z.string().trim().min(1).max(50),
});
export type ApprovalRuleInput = z.input<typeof approvalRuleInput>;

export const approvalDecisionInput = z.object({
  approve: z.boolean(),
  /** Why not: required when refusing. */
  note: z.string().trim().max(1000).nullish(),
});
export type ApprovalDecisionInput = z.input<typeof approvalDecisionInput>;

export const takeBackInput = signatureInput.extend({
  accessories: optionalText(500),
  condition: optionalText(500),
  /** The fault as the customer and engineer agree on it; the work order's when not given. */
  fault: optionalText(2000),
  expectedBackOn: z.iso.date().nullish(),
});
export type TakeBackInput = z.input<typeof takeBackInput>;

export const repairedInput = z.object({ repairNote: z.string().trim().min(1).max(2000) });
export type RepairedInput = z.input<typeof repairedInput>;

export const giveBackInput = z.object({
  receiptTakenBack: z.boolean(),
  /** Required when the receipt is not taken back: why (lost, the customer keeps it…). */
  note: optionalText(500),
});
export type GiveBackInput = z.input<typeof giveBackInput>;

export const registerQuery = pageQuery.extend({ status: z.enum(REPAIR_RETURN_STATUSES).optional() });
export type RegisterQuery = z.input<typeof registerQuery>;

/**
 * What each step of a work order takes (POST /api/work-orders/:id/<step>): the server registers a route
 * per key, the console posts a body of the key's type.
 */
export const WORK_ORDER_STEP_INPUTS = {
  dispatch: dispatchInput,
  cancel: cancelInput,
  respond: respondInput,
  depart: departInput,
  arrive: noBody,
  delay: delayInput,
  checklist: tickInput,
  "no-show": noShowInput,
  report: serviceReportInput,
  "plan-part": partUseInput,
  "use-part": partUseInput,
  sign: signInput,
  complete: completeInput,
  "take-back": takeBackInput,
  return: noBody,
  "submit-report": noBody,
  "review-report": reviewInput,
  "technical-outcome": technicalOutcomeInput,
  settle: confirmSettlementInput,
  approval: approvalDecisionInput,
} as const;
export type WorkOrderStep = keyof typeof WORK_ORDER_STEP_INPUTS;
export type WorkOrderStepInput<S extends WorkOrderStep> = z.input<(typeof WORK_ORDER_STEP_INPUTS)[S]>;
