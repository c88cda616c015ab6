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
