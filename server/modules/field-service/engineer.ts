import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate } from "../../../common/business-time";
import type { ChecklistPhase, WorkOrderStatus } from "../../../common/enums";
import {
  addDays,
  CHECK_ABILITY,
  lateMinutes,
  missingChecks,
  REPORT_DUE_DAYS,
  settlementTotal,
} from "../../../common/field-service";
import { WORK_ORDER_STATUS_LABELS } from "../../../common/labels";
import {
  completeInput,
  delayInput,
  departInput,
  respondInput,
  serviceReportInput,
  signInput,
  tickInput,
} from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { tickets, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Ctx } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { conflict, invalid, invalidField } from "../../lib/errors";
import { officeCalendar } from "../../lib/periods";
import { iso } from "../../lib/present";
import { openCallbackTask } from "../callbacks/tasks";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { syncClocks } from "../sla/clocks";
import { inviteToSurvey } from "../surveys/invitations";
import { insertAttachment } from "../tickets/attachments";
import { transitionTicket } from "../tickets/change-status";
import { canStartFrom } from "../tickets/lifecycle";
import { loadTicketBehind, type Ticket } from "../tickets/load-ticket";
import { sendToTicketContact } from "../tickets/reply-to-ticket";
import { addTimelineEntry, type TimelineEntry } from "../tickets/timeline";
import { recordArrival } from "./arrivals";
import { localTime } from "./dispatch";
import { releaseParts, requireEngineer } from "./parts";
import { requireAbility, WORK_ORDER_STEPS, workOrderAbilities } from "./policy";
import {
  loadWorkOrder,
  openWorkOrdersOf,
  repeatVisit,
  updateWorkOrderFrom,
  type WorkOrder,
} from "./work-orders";

/**
 * One step of the engineer's way: only the work order's engineer, only from the expected states,
 * written with its timeline entry and audit; `then` does what the step sets off.
 */
export async function engineerStep(
  ctx: Ctx,
  workOrderId: string,
  from: readonly WorkOrderStatus[],
  changes: (order: WorkOrder) => Partial<WorkOrder>,
  entry: (after: WorkOrder) => TimelineEntry | null,
  then?: (tx: Executor, after: WorkOrder, ticket: Ticket) => Promise<void>,
) {
  return ctx.db.transaction(async (tx) => {
    const order = await loadWorkOrder(tx, ctx, workOrderId);
    requireEngineer(ctx, order);
    const ticket = await loadTicketBehind(tx, ctx, order.ticketId);
    const { before, after } = await updateWorkOrderFrom(
      tx,
      ctx,
      workOrderId,
      from,
      changes(order),
      eq(workOrders.engineerId, order.engineerId!),
    );
    await then?.(tx, after, ticket);
    const timeline = entry(after);
    if (timeline)
      await addTimelineEntry(tx, ctx, ticket, {
        ...timeline,
        data: { number: after.number, ...timeline.data },
      });
    await writeAudit(tx, ctx, {
      action: `work_order.${timeline?.kind.replace("work_order_", "") ?? "updated"}`,
      entityType: "work_order",
      entityId: workOrderId,
      before,
      after,
    });
    return after;
  });
}

/** The required checklist items of these phases must be done first (C081). */
function requireChecks(order: WorkOrder, phases: readonly ChecklistPhase[]) {
  const missing = missingChecks(order.checklist, phases);
  if (missing.length) throw invalid("CHECKLIST_INCOMPLETE", { items: missing.join("、") });
}

/** The engineer takes the job, or declines it with a reason and it goes back to the board. */
export async function respondToWorkOrder(ctx: Ctx, workOrderId: string, raw: z.input<typeof respondInput>) {
  const input = respondInput.parse(raw);
  if (!input.accept && !input.reason) throw invalid("REASON_REQUIRED");
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.respond,
    (o) =>
      input.accept
        ? { status: "accepted", acceptedAt: new Date() }
        : { status: "pending", engineerId: null, appointmentAt: null, declineCount: o.declineCount + 1 },
    () => ({
      kind: input.accept ? "work_order_accepted" : "work_order_declined",
      body: input.reason ?? null,
    }),
    async (tx, after, ticket) => {
      if (input.accept) return;
      const dispatchers = await usersWithCapability(tx, ctx.actor.orgId, "workorder.dispatch");
      await notifyUsers(tx, ctx.actor.orgId, dispatchers, {
        kind: "work_order_declined",
        params: { number: after.number, workOrderId: after.id },
        body: input.reason!,
        ticketId: ticket.id,
      });
    },
  );
}

/** 外出工地登记 (C070): leaving for the site, where to; the return closes it. */
export async function departForSite(ctx: Ctx, workOrderId: string, raw: z.input<typeof departInput>) {
  const input = departInput.parse(raw);
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.depart,
    (o) => ({
      status: "on_the_way",
      departedAt: new Date(),
      destination: input.destination || o.siteAddress,
    }),
    (after) => ({ kind: "work_order_departed", data: { destination: after.destination }, isPublic: true }),
  );
}

