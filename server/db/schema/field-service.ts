import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  ArrivalOutcome,
  CallbackTaskStatus,
  RepairReturnStatus,
  SettlementStatus,
  WorkOrderKind,
  WorkOrderStatus,
} from "../../../common/enums";
import type { CheckedItem, ChecklistItem } from "../../../common/field-service";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, recordedAt, updatedAt } from "./columns";
import { customers, purchases } from "./customers";
import { servicePoints, users } from "./identity";
import { spareParts } from "./parts";
import { callbackSamples, surveyResponses } from "./surveys";
import { tickets } from "./tickets";

/** 派工单 (SPEC M5): on-site work for a ticket; a ticket can have several (re-dispatch). */
export const workOrders = pgTable(
  "work_orders",
  {
    id: id(),
    orgId: orgId(),
    number: text("number").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    customerId: uuid("customer_id"),
    kind: text("kind").$type<WorkOrderKind>().notNull(),
    status: text("status").$type<WorkOrderStatus>().notNull().default("pending"),
    // 报修 (C064): what, where, when the customer would like us.
    purchaseId: uuid("purchase_id"),
    product: text("product").notNull(),
    model: text("model"),
    serialNo: text("serial_no"),
    fault: text("fault").notNull(),
    siteAddress: text("site_address").notNull(),
    /** Province of the site: picks the service point whose region covers it (seed 001 第7条). */
    region: text("region"),
    preferredAt: timestamp("preferred_at", { withTimezone: true }),
    // Warranty (C083): decided from the installed base, chargeable unless in warranty, overridable.
    warrantyEndsOn: date("warranty_ends_on"),
    inWarranty: boolean("in_warranty").notNull(),
    chargeable: boolean("chargeable").notNull(),
    chargeableReason: text("chargeable_reason"),
    // Dispatch (C067).
    servicePointId: uuid("service_point_id"),
    /** No point covers the site's region: the headquarters took it and the managers were told. */
    outOfRegion: boolean("out_of_region").notNull().default(false),
    engineerId: uuid("engineer_id"),
    dispatchedBy: uuid("dispatched_by"),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    appointmentAt: timestamp("appointment_at", { withTimezone: true }),
    declineCount: integer("decline_count").notNull().default(0),
    // Its kind's checklist (C081), copied when it was written, and its targets.
    checklist: jsonb("checklist").$type<CheckedItem[]>().notNull().default([]),
    arriveBy: timestamp("arrive_by", { withTimezone: true }),
    completeBy: timestamp("complete_by", { withTimezone: true }),
    // 联络单 (C068): the estimated cost and, when a rule asks for it, the approval before dispatch.
    estimateFen: bigint("estimate_fen", { mode: "number" }).notNull().default(0),
    approvalStatus: text("approval_status").$type<"pending" | "approved" | "rejected">(),
    approverRole: text("approver_role"),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvalNote: text("approval_note"),
    // The engineer's way: accepted, field trip (C070), arrival (C069), return.
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    departedAt: timestamp("departed_at", { withTimezone: true }),
    destination: text("destination"),
    arrivedAt: timestamp("arrived_at", { withTimezone: true }),
    /** Minutes after the appointment the engineer checked in (0 when on time). */
    lateMinutes: integer("late_minutes"),
    /** The engineer told the customer he would be late (C069), and when he now expects to be there. */
    delayNotifiedAt: timestamp("delay_notified_at", { withTimezone: true }),
    delayExpectedAt: timestamp("delay_expected_at", { withTimezone: true }),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    // 售后服务记录 (C071).
    diagnosis: text("diagnosis"),
    faultCause: text("fault_cause"),
    workDone: text("work_done"),
    testResult: text("test_result"),
    maintenanceAdvice: text("maintenance_advice"),
    /** A technical problem for the weekly technical meeting (C074). */
    technicalProblem: text("technical_problem"),
    /** What the weekly technical meeting decided about it (C074). */
    technicalOutcome: text("technical_outcome"),
    // The report's review (C073): due within 5 days of the return, approved or sent back by a supervisor.
    reportStatus: text("report_status").$type<"submitted" | "approved" | "returned">(),
    reportDueOn: date("report_due_on"),
    reportSubmittedAt: timestamp("report_submitted_at", { withTimezone: true }),
    reportReviewedBy: uuid("report_reviewed_by"),
    reportReviewedAt: timestamp("report_reviewed_at", { withTimezone: true }),
    reportComment: text("report_comment"),
    // Customer confirmation (C072): a signature drawn on screen, or why there is none.
    signatureAttachmentId: uuid("signature_attachment_id"),
    signerName: text("signer_name"),
    customerOpinion: text("customer_opinion"),
    customerSatisfied: boolean("customer_satisfied"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    noSignatureReason: text("no_signature_reason"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    // Settlement (C076), in fen.
    labourFen: bigint("labour_fen", { mode: "number" }).notNull().default(0),
    travelFen: bigint("travel_fen", { mode: "number" }).notNull().default(0),
    partsFen: bigint("parts_fen", { mode: "number" }).notNull().default(0),
    settlementStatus: text("settlement_status").$type<SettlementStatus>().notNull().default("none"),
    settledBy: uuid("settled_by"),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    voucherNo: text("voucher_no"),
    /** Re-dispatch after an unsatisfied customer (C077): the visit it repeats. */
    previousWorkOrderId: uuid("previous_work_order_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      ticketId: tickets,
      customerId: customers,
      purchaseId: purchases,
      servicePointId: servicePoints,
      engineerId: users,
      dispatchedBy: users,
      approvedBy: users,
      reportReviewedBy: users,
      settledBy: users,
      createdBy: users,
    }),
    index("work_orders_ticket").on(t.orgId, t.ticketId),
    index("work_orders_board").on(t.orgId, t.status, t.servicePointId),
    index("work_orders_engineer").on(t.orgId, t.engineerId, t.status),
  ],
);

/** Parts planned for a work order (reserved at its point) and how many were used. */
export const workOrderParts = pgTable(
  "work_order_parts",
  {
    id: id(),
    orgId: orgId(),
    workOrderId: uuid("work_order_id").notNull(),
    partId: uuid("part_id").notNull(),
    servicePointId: uuid("service_point_id").notNull(),
    /** Units reserved for the job; what is not used is released when it is completed. */
    reserved: integer("reserved").notNull().default(0),
    used: integer("used").notNull().default(0),
    /** The part's price when used, in fen. */
    priceFen: bigint("price_fen", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { workOrderId: workOrders, partId: spareParts, servicePointId: servicePoints }),
    uniqueIndex("work_order_parts_order_part").on(t.orgId, t.workOrderId, t.partId),
  ],
);

/** 回访任务: a call to the customer due on a day, by default to the first responder (SPEC M6). */
export const callbackTasks = pgTable(
  "callback_tasks",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id").notNull(),
    workOrderId: uuid("work_order_id"),
    assigneeId: uuid("assignee_id"),
    /** The local day it is due (the next working day after the work was completed). */
    dueOn: date("due_on").notNull(),
    /** work_order_completed (the closing call, C085) or satisfaction_sample (drawn, C086). */
    reason: text("reason").notNull(),
    /** The draw that picked it (C086). */
    sampleId: uuid("sample_id"),
    /** unreachable: called, nobody could be reached. */
    status: text("status").$type<CallbackTaskStatus>().notNull().default("open"),
    satisfied: boolean("satisfied"),
    result: text("result"),
    doneBy: uuid("done_by"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    /** The questionnaire filled in during the call. */
    responseId: uuid("response_id"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      ticketId: tickets,
      workOrderId: workOrders,
      assigneeId: users,
      sampleId: callbackSamples,
      doneBy: users,
      responseId: surveyResponses,
    }),
    index("callback_tasks_assignee").on(t.orgId, t.assigneeId, t.status, t.dueOn),
    index("callback_tasks_ticket").on(t.orgId, t.ticketId),
  ],
);

