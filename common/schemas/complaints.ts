import { z } from "zod";
import {
  CAUSE_CATEGORIES,
  CHANNELS,
  COMPENSATION_KINDS,
  COMPLAINT_CLASSES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STEPS,
  RMA_STATUSES,
} from "../enums";
import { optionalText } from "./fields";
import { pageQuery } from "./pagination";

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

export const categoryInput = z.object({
  name: z.string().trim().min(1).max(30),
  departmentId: z.uuid().nullish(),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});
export type CategoryInput = z.input<typeof categoryInput>;

export const approvalRulesInput = z
  .array(
    z.object({
      severity: z.enum(COMPLAINT_SEVERITIES).nullable(),
      maxAmountFen: z.number().int().min(0).nullable(),
      roleKey: z.string().min(1).max(50),
      rank: z.number().int().min(0).max(10_000),
    }),
  )
  .min(1)
  .max(30);
export type ApprovalRulesInput = z.input<typeof approvalRulesInput>;

/** The parts of a complaint record filled in while it is handled; absent fields stay as they are. */
export const complaintDetailsInput = z.object({
  /** 制造追溯 (C053), by 制造部门. */
  productionUnit: optionalText(100),
  machineShift: optionalText(100),
  operatorName: optionalText(100),
  productionDate: z.iso.date().nullish(),
  /** 争议 (C060): a coordinator and the contract clause relied on are then required. */
  disputed: z.boolean().optional(),
  coordinatorId: z.uuid().nullish(),
  contractClause: optionalText(1000),
  /** 被投诉人 (C063). */
  accusedUserId: z.uuid().nullish(),
});
export type ComplaintDetailsInput = z.input<typeof complaintDetailsInput>;

export const categoryDto = z.object({
  id: z.string(),
  name: z.string(),
  departmentId: z.string().nullable(),
  sortOrder: z.number(),
});

export const ruleDto = z.object({
  id: z.string(),
  severity: z.enum(["minor", "normal", "major"]).nullable(),
  maxAmountFen: z.number().nullable(),
  roleKey: z.string(),
  rank: z.number(),
});

export const countersignInput = z.object({
  sign: z.boolean(),
  comment: z.string().trim().max(1000).nullish(),
});
export type CountersignInput = z.input<typeof countersignInput>;

export const decisionInput = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(1000).nullish(),
});
export type DecisionInput = z.input<typeof decisionInput>;

export const compensationInput = z.object({
  kind: z.enum(COMPENSATION_KINDS),
  /** In fen (分): ¥8,000 is 800000. */
  amountFen: z.number().int().min(0).max(1_000_000_000),
  note: z.string().trim().max(1000).nullish(),
});
export type CompensationInput = z.input<typeof compensationInput>;

export const paymentInput = z.object({
  /** 凭证号 of the payment. */
  voucherNo: z.string().trim().min(1).max(50),
  /** The day the money went out (YYYY-MM-DD), not in the future. */
  paidOn: z.iso.date(),
});
export type PaymentInput = z.input<typeof paymentInput>;

export const rmaInput = z.object({
  status: z.enum(RMA_STATUSES),
  inspection: z.string().trim().max(2000).nullish(),
  disposition: z.string().trim().max(2000).nullish(),
});
export type RmaInput = z.input<typeof rmaInput>;

export const proposalInput = z.object({ body: z.string().trim().min(1).max(4000) });
export type ProposalInput = z.input<typeof proposalInput>;

export const proposalAnswerInput = z.object({
  accepted: z.boolean(),
  /** Who answered for the customer, by which channel, when (default now) and what they said. */
  respondent: z.string().trim().min(1).max(100),
  channel: z.enum(CHANNELS),
  respondedAt: z.coerce.date().nullish(),
  response: z.string().trim().max(2000).nullish(),
});
export type ProposalAnswerInput = z.input<typeof proposalAnswerInput>;

export const complaintInput = z.object({
  classification: z.enum(COMPLAINT_CLASSES),
  categoryId: z.uuid(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  orderNo: z.string().trim().max(50).nullish(),
  partNo: z.string().trim().max(50).nullish(),
  deliveryDate: z.iso.date().nullish(),
  quantity: z.number().int().min(0).nullish(),
  defectiveQuantity: z.number().int().min(0).nullish(),
  customerRequest: z.string().trim().max(2000).nullish(),
  sampleReceived: z.boolean().default(false),
  customerWords: z.string().trim().max(5000).nullish(),
});
export type ComplaintInput = z.input<typeof complaintInput>;

const stepRecord = z.record(z.string(), z.unknown());

export const completeStepInput = z.object({
  step: z.enum(COMPLAINT_STEPS),
  /** The step's own record (facts, cause, action, result…). */
  record: stepRecord.default({}),
  /** 需要/不需要 (C055): false skips the step, with a reason. */
  needed: z.boolean().default(true),
  reason: z.string().trim().max(1000).nullish(),
  /** Responsibility: the department that does the work, and the departments that countersign the plan (C056). */
  responsibleDepartmentId: z.uuid().nullish(),
  countersignDepartmentIds: z.array(z.uuid()).max(20).nullish(),
  /** Root cause: its category (人机料法环测), for the monthly Pareto. */
  causeCategory: z.enum(CAUSE_CATEGORIES).nullish(),
  standardise: z.boolean().nullish(),
});
export type CompleteStepInput = z.input<typeof completeStepInput>;

export const compensationListQuery = pageQuery.extend({
  /** `to_pay`: finance's task list — approved refunds and cash not yet paid. */
  status: z.enum(["to_pay", "proposed", "approved", "rejected", "paid"]).optional(),
  kind: z.enum(COMPENSATION_KINDS).optional(),
});
export type CompensationListQuery = z.input<typeof compensationListQuery>;

export const rmaListQuery = pageQuery.extend({ status: z.enum(RMA_STATUSES).optional() });
export type RmaListQuery = z.input<typeof rmaListQuery>;

/** A step sent back, with why. */
export const rejectStepInput = z.object({ step: z.enum(COMPLAINT_STEPS), reason: z.string() });
export type RejectStepInput = z.input<typeof rejectStepInput>;
