import { z } from "zod";
import { SETTLEMENT_STATUSES, WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from "../enums";

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
  acceptedAt: when,
  departedAt: when,
  destination: s,
  arrivedAt: when,
  lateMinutes: z.number().nullable(),
  returnedAt: when,
  diagnosis: s,
  faultCause: s,
  workDone: s,
  testResult: s,
  maintenanceAdvice: s,
  technicalProblem: s,
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
  abilities: z.object({
    dispatch: z.boolean(),
    cancel: z.boolean(),
    planPart: z.boolean(),
    respond: z.boolean(),
    depart: z.boolean(),
    arrive: z.boolean(),
    onSite: z.boolean(),
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
  status: z.enum(["open", "done"]),
  satisfied: z.boolean().nullable(),
  result: s,
  doneAt: when,
  number: z.string(),
  title: z.string(),
  ticketStatus: z.string(),
  customer: s,
});
export type CallbackTask = z.infer<typeof callbackTaskDto>;
