import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { addBusinessMinutes } from "../../../common/business-time";
import { COMPLAINT_STEPS, type ComplaintSeverity, type ComplaintStep } from "../../../common/enums";
import { COMPLAINT_STEP_LABELS } from "../../../common/labels";
import { complaintInput, completeStepInput } from "../../../common/schemas/complaints";
import type { Executor } from "../../db/client";
import {
  approvalRequests,
  compensations,
  complaintCategories,
  complaintProposals,
  complaintSteps,
  complaints,
  departments,
  tickets,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { AppError, conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { officeCalendar } from "../../lib/periods";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { workingDayMinutes } from "../sla/clock-math";
import { loadTicket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { approvalChain, listApprovalRules } from "./approvals";
import { openCountersign, planCountersign } from "./countersign";

export type Complaint = typeof complaints.$inferSelect;
export type Step = typeof complaintSteps.$inferSelect;

/** Working days each step gets once it starts (seed 004 示例: contact 2 h, test 1 day, result 3 days). */
const STEP_DAYS: Record<ComplaintStep, number> = {
  register: 0,
  confirm: 1,
  responsibility: 1,
  root_cause: 3,
  corrective: 2,
  preventive: 3,
  countersign: 2,
  approval: 1,
  execution: 5,
  verification: 5,
  close: 1,
  feedback: 1,
};

/** Steps a handler may mark 需要/不需要 with a reason (C055); a major complaint needs them all. */
const OPTIONAL: readonly ComplaintStep[] = ["root_cause", "corrective", "preventive", "verification"];
/** Steps decided by their signers (countersign.ts) and approvers (decide-approval.ts), not completed or sent back here. */
const DECIDED_ELSEWHERE: readonly ComplaintStep[] = ["countersign", "approval"];

/**
 * What the step form offers the holder of a complaint's active step: to complete it (not a step
 * decided elsewhere), and to mark it not needed with a reason (C055; never in a major complaint).
 */
export const stepFormOf = (step: ComplaintStep, severity: ComplaintSeverity) => ({
  complete: !DECIDED_ELSEWHERE.includes(step),
  skip: OPTIONAL.includes(step) && severity !== "major",
});

/**
 * The depth follows the severity (C051): 轻微 is registered and fed back; 一般 leaves preventive
 * action out; 重大 goes through the full form.
 */
function plannedSkip(severity: ComplaintSeverity, step: ComplaintStep): boolean {
  if (severity === "minor") return step !== "register" && step !== "feedback";
  return severity === "normal" && step === "preventive";
}

export async function loadComplaint(tx: Executor, ctx: Ctx, id: string, lock = false) {
  const query = tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  await loadTicket(tx, ctx, row.ticketId);
  return row;
}

const stepsOf = (tx: Executor, complaint: Complaint) =>
  tx
    .select()
    .from(complaintSteps)
    .where(and(eq(complaintSteps.orgId, complaint.orgId), eq(complaintSteps.complaintId, complaint.id)))
    .orderBy(asc(complaintSteps.seq));

async function departmentNamed(tx: Executor, orgId: string, name: string) {
  const [row] = await tx
    .select({ id: departments.id, headUserId: departments.headUserId })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.name, name)));
  return row ?? null;
}

/** Who holds a step: the handler for contact with the customer, quality for judging and verifying, the responsible department for the work. */
async function stepHolder(tx: Executor, complaint: Complaint, step: ComplaintStep) {
  const [ticket] = await tx
    .select({ assigneeId: tickets.assigneeId, departmentId: tickets.departmentId })
    .from(tickets)
    .where(and(eq(tickets.orgId, complaint.orgId), eq(tickets.id, complaint.ticketId)));
  if (step === "confirm" || step === "feedback" || step === "register")
    return { ownerId: ticket.assigneeId, departmentId: ticket.departmentId };
  if (step === "responsibility" || step === "verification" || step === "close") {
    const quality = await departmentNamed(tx, complaint.orgId, "质量管理部");
    return { ownerId: quality?.headUserId ?? null, departmentId: quality?.id ?? null };
  }
  // Signed by each department involved (countersign.ts), decided up the chain (decide-approval.ts).
  if (step === "approval" || step === "countersign") return { ownerId: null, departmentId: null };
  const departmentId = complaint.responsibleDepartmentId;
  const [dept] = departmentId
    ? await tx
        .select({ headUserId: departments.headUserId })
        .from(departments)
        .where(and(eq(departments.orgId, complaint.orgId), eq(departments.id, departmentId)))
    : [];
  return { ownerId: dept?.headUserId ?? null, departmentId };
}