/**
 * Check-in on site (C069): the time is compared with the appointment and lateness recorded. The
 * ticket's on-site clock stops at the first arrival.
 */
export async function arriveOnSite(ctx: Ctx, workOrderId: string) {
  const now = new Date();
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.arrive,
    (o) => ({
      status: "on_site",
      arrivedAt: now,
      departedAt: o.departedAt ?? now,
      lateMinutes: lateMinutes(o.appointmentAt, now),
    }),
    (after) => ({ kind: "work_order_arrived", data: { lateMinutes: after.lateMinutes }, isPublic: true }),
    async (tx, after, ticket) => {
      await recordArrival(tx, ctx, after, ticket);
      if (ticket.onSiteAt) return;
      const [updated] = await tx
        .update(tickets)
        .set({ onSiteAt: now })
        .where(and(eq(tickets.orgId, ticket.orgId), eq(tickets.id, ticket.id)))
        .returning();
      await syncClocks(tx, ctx, ticket, updated);
    },
  );
}

/**
 * The engineer tells the customer he will be late (C069): the customer gets the new time by SMS/email.
 * Done before the appointment, a late arrival is not a violation.
 */
export async function notifyDelay(ctx: Ctx, workOrderId: string, raw: z.input<typeof delayInput>) {
  const input = delayInput.parse(raw);
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.notifyDelay,
    (o) => {
      requireAbility(ctx.actor, o, "notifyDelay");
      if (input.expectedAt <= o.appointmentAt!) throw invalid("DELAY_NOT_LATER");
      return { delayNotifiedAt: new Date(), delayExpectedAt: input.expectedAt };
    },
    (after) => ({
      kind: "work_order_delay_notified",
      body: input.note,
      data: { expectedAt: iso(after.delayExpectedAt) },
      isPublic: true,
    }),
    async (tx, after, ticket) => {
      const when = await localTime(tx, ctx, after.delayExpectedAt!);
      await sendToTicketContact(tx, ctx, ticket, {
        subject: `[${after.number}] 工程师将晚到`,
        body: `您好，非常抱歉，${ticket.number} 的上门服务工程师将晚于预约时间到达，预计 ${when} 到达。${input.note ?? ""}`,
      });
    },
  );
}

/** The engineer ticks (or unticks) an item of the work order's checklist in its phase's window (C081). */
export async function tickChecklistItem(ctx: Ctx, workOrderId: string, raw: z.input<typeof tickInput>) {
  const input = tickInput.parse(raw);
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.checklist,
    (o) => {
      const item = o.checklist[input.index];
      if (!item) throw invalidField("index", "choice");
      if (!workOrderAbilities(ctx.actor, o)[CHECK_ABILITY[item.phase]])
        throw conflict("CHECKLIST_ITEM_CLOSED");
      const checklist = o.checklist.map((c, i) =>
        i === input.index ? { ...c, doneAt: input.done ? new Date().toISOString() : null } : c,
      );
      return { checklist };
    },
    () => null,
  );
}

/**
 * 售后服务记录 (C071): diagnosis, cause, work done, test, maintenance advice, technical problem —
 * written on site, finished after the return until it goes to the supervisor (C073).
 */
export async function saveServiceReport(
  ctx: Ctx,
  workOrderId: string,
  raw: z.input<typeof serviceReportInput>,
) {
  const input = serviceReportInput.parse(raw);
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.report,
    (o) => {
      requireAbility(ctx.actor, o, "editReport");
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v || null]));
    },
    () => null,
  );
}

/** The engineer hands the finished report to the supervisors for review (C073). */
export async function submitServiceReport(ctx: Ctx, workOrderId: string) {
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.submitReport,
    (o) => {
      requireAbility(ctx.actor, o, "submitReport");
      requireChecks(o, ["after"]);
      return { reportStatus: "submitted", reportSubmittedAt: new Date() };
    },
    () => ({ kind: "work_order_report_submitted" }),
    async (tx, after, ticket) => {
      const reviewers = await usersWithCapability(tx, ctx.actor.orgId, "workorder.dispatch");
      await notifyUsers(tx, ctx.actor.orgId, reviewers, {
        kind: "service_report_submitted",
        params: { number: after.number, workOrderId: after.id },
        ticketId: ticket.id,
      });
    },
  );
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SIGNATURE_MAX_BYTES = 1024 * 1024;

/** The PNG of a signature drawn on screen; anything else (or over 1 MB) is SIGNATURE_INVALID. */
export function signaturePng(image: string) {
  const content = Buffer.from(image.replace(/^data:image\/png;base64,/, ""), "base64");
  if (content.length > SIGNATURE_MAX_BYTES || !content.subarray(0, 8).equals(PNG))
    throw invalid("SIGNATURE_INVALID");
  return content;
}