/**
 * 客户产品返修 (C075): a product the engineer could not fix on site and took back. The receipt
 * (客户产品返修收据) is signed by the customer; the rows are the product in/out register
 * (客户产品进出登记) — taken in, repaired, given back with the receipt taken back.
 */
export const repairReturns = pgTable(
  "repair_returns",
  {
    id: id(),
    orgId: orgId(),
    /** The receipt's number, FX-YYYYMM-NNNN. */
    number: text("number").notNull(),
    workOrderId: uuid("work_order_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    customerId: uuid("customer_id"),
    status: text("status").$type<RepairReturnStatus>().notNull().default("received"),
    product: text("product").notNull(),
    model: text("model"),
    serialNo: text("serial_no"),
    /** What came with it (power supply, remote…) and how it looked, so it goes back the same. */
    accessories: text("accessories"),
    condition: text("condition"),
    fault: text("fault").notNull(),
    /** When the customer can expect it back. */
    expectedBackOn: date("expected_back_on"),
    receivedBy: uuid("received_by").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    signerName: text("signer_name").notNull(),
    signatureAttachmentId: uuid("signature_attachment_id").notNull(),
    repairNote: text("repair_note"),
    repairedBy: uuid("repaired_by"),
    repairedAt: timestamp("repaired_at", { withTimezone: true }),
    returnedBy: uuid("returned_by"),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    /** The customer handed the receipt back; when not, the note says why (lost, kept…). */
    receiptTakenBack: boolean("receipt_taken_back"),
    returnNote: text("return_note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      workOrderId: workOrders,
      ticketId: tickets,
      customerId: customers,
      receivedBy: users,
      repairedBy: users,
      returnedBy: users,
    }),
    uniqueIndex("repair_returns_number").on(t.orgId, t.number),
    index("repair_returns_register").on(t.orgId, t.status, t.receivedAt),
    index("repair_returns_work_order").on(t.workOrderId),
  ],
);