async function stepDueAt(tx: Executor, orgId: string, step: ComplaintStep, from: Date) {
  const calendar = await officeCalendar(tx, orgId);
  return addBusinessMinutes(calendar, from, STEP_DAYS[step] * workingDayMinutes(calendar));
}

/**
 * Starts the next step that is not skipped after `after` (or closes the complaint after feedback).
 * The approval step opens an approval request for the compensation proposed so far, up the chain
 * of 核决权限; with no compensation and no rule that applies, it is skipped.
 */
export async function activateNext(tx: Executor, complaint: Complaint, after: Step, now: Date) {
  const steps = await stepsOf(tx, complaint);
  const next = steps.find((s) => s.seq > after.seq && s.status === "waiting");
  if (!next) {
    await tx
      .update(complaints)
      .set({ status: "closed", currentStep: null, closedAt: now })
      .where(and(eq(complaints.orgId, complaint.orgId), eq(complaints.id, complaint.id)));
    return null;
  }
  const holder = await stepHolder(tx, complaint, next.step);
  if (holder.ownerId === complaint.accusedUserId) holder.ownerId = null;
  await tx
    .update(complaintSteps)
    .set({ status: "active", ...holder, dueAt: await stepDueAt(tx, complaint.orgId, next.step, now) })
    .where(and(eq(complaintSteps.orgId, next.orgId), eq(complaintSteps.id, next.id)));
  await tx
    .update(complaints)
    .set({ currentStep: next.step })
    .where(and(eq(complaints.orgId, complaint.orgId), eq(complaints.id, complaint.id)));
  if (next.step === "countersign" && !(await openCountersign(tx, complaint))) {
    // No department to countersign: nothing to wait for (the console says why).
    const [skipped] = await tx
      .update(complaintSteps)
      .set({ status: "skipped", dueAt: null })
      .where(and(eq(complaintSteps.orgId, next.orgId), eq(complaintSteps.id, next.id)))
      .returning();
    return activateNext(tx, complaint, skipped, now);
  }
  if (next.step === "approval") {
    const [{ total }] = await tx
      .select({ total: sql<number>`coalesce(sum(${compensations.amountFen}), 0)::bigint` })
      .from(compensations)
      .where(
        and(
          eq(compensations.orgId, complaint.orgId),
          eq(compensations.complaintId, complaint.id),
          eq(compensations.status, "proposed"),
        ),
      );
    const chain = approvalChain(
      await listApprovalRules(tx, complaint.orgId),
      complaint.severity,
      Number(total),
    );
    await tx.insert(approvalRequests).values({
      orgId: complaint.orgId,
      complaintId: complaint.id,
      amountFen: Number(total),
      chain,
      // Whoever completed the plan, not the last department to countersign it.
      requestedBy: steps
        .filter((s) => s.seq < next.seq && s.status === "done" && s.step !== "countersign")
        .at(-1)?.completedBy,
    });
    const approvers = await usersWithRole(tx, complaint.orgId, chain.slice(0, 1));
    await notifyUsers(tx, complaint.orgId, approvers, {
      kind: "approval_requested",
      params: { step: next.step },
      ticketId: complaint.ticketId,
    });
  } else {
    await notifyUsers(tx, complaint.orgId, [holder.ownerId], {
      kind: "complaint_step",
      params: { step: next.step },
      ticketId: complaint.ticketId,
    });
  }
  return next;
}

/**
 * Opens the complaint record of a complaint ticket: routes the category to its responsible
 * department (C049), lays out the steps by severity (C051), completes registration and starts the
 * confirmation. A 重大 complaint is reported to the general manager at once (C046).
 */
export async function openComplaint(ctx: Ctx, ticketId: string, raw: z.input<typeof complaintInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = complaintInput.parse(raw);
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ticketId);
    if (ticket.type !== "complaint") throw invalid("COMPLAINT_NOT_A_COMPLAINT");
    const [category] = await tx
      .select()
      .from(complaintCategories)
      .where(
        and(eq(complaintCategories.orgId, ctx.actor.orgId), eq(complaintCategories.id, input.categoryId)),
      );
    if (!category) throw invalidField("categoryId", "reference");
    const [complaint] = await tx
      .insert(complaints)
      .values({
        orgId: ctx.actor.orgId,
        ticketId,
        ...input,
        responsibleDepartmentId: category.departmentId,
        currentStep: "register",
        createdBy: actorUserId(ctx.actor),
      })
      .onConflictDoNothing({ target: [complaints.orgId, complaints.ticketId] })
      .returning();
    if (!complaint) throw conflict("COMPLAINT_EXISTS");
    const rows = await tx
      .insert(complaintSteps)
      .values(
        COMPLAINT_STEPS.map((step, seq) => {
          const skip = plannedSkip(input.severity, step);
          const registered = step === "register";
          return {
            orgId: ctx.actor.orgId,
            complaintId: complaint.id,
            step,
            seq,
            status: registered ? ("done" as const) : skip ? ("skipped" as const) : ("waiting" as const),
            // Skipped by severity: no reason of its own; the console says why (complaint.skippedBySeverity).
            skipReason: null,
            record: registered ? { customerWords: input.customerWords ?? null } : {},
            completedBy: registered ? actorUserId(ctx.actor) : null,
            completedAt: registered ? now : null,
          };
        }),
      )
      .returning();
    await activateNext(tx, complaint, rows[0], now);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "complaint_opened",
      data: { severity: input.severity, classification: input.classification, category: category.name },
    });
    await writeAudit(tx, ctx, {
      action: "complaint.opened",
      entityType: "complaint",
      entityId: complaint.id,
      after: input,
    });
    if (input.severity === "major") {
      await notifyUsers(tx, ctx.actor.orgId, await usersWithRole(tx, ctx.actor.orgId, ["general_manager"]), {
        kind: "major_complaint",
        params: { number: ticket.number, title: ticket.title },
        ticketId,
      });
    }
    return complaint;
  });
}

