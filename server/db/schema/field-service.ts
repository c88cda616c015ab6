import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { SettlementStatus, WorkOrderKind, WorkOrderStatus } from "../../../common/enums";
import { createdAt, id, orgId, updatedAt } from "./columns";
import { customers, purchases } from "./customers";
import { servicePoints, users } from "./identity";
import { spareParts } from "./parts";
import { tickets } from "./tickets";

/** 派工单 (SPEC M5): on-site work for a ticket; a ticket can have several (re-dispatch). */
export const workOrders = pgTable(
  "work_orders",
  {
    id: id(),
    orgId: orgId(),
    number: text("number").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    customerId: uuid("customer_id").references(() => customers.id),
    kind: text("kind").$type<WorkOrderKind>().notNull(),
    status: text("status").$type<WorkOrderStatus>().notNull().default("pending"),
    // 报修 (C064): what, where, when the customer would like us.
    purchaseId: uuid("purchase_id").references(() => purchases.id),
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
    servicePointId: uuid("service_point_id").references(() => servicePoints.id),
    /** No point covers the site's region: the headquarters took it and the managers were told. */
    outOfRegion: boolean("out_of_region").notNull().default(false),
    engineerId: uuid("engineer_id").references(() => users.id),
    dispatchedBy: uuid("dispatched_by").references(() => users.id),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    appointmentAt: timestamp("appointment_at", { withTimezone: true }),
    declineCount: integer("decline_count").notNull().default(0),
    // The engineer's way: accepted, field trip (C070), arrival (C069), return.
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    departedAt: timestamp("departed_at", { withTimezone: true }),
    destination: text("destination"),
    arrivedAt: timestamp("arrived_at", { withTimezone: true }),
    /** Minutes after the appointment the engineer checked in (0 when on time). */
    lateMinutes: integer("late_minutes"),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    // 售后服务记录 (C071).
    diagnosis: text("diagnosis"),
    faultCause: text("fault_cause"),
    workDone: text("work_done"),
    testResult: text("test_result"),
    maintenanceAdvice: text("maintenance_advice"),
    /** A technical problem for the weekly technical meeting (C074). */
    technicalProblem: text("technical_problem"),
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
    settledBy: uuid("settled_by").references(() => users.id),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    voucherNo: text("voucher_no"),
    /** Re-dispatch after an unsatisfied customer (C077): the visit it repeats. */
    previousWorkOrderId: uuid("previous_work_order_id"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
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
    workOrderId: uuid("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    partId: uuid("part_id")
      .notNull()
      .references(() => spareParts.id),
    servicePointId: uuid("service_point_id")
      .notNull()
      .references(() => servicePoints.id),
    /** Units reserved for the job; what is not used is released when it is completed. */
    reserved: integer("reserved").notNull().default(0),
    used: integer("used").notNull().default(0),
    /** The part's price when used, in fen. */
    priceFen: bigint("price_fen", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("work_order_parts_order_part").on(t.workOrderId, t.partId)],
);

/** 回访任务: a call to the customer due on a day, by default to the first responder (SPEC M6). */
export const callbackTasks = pgTable(
  "callback_tasks",
  {
    id: id(),
    orgId: orgId(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    workOrderId: uuid("work_order_id").references(() => workOrders.id),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /** The local day it is due (the next working day after the work was completed). */
    dueOn: date("due_on").notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<"open" | "done">().notNull().default("open"),
    satisfied: boolean("satisfied"),
    result: text("result"),
    doneBy: uuid("done_by").references(() => users.id),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("callback_tasks_assignee").on(t.orgId, t.assigneeId, t.status, t.dueOn),
    index("callback_tasks_ticket").on(t.orgId, t.ticketId),
  ],
);
