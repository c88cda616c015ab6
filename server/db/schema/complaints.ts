import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  type CauseCategory,
  type Channel,
  type CompensationKind,
  type ComplaintClass,
  type ComplaintSeverity,
  type ComplaintStep,
  RMA_STATUSES,
} from "../../../common/enums";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, recordedAt } from "./columns";
import { departments, users } from "./identity";
import { tickets } from "./tickets";

/** Complaint categories (产品, 物流, 服务, 交付, 账务 …), each routed to a responsible department (C049). */
export const complaintCategories = pgTable(
  "complaint_categories",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    departmentId: uuid("department_id"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { departmentId: departments }),
    uniqueIndex("complaint_categories_org_name").on(t.orgId, t.name),
  ],
);

/** 客户抱怨处理表: the complaint record of a complaint ticket (SPEC M4). */
export const complaints = pgTable(
  "complaints",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    classification: text("classification").$type<ComplaintClass>().notNull(),
    categoryId: uuid("category_id").notNull(),
    severity: text("severity").$type<ComplaintSeverity>().notNull(),
    orderNo: text("order_no"),
    partNo: text("part_no"),
    deliveryDate: text("delivery_date"),
    quantity: integer("quantity"),
    defectiveQuantity: integer("defective_quantity"),
    customerRequest: text("customer_request"),
    sampleReceived: boolean("sample_received").notNull().default(false),
    customerWords: text("customer_words"),
    responsibleDepartmentId: uuid("responsible_department_id"),
    /** Manufacturing traceability of a quality complaint, filled by 制造部门 (C053). */
    productionUnit: text("production_unit"),
    machineShift: text("machine_shift"),
    operatorName: text("operator_name"),
    productionDate: text("production_date"),
    /** 争议: a designated coordinator and the contract clause relied on (C060). */
    disputed: boolean("disputed").notNull().default(false),
    coordinatorId: uuid("coordinator_id"),
    contractClause: text("contract_clause"),
    /** 被投诉人: the staff member complained about (C063); never a holder of this complaint's steps. */
    accusedUserId: uuid("accused_user_id"),
    /** Set by the root-cause step: feeds the monthly Pareto of causes. */
    causeCategory: text("cause_category").$type<CauseCategory>(),
    currentStep: text("current_step").$type<ComplaintStep>(),
    /** Close or standardise: SOP / FMEA / control plan must change (标准化). */
    standardise: boolean("standardise").notNull().default(false),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      ticketId: tickets,
      categoryId: complaintCategories,
      responsibleDepartmentId: departments,
      coordinatorId: users,
      accusedUserId: users,
      createdBy: users,
    }),
    uniqueIndex("complaints_ticket").on(t.orgId, t.ticketId),
    index("complaints_org_created").on(t.orgId, t.createdAt),
    // Complaints naming a member of staff, by month (the KPI scorecard).
    index("complaints_accused")
      .on(t.orgId, t.createdAt, t.accusedUserId)
      .where(sql`accused_user_id IS NOT NULL`),
  ],
);

/** One row per step of a complaint, each with owner, deadline and its own record. */
export const complaintSteps = pgTable(
  "complaint_steps",
  {
    id: id(),
    orgId: orgId(),
    complaintId: uuid("complaint_id").notNull(),
    step: text("step").$type<ComplaintStep>().notNull(),
    seq: integer("seq").notNull(),
    status: text("status", { enum: ["waiting", "active", "done", "skipped"] }).notNull(),
    ownerId: uuid("owner_id"),
    departmentId: uuid("department_id"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    record: jsonb("record").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** 不需要 with a reason (C055), or the severity does not call for the step (C051). */
    skipReason: text("skip_reason"),
    rejections: integer("rejections").notNull().default(0),
    completedBy: uuid("completed_by"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      complaintId: complaints,
      ownerId: users,
      departmentId: departments,
      completedBy: users,
    }),
    uniqueIndex("complaint_steps_step").on(t.orgId, t.complaintId, t.step),
  ],
);

/** 核决权限: who approves what, by severity (null: any) and up to an amount (null: no limit). */
export const approvalRules = pgTable(
  "approval_rules",
  {
    id: id(),
    orgId: orgId(),
    severity: text("severity").$type<ComplaintSeverity>(),
    maxAmountFen: bigint("max_amount_fen", { mode: "number" }),
    roleKey: text("role_key").notNull(),
    rank: integer("rank").notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t)],
);