/** The customer confirms the work and signs on the screen (C072); the image is kept with the report. */
export async function signWorkOrder(ctx: Ctx, workOrderId: string, raw: z.input<typeof signInput>) {
  const input = signInput.parse(raw);
  const content = signaturePng(input.image);
  let attachmentId: string | null = null;
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.onSite,
    () => ({
      signerName: input.signerName,
      customerOpinion: input.opinion || null,
      customerSatisfied: input.satisfied,
      signedAt: new Date(),
    }),
    () => ({
      kind: "work_order_signed",
      body: input.opinion || null,
      data: { signer: input.signerName, satisfied: input.satisfied, attachmentId },
      isPublic: true,
    }),
    async (tx, after, ticket) => {
      const file = { fileName: `${after.number}-签名.png`, mimeType: "image/png", content };
      attachmentId = (await insertAttachment(tx, ctx, ticket, file, after.id)).id;
      await tx
        .update(workOrders)
        .set({ signatureAttachmentId: attachmentId })
        .where(and(eq(workOrders.orgId, after.orgId), eq(workOrders.id, after.id)));
    },
  );
}

/**
 * Completion (C072, C076): the work done recorded, the customer's signature (or why not), unused
 * reserved parts back to stock, chargeable work priced for settlement. A customer who signed as not
 * satisfied gets another visit (C077); otherwise a callback is due the next working day, and the
 * ticket is resolved when no other work order of it is still open.
 */
export async function completeWorkOrder(ctx: Ctx, workOrderId: string, raw: z.input<typeof completeInput>) {
  const input = completeInput.parse(raw);
  let partsFen = 0;
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.onSite,
    (o) => {
      if (!o.workDone) throw invalid("WORK_DONE_REQUIRED");
      requireChecks(o, ["before", "during"]);
      if (!o.signatureAttachmentId && !input.noSignatureReason) throw invalid("SIGNATURE_REQUIRED");
      if (!o.chargeable && input.labourFen + input.travelFen > 0) throw invalid("CHARGE_NOT_ALLOWED");
      return {
        status: "completed",
        completedAt: new Date(),
        noSignatureReason: o.signatureAttachmentId ? null : input.noSignatureReason!,
        labourFen: input.labourFen,
        travelFen: input.travelFen,
      };
    },
    (after) => ({
      kind: "work_order_completed",
      body: after.workDone,
      data: { satisfied: after.customerSatisfied, totalFen: settlementTotal({ ...after, partsFen }) },
      isPublic: true,
    }),
    async (tx, after, ticket) => {
      const lines = await releaseParts(tx, ctx, after);
      partsFen = after.chargeable ? lines.reduce((sum, l) => sum + l.used * l.priceFen, 0) : 0;
      const total = settlementTotal({ ...after, partsFen });
      await tx
        .update(workOrders)
        .set({ partsFen, settlementStatus: total > 0 ? "to_confirm" : "none" })
        .where(and(eq(workOrders.orgId, after.orgId), eq(workOrders.id, after.id)));
      await emit(tx, ctx, "work_order.completed", {
        workOrderId: after.id,
        number: after.number,
        ticketId: ticket.id,
        engineerId: after.engineerId,
        customerSatisfied: after.customerSatisfied,
        totalFen: total,
      });
      if (after.customerSatisfied === false) {
        await repeatVisit(tx, ctx, ticket);
        return;
      }
      await openCallbackTask(tx, ticket, {
        reason: "work_order_completed",
        workOrderId: after.id,
        at: after.completedAt!,
      });
      await inviteToSurvey(tx, ctx, ticket, "work_order_completed", after);
      const others = await openWorkOrdersOf(tx, ticket.orgId, ticket.id, after.id);
      if (!others.length && canStartFrom("resolve", ticket.status))
        await transitionTicket(tx, ctx, ticket.id, {
          action: "resolve",
          text: `${after.number} 完工：${after.workDone}`,
        });
    },
  );
}

/** Back from the site: closes the field trip (C070); the service report is due within 5 days of it (C073). */
export async function returnFromSite(ctx: Ctx, workOrderId: string) {
  const { timeZone } = await officeCalendar(ctx.db, ctx.actor.orgId);
  return engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.returnFromSite,
    (o) => {
      if (o.returnedAt) throw conflict("WORK_ORDER_CONFLICT", { status: WORK_ORDER_STATUS_LABELS.completed });
      const now = new Date();
      return { returnedAt: now, reportDueOn: addDays(localIsoDate(now, timeZone), REPORT_DUE_DAYS) };
    },
    () => ({ kind: "work_order_returned" }),
  );
}