/** The active step, or 409 naming it when the caller meant another. */
async function activeStep(tx: Executor, complaint: Complaint, step: ComplaintStep) {
  const steps = await stepsOf(tx, complaint);
  const active = steps.find((s) => s.status === "active");
  if (!active || active.step !== step)
    throw conflict("COMPLAINT_STEP_NOT_ACTIVE", { step: active ? COMPLAINT_STEP_LABELS[active.step] : "—" });
  return { active, steps };
}

/**
 * The step's owner, anyone of its department, or a supervisor (ticket.assign) may act on it —
 * never the staff member the complaint is about (C063).
 */
export function holdsStep(
  actor: Actor,
  step: Pick<Step, "ownerId" | "departmentId">,
  complaint: Pick<Complaint, "accusedUserId">,
): boolean {
  if (actor.type === "user" && actor.userId === complaint.accusedUserId) return false;
  if (can(actor, "ticket.assign")) return true;
  return (
    actor.type === "user" &&
    (step.ownerId === actor.userId ||
      (step.departmentId !== null && step.departmentId === actor.departmentId))
  );
}

async function requireStepHolder(tx: Executor, ctx: Ctx, complaint: Complaint, step: Step) {
  if (holdsStep(ctx.actor, step, complaint)) return;
  if (actorUserId(ctx.actor) === complaint.accusedUserId) throw new AppError("COMPLAINT_ABOUT_YOU", 403);
  const [dept] = step.departmentId
    ? await tx
        .select({ name: departments.name })
        .from(departments)
        .where(and(eq(departments.orgId, step.orgId), eq(departments.id, step.departmentId)))
    : [];
  throw new AppError("COMPLAINT_NOT_STEP_OWNER", 403, { department: dept?.name ?? "—" });
}

/** Completes (or marks 不需要) the active step and starts the next. */
export async function completeStep(ctx: Ctx, complaintId: string, raw: z.input<typeof completeStepInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = completeStepInput.parse(raw);
  if (DECIDED_ELSEWHERE.includes(input.step))
    throw conflict("COMPLAINT_STEP_NOT_ACTIVE", { step: COMPLAINT_STEP_LABELS[input.step] });
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    let complaint = await loadComplaint(tx, ctx, complaintId, true);
    const { active } = await activeStep(tx, complaint, input.step);
    await requireStepHolder(tx, ctx, complaint, active);
    if (!input.needed) {
      if (!OPTIONAL.includes(input.step)) throw invalidField("needed", "choice");
      if (complaint.severity === "major") throw invalid("COMPLAINT_STEP_REQUIRED");
      if (!input.reason) throw invalid("REASON_REQUIRED");
    }
    if (input.step === "execution" && input.needed) {
      const [accepted] = await tx
        .select({ id: complaintProposals.id })
        .from(complaintProposals)
        .where(
          and(
            eq(complaintProposals.orgId, complaint.orgId),
            eq(complaintProposals.complaintId, complaint.id),
            eq(complaintProposals.status, "accepted"),
          ),
        );
      if (!accepted) throw conflict("PROPOSAL_NOT_ACCEPTED");
    }
    if (input.step === "responsibility" && input.responsibleDepartmentId) {
      [complaint] = await tx
        .update(complaints)
        .set({ responsibleDepartmentId: input.responsibleDepartmentId })
        .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.id, complaintId)))
        .returning();
    }
    if (input.step === "responsibility")
      await planCountersign(tx, complaint, input.countersignDepartmentIds ?? []);
    if (input.step === "root_cause" && input.needed) {
      if (!input.causeCategory) throw invalidField("causeCategory", "required");
      [complaint] = await tx
        .update(complaints)
        .set({ causeCategory: input.causeCategory })
        .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.id, complaintId)))
        .returning();
    }
    if (input.step === "close") {
      [complaint] = await tx
        .update(complaints)
        .set({ standardise: Boolean(input.standardise) })
        .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.id, complaintId)))
        .returning();
    }
    const [done] = await tx
      .update(complaintSteps)
      .set({
        status: input.needed ? "done" : "skipped",
        record: input.record,
        skipReason: input.needed ? null : input.reason,
        completedBy: actorUserId(ctx.actor),
        completedAt: now,
      })
      .where(and(eq(complaintSteps.orgId, active.orgId), eq(complaintSteps.id, active.id)))
      .returning();
    const ticket = await loadTicket(tx, ctx, complaint.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: input.needed ? "complaint_step_done" : "complaint_step_skipped",
      body: input.needed ? null : (input.reason ?? null),
      data: { step: input.step, record: input.record },
    });
    await writeAudit(tx, ctx, {
      action: `complaint.step_${input.needed ? "done" : "skipped"}`,
      entityType: "complaint",
      entityId: complaintId,
      after: { step: input.step, record: input.record, reason: input.reason ?? null },
    });
    await emit(tx, ctx, "complaint.step_done", {
      complaintId,
      ticketId: complaint.ticketId,
      step: input.step,
      skipped: !input.needed,
    });
    await activateNext(tx, complaint, done, now);
    return done;
  });
}