/** An approval of a complaint's handling plan with its compensation, level by level up the chain. */
export const approvalRequests = pgTable(
  "approval_requests",
  {
    id: id(),
    orgId: orgId(),
    complaintId: uuid("complaint_id").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    chain: text("chain").array().notNull(),
    level: integer("level").notNull().default(0),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    requestedBy: uuid("requested_by"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { complaintId: complaints, requestedBy: users }),
    index("approval_requests_pending").on(t.orgId, t.status),
  ],
);

/** Each approver's decision; one per level and one per person (an approver acts once). */
export const approvalActions = pgTable(
  "approval_actions",
  {
    id: id(),
    orgId: orgId(),
    requestId: uuid("request_id").notNull(),
    level: integer("level").notNull(),
    roleKey: text("role_key").notNull(),
    approverId: uuid("approver_id").notNull(),
    decision: text("decision", { enum: ["approve", "reject"] }).notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { requestId: approvalRequests, approverId: users }),
    uniqueIndex("approval_actions_level").on(t.orgId, t.requestId, t.level),
    uniqueIndex("approval_actions_person").on(t.orgId, t.requestId, t.approverId),
  ],
);

/** 补偿: refund, replacement, return, repair, coupon, discount or cash, in fen. */
export const compensations = pgTable(
  "compensations",
  {
    id: id(),
    orgId: orgId(),
    complaintId: uuid("complaint_id").notNull(),
    kind: text("kind").$type<CompensationKind>().notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    note: text("note"),
    status: text("status", { enum: ["proposed", "approved", "rejected", "paid"] })
      .notNull()
      .default("proposed"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paidBy: uuid("paid_by"),
    /** The finance voucher (凭证号) and the day the money went out (C058). */
    voucherNo: text("voucher_no"),
    paidOn: text("paid_on"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { complaintId: complaints, paidBy: users, createdBy: users }),
    index("compensations_complaint").on(t.orgId, t.complaintId),
    index("compensations_status").on(t.orgId, t.status, t.createdAt),
  ],
);

/** 退换货: the return/exchange record of a compensation, with its own status (C059). */
export const rmas = pgTable(
  "rmas",
  {
    id: id(),
    orgId: orgId(),
    compensationId: uuid("compensation_id").notNull(),
    number: text("number").notNull(),
    status: text("status", { enum: RMA_STATUSES }).notNull().default("awaiting_goods"),
    /** The day the goods came back (C059). */
    receivedAt: timestamp("received_at", { withTimezone: true }),
    inspection: text("inspection"),
    disposition: text("disposition"),
    updatedAt: recordedAt("updated_at"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { compensationId: compensations }),
    uniqueIndex("rmas_compensation").on(t.orgId, t.compensationId),
    uniqueIndex("rmas_org_number").on(t.orgId, t.number),
    index("rmas_status").on(t.orgId, t.status, t.createdAt),
  ],
);

/**
 * 解决方案: a plan put to the customer, and their acceptance or objection — who, when, by which
 * channel (C057). Execution waits for an accepted one; objected ones stay on record.
 */
export const complaintProposals = pgTable(
  "complaint_proposals",
  {
    id: id(),
    orgId: orgId(),
    complaintId: uuid("complaint_id").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["offered", "accepted", "objected"] })
      .notNull()
      .default("offered"),
    offeredBy: uuid("offered_by"),
    offeredAt: recordedAt("offered_at"),
    /** The customer's answer: who gave it, when, how, and what they said. */
    respondent: text("respondent"),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    channel: text("channel").$type<Channel>(),
    response: text("response"),
    recordedBy: uuid("recorded_by"),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { complaintId: complaints, offeredBy: users, recordedBy: users }),
    index("complaint_proposals_complaint").on(t.complaintId),
  ],
);

/**
 * 会签: a department involved in a serious complaint signs the handling plan before it goes up the
 * approval authority (C056) — in parallel, one row per department.
 */
export const complaintCountersigns = pgTable(
  "complaint_countersigns",
  {
    id: id(),
    orgId: orgId(),
    complaintId: uuid("complaint_id").notNull(),
    departmentId: uuid("department_id").notNull(),
    status: text("status", { enum: ["pending", "signed", "refused"] })
      .notNull()
      .default("pending"),
    signedBy: uuid("signed_by"),
    comment: text("comment"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { complaintId: complaints, departmentId: departments, signedBy: users }),
    uniqueIndex("complaint_countersigns_department").on(t.orgId, t.complaintId, t.departmentId),
  ],
);