/**
 * 售后服务协定 (C082): what was promised a customer under a contract — warranty term, response and
 * arrival commitments, scheduled maintenance/inspection visits (C080), price terms.
 */
export const serviceAgreements = pgTable(
  "service_agreements",
  {
    id: id(),
    orgId: orgId(),
    contractNo: text("contract_no").notNull(),
    customerId: uuid("customer_id").notNull(),
    title: text("title").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    /** Warranty of the customer's units under the contract, when it differs from the 2-year default. */
    warrantyMonths: integer("warranty_months"),
    /** Hours to respond to a request, and to be on site for one that needs it. */
    responseHours: integer("response_hours"),
    arrivalHours: integer("arrival_hours"),
    visitKind: text("visit_kind").$type<"maintenance" | "inspection">().notNull().default("maintenance"),
    visitsPerYear: integer("visits_per_year").notNull().default(0),
    /** Days before a visit's date its work order is created and the customer reminded. */
    leadDays: integer("lead_days").notNull().default(7),
    siteAddress: text("site_address").notNull(),
    priceTerms: text("price_terms"),
    /** Who looks after the contract: gets the visits' tickets and the expiry reminder. */
    ownerId: uuid("owner_id"),
    terminatedAt: timestamp("terminated_at", { withTimezone: true }),
    terminationReason: text("termination_reason"),
    expiryNotifiedAt: timestamp("expiry_notified_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { customerId: customers, ownerId: users, createdBy: users }),
    uniqueIndex("service_agreements_contract").on(t.orgId, t.contractNo),
    index("service_agreements_customer").on(t.orgId, t.customerId),
  ],
);

/** The scheduled visits of an agreement (定期维护保养/巡检), each becoming a work order ahead of its day. */
export const agreementVisits = pgTable(
  "agreement_visits",
  {
    id: id(),
    orgId: orgId(),
    agreementId: uuid("agreement_id").notNull(),
    seq: integer("seq").notNull(),
    dueOn: date("due_on").notNull(),
    ticketId: uuid("ticket_id"),
    workOrderId: uuid("work_order_id"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { agreementId: serviceAgreements, ticketId: tickets, workOrderId: workOrders }),
    uniqueIndex("agreement_visits_seq").on(t.orgId, t.agreementId, t.seq),
    index("agreement_visits_due").on(t.dueOn).where(sql`work_order_id IS NULL`),
  ],
);

/**
 * 联络单 rules (C068): on-site work of a kind (any when null) estimated at or above an amount (any
 * when null) needs the approval of a role (管理者代表, 总经理…) before it is dispatched.
 */
export const dispatchApprovalRules = pgTable(
  "dispatch_approval_rules",
  {
    id: id(),
    orgId: orgId(),
    kind: text("kind").$type<WorkOrderKind>(),
    minEstimateFen: bigint("min_estimate_fen", { mode: "number" }),
    approverRole: text("approver_role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t)],
);

/**
 * 产品召回 (C084): units of the installed base selected by product, model, delivery batch and serial
 * range; each customer is notified and each unit gets a work order, tracked to completion.
 */
export const recallCampaigns = pgTable(
  "recall_campaigns",
  {
    id: id(),
    orgId: orgId(),
    /** ZH-YYYYMM-NNNN. */
    number: text("number").notNull(),
    title: text("title").notNull(),
    reason: text("reason").notNull(),
    product: text("product").notNull(),
    model: text("model"),
    deliveredFrom: date("delivered_from"),
    deliveredTo: date("delivered_to"),
    serialFrom: text("serial_from"),
    serialTo: text("serial_to"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), ...orgReferences(t, { createdBy: users })],
);

/** A unit under a recall, with the ticket its customer was told on and its own work order. */
export const recallUnits = pgTable(
  "recall_units",
  {
    id: id(),
    orgId: orgId(),
    campaignId: uuid("campaign_id").notNull(),
    purchaseId: uuid("purchase_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    workOrderId: uuid("work_order_id").notNull(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      campaignId: recallCampaigns,
      purchaseId: purchases,
      ticketId: tickets,
      workOrderId: workOrders,
    }),
    uniqueIndex("recall_units_unit").on(t.orgId, t.campaignId, t.purchaseId),
  ],
);

/**
 * 工具与计量器具 (C079): an engineer's (or a point's) tools and measuring equipment, checked periodically
 * so they are sound when he sets out; a tool lent to a customer is recorded until it is back.
 */
export const tools = pgTable(
  "tools",
  {
    id: id(),
    orgId: orgId(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    servicePointId: uuid("service_point_id"),
    holderId: uuid("holder_id"),
    /** Days between checks (calibration, inspection); none for tools that need none. */
    checkIntervalDays: integer("check_interval_days"),
    lastCheckedOn: date("last_checked_on"),
    nextCheckOn: date("next_check_on"),
    lentToCustomerId: uuid("lent_to_customer_id"),
    lentOn: date("lent_on"),
    dueBackOn: date("due_back_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { servicePointId: servicePoints, holderId: users, lentToCustomerId: customers }),
    uniqueIndex("tools_code").on(t.orgId, t.code),
    index("tools_holder").on(t.orgId, t.holderId),
  ],
);

/**
 * 准时到达 (C069): each appointment an engineer kept, kept late or missed — with whether he told the
 * customer beforehand. Late or missed without telling them is a violation. The engineer's punctuality
 * is read from here, so a missed appointment stays his after the work order is re-appointed.
 */
export const arrivalRecords = pgTable(
  "arrival_records",
  {
    id: id(),
    orgId: orgId(),
    workOrderId: uuid("work_order_id").notNull(),
    engineerId: uuid("engineer_id").notNull(),
    appointmentAt: timestamp("appointment_at", { withTimezone: true }).notNull(),
    outcome: text("outcome").$type<ArrivalOutcome>().notNull(),
    lateMinutes: integer("late_minutes").notNull().default(0),
    /** The customer was told of the delay before the appointment. */
    customerInformed: boolean("customer_informed").notNull(),
    violation: boolean("violation").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
    recordedAt: recordedAt("recorded_at"),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { workOrderId: workOrders, engineerId: users, recordedBy: users }),
    index("arrival_records_engineer").on(t.orgId, t.engineerId, t.recordedAt),
  ],
);

/** 工程师周总结 (C074): each engineer's summary of his week, read with the weekly report. */
export const engineerWeekSummaries = pgTable(
  "engineer_week_summaries",
  {
    id: id(),
    orgId: orgId(),
    engineerId: uuid("engineer_id").notNull(),
    /** The Monday of the week. */
    weekStart: date("week_start").notNull(),
    workDone: text("work_done").notNull(),
    problems: text("problems"),
    nextWeek: text("next_week"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { engineerId: users }),
    uniqueIndex("engineer_week_summaries_week").on(t.orgId, t.engineerId, t.weekStart),
  ],
);

/** An organisation's own checklist and targets for a kind of work (C081); the defaults apply without one. */
export const workOrderKindSettings = pgTable(
  "work_order_kind_settings",
  {
    id: id(),
    orgId: orgId(),
    kind: text("kind").$type<WorkOrderKind>().notNull(),
    checklist: jsonb("checklist").$type<ChecklistItem[]>().notNull(),
    arrivalHours: integer("arrival_hours"),
    completionHours: integer("completion_hours"),
    updatedAt: updatedAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("work_order_kind_settings_kind").on(t.orgId, t.kind)],
);