/** Sends the active step back to the one before it (not skipped), with the reason on record. */
export async function sendBack(tx: Executor, ctx: Ctx, complaint: Complaint, active: Step, reason: string) {
  const steps = await stepsOf(tx, complaint);
  const previous = steps
    .filter(
      (s) => s.seq < active.seq && s.status === "done" && s.step !== "register" && s.step !== "countersign",
    )
    .at(-1);
  if (!previous) throw invalid("COMPLAINT_NO_EARLIER_STEP");
  const now = new Date();
  // The active step and any done in between (a countersigned plan sent back by the approvers) run again.
  await tx
    .update(complaintSteps)
    .set({ status: "waiting", ownerId: null, dueAt: null })
    .where(
      and(
        eq(complaintSteps.orgId, complaint.orgId),
        eq(complaintSteps.complaintId, complaint.id),
        inArray(
          complaintSteps.id,
          steps
            .filter((s) => s.seq > previous.seq && s.seq <= active.seq && s.status !== "skipped")
            .map((s) => s.id),
        ),
      ),
    );
  await tx
    .update(complaintSteps)
    .set({
      status: "active",
      rejections: previous.rejections + 1,
      completedAt: null,
      dueAt: await stepDueAt(tx, complaint.orgId, previous.step, now),
    })
    .where(and(eq(complaintSteps.orgId, previous.orgId), eq(complaintSteps.id, previous.id)));
  await tx
    .update(complaints)
    .set({ currentStep: previous.step })
    .where(and(eq(complaints.orgId, complaint.orgId), eq(complaints.id, complaint.id)));
  const ticket = await loadTicket(tx, ctx, complaint.ticketId);
  await addTimelineEntry(tx, ctx, ticket, {
    kind: "complaint_step_rejected",
    body: reason,
    data: { step: active.step, backTo: previous.step },
  });
  await writeAudit(tx, ctx, {
    action: "complaint.step_rejected",
    entityType: "complaint",
    entityId: complaint.id,
    after: { step: active.step, backTo: previous.step, reason },
  });
  await notifyUsers(tx, complaint.orgId, [previous.ownerId, previous.completedBy], {
    kind: "complaint_step_rejected",
    params: { step: previous.step },
    body: reason,
    ticketId: complaint.ticketId,
  });
  return previous;
}

/** 驳回: whoever holds the active step finds the previous one wanting and sends it back, with a reason. */
export async function rejectStep(
  ctx: Ctx,
  complaintId: string,
  raw: { step: ComplaintStep; reason: string },
) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = z
    .object({ step: z.enum(COMPLAINT_STEPS), reason: z.string().trim().min(1).max(1000) })
    .parse(raw);
  if (DECIDED_ELSEWHERE.includes(input.step))
    throw conflict("COMPLAINT_STEP_NOT_ACTIVE", { step: COMPLAINT_STEP_LABELS[input.step] });
  return ctx.db.transaction(async (tx) => {
    const complaint = await loadComplaint(tx, ctx, complaintId, true);
    const { active } = await activeStep(tx, complaint, input.step);
    await requireStepHolder(tx, ctx, complaint, active);
    return sendBack(tx, ctx, complaint, active, input.reason);
  });
}
