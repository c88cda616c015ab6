import { z } from "zod";
import {
  CHANNELS,
  COMPENSATION_KINDS,
  COMPLAINT_CLASSES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STEPS,
  RMA_STATUSES,
} from "../enums";

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

/** A complaint as its panel shows it: record, steps, compensation, approval and what the reader may do. */
export const complaintDto = z.object({
  id: z.string(),
  ticketId: z.string(),
  classification: z.enum(COMPLAINT_CLASSES),
  category: ref,
  severity: z.enum(COMPLAINT_SEVERITIES),
  orderNo: z.string().nullable(),
  partNo: z.string().nullable(),
  deliveryDate: z.string().nullable(),
  quantity: z.number().nullable(),
  defectiveQuantity: z.number().nullable(),
  customerRequest: z.string().nullable(),
  sampleReceived: z.boolean(),
  customerWords: z.string().nullable(),
  responsibleDepartment: ref,
  /** 制造追溯 (C053). */
  productionUnit: z.string().nullable(),
  machineShift: z.string().nullable(),
  operatorName: z.string().nullable(),
  productionDate: z.string().nullable(),
  /** 争议 (C060) and 被投诉人 (C063). */
  disputed: z.boolean(),
  coordinator: ref,
  contractClause: z.string().nullable(),
  accused: ref,
  currentStep: z.enum(COMPLAINT_STEPS).nullable(),
  standardise: z.boolean(),
  status: z.enum(["open", "closed"]),
  steps: z.array(
    z.object({
      step: z.enum(COMPLAINT_STEPS),
      status: z.enum(["waiting", "active", "done", "skipped"]),
      owner: ref,
      department: ref,
      dueAt: z.string().nullable(),
      record: z.record(z.string(), z.unknown()),
      skipReason: z.string().nullable(),
      rejections: z.number(),
      completedBy: ref,
      completedAt: z.string().nullable(),
    }),
  ),
  compensations: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(COMPENSATION_KINDS),
      amountFen: z.number(),
      note: z.string().nullable(),
      status: z.enum(["proposed", "approved", "rejected", "paid"]),
      paidAt: z.string().nullable(),
      /** The caller may record its payment now. */
      mayPay: z.boolean(),
      rma: z
        .object({
          id: z.string(),
          number: z.string(),
          status: z.enum(RMA_STATUSES),
          inspection: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  proposals: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      status: z.enum(["offered", "accepted", "objected"]),
      offeredBy: ref,
      offeredAt: z.string(),
      respondent: z.string().nullable(),
      respondedAt: z.string().nullable(),
      channel: z.enum(CHANNELS).nullable(),
      response: z.string().nullable(),
    }),
  ),
  countersigns: z.array(
    z.object({
      id: z.string(),
      department: ref,
      status: z.enum(["pending", "signed", "refused"]),
      signedBy: ref,
      comment: z.string().nullable(),
      signedAt: z.string().nullable(),
      mine: z.boolean(),
    }),
  ),
  approval: z
    .object({
      id: z.string(),
      amountFen: z.number(),
      chain: z.array(z.object({ key: z.string(), name: z.string() })),
      level: z.number(),
      status: z.enum(["pending", "approved", "rejected"]),
      actions: z.array(
        z.object({
          level: z.number(),
          approver: z.string(),
          decision: z.string(),
          comment: z.string().nullable(),
          at: z.string(),
        }),
      ),
    })
    .nullable(),
  abilities: z.object({
    /** The holder of the active step completes it with the step form (not the countersign or approval step)… */
    complete: z.boolean(),
    /** …and may mark it not needed, with a reason (C055). */
    skip: z.boolean(),
    propose: z.boolean(),
    decide: z.boolean(),
    /** Put solutions to the customer and record their answers, fill in the record's details. */
    handle: z.boolean(),
  }),
});
export type ComplaintDto = z.infer<typeof complaintDto>;

const counted = z.object({ key: z.string().nullable(), name: z.string().nullable(), count: z.number() });

/** 月度客诉分析: the month's complaints by cause (Pareto), product, department, category, severity. */
export const complaintAnalysisDto = z.object({
  month: z.string(),
  total: z.number(),
  causes: z.array(z.object({ key: z.string().nullable(), count: z.number(), cumulativePercent: z.number() })),
  products: z.array(counted),
  departments: z.array(counted),
  categories: z.array(counted),
  severities: z.array(counted),
  repeatCustomers: z.array(counted),
  /** Complaint tickets received in the month, with or without a complaint record (客诉处理单). */
  complaintTickets: z.number(),
  /** Of those, the ones nobody has opened a record for yet: the supervisor's to-do list (oldest first, 50 at most). */
  withoutRecord: z.object({
    count: z.number(),
    tickets: z.array(
      z.object({ id: z.string(), number: z.string(), title: z.string(), receivedAt: z.string() }),
    ),
  }),
});
export type ComplaintAnalysis = z.infer<typeof complaintAnalysisDto>;

/** A row of the compensation ledger (补偿台账) and of the RMA list (退换货). */
export const compensationRowDto = z.object({
  id: z.string(),
  kind: z.enum(COMPENSATION_KINDS),
  amountFen: z.number(),
  note: z.string().nullable(),
  status: z.enum(["proposed", "approved", "rejected", "paid"]),
  createdAt: z.string(),
  paidOn: z.string().nullable(),
  voucherNo: z.string().nullable(),
  ticketId: z.string(),
  number: z.string(),
  title: z.string(),
  customer: z.string().nullable(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  partNo: z.string().nullable(),
  defectiveQuantity: z.number().nullable(),
  /** The caller may record its payment now. */
  mayPay: z.boolean(),
  rma: z
    .object({
      id: z.string(),
      number: z.string(),
      status: z.enum(RMA_STATUSES),
      receivedAt: z.string().nullable(),
      inspection: z.string().nullable(),
      disposition: z.string().nullable(),
    })
    .nullable(),
});
export type CompensationRow = z.infer<typeof compensationRowDto>;
