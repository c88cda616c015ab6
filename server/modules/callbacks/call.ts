import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { satisfactionCallInput } from "../../../common/schemas/callbacks";
import type { Executor } from "../../db/client";
import { callbackTasks } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { revealReporter } from "../customers/contacts-and-purchases";
import { enterAnswers } from "../surveys/answers";
import { loadTicket, loadTicketBehind } from "../tickets/load-ticket";
import { handlersOf } from "./sample";

/** A sampled callback the caller may make: theirs, or nobody's if they had no hand in the case (C087). */
async function loadSampledTask(tx: Executor, ctx: Ctx, taskId: string, lock: boolean) {
  requireCapability(ctx.actor, "survey.callback");
  const query = tx
    .select()
    .from(callbackTasks)
    .where(and(eq(callbackTasks.id, taskId), eq(callbackTasks.orgId, ctx.actor.orgId)));
  const [task] = lock ? await query.for("update") : await query;
  if (!task) throw notFound("CALLBACK_TASK_NOT_FOUND");
  if (task.reason !== "satisfaction_sample") throw conflict("CALLBACK_ON_TICKET");
  const me = actorUserId(ctx.actor)!;
  if (task.assigneeId && task.assigneeId !== me) throw new AppError("CALLBACK_NOT_YOURS", 403);
  if (!task.assigneeId && (await handlersOf(tx, task.orgId, [task.ticketId])).get(task.ticketId)?.has(me))
    throw conflict("CALLBACK_BY_HANDLER");
  return task;
}

/**
 * 满意度回访 (C086–C087, C101): the QA callback agent calls the person who reported the case and
 * enters their answers to the questionnaire (channel phone, entered by the agent) — the same answers a
 * link gives; an unsatisfied one opens the follow-up for the first responder (C093). The customer is
 * not then asked again by a link still open about the same case. Or nobody could be reached: that is
 * kept with a note, and counts as not called back.
 */
export async function recordSatisfactionCall(
  ctx: Ctx,
  taskId: string,
  raw: z.input<typeof satisfactionCallInput>,
) {
  const input = satisfactionCallInput.parse(raw);
  if (input.outcome === "answered" && !input.answers) throw invalidField("answers", "required");
  if (input.outcome === "unreachable" && !input.note) throw invalid("REASON_REQUIRED");
  return ctx.db.transaction(async (tx) => {
    const task = await loadSampledTask(tx, ctx, taskId, true);
    if (task.status !== "open") throw conflict("CALLBACK_TASK_CLOSED");
    const now = new Date();
    let response: Awaited<ReturnType<typeof enterAnswers>> | null = null;
    if (input.outcome === "answered") {
      const ticket = await loadTicketBehind(tx, ctx, task.ticketId);
      response = await enterAnswers(tx, ctx, ticket, "callback", "phone", input.answers!);
    }
    const [after] = await tx
      .update(callbackTasks)
      .set({
        status: response ? "done" : "unreachable",
        satisfied: response ? !response.unsatisfied : null,
        result: input.note ?? null,
        responseId: response?.id ?? null,
        assigneeId: task.assigneeId ?? actorUserId(ctx.actor),
        doneBy: actorUserId(ctx.actor),
        doneAt: now,
      })
      .where(and(eq(callbackTasks.orgId, task.orgId), eq(callbackTasks.id, task.id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "callback.recorded",
      entityType: "callback_task",
      entityId: task.id,
      after: { status: after.status, satisfied: after.satisfied, responseId: after.responseId },
    });
    return { ...after, followUpTicketId: response?.followUpTicketId ?? null };
  });
}

/** The reporter's phone for the agent who is to call them, or whoever may see personal data — audited. */
export async function revealCallbackContact(ctx: Ctx, taskId: string) {
  return ctx.db.transaction(async (tx) => {
    const mayViewPersonalData = can(ctx.actor, "customer.pii.view");
    const task = mayViewPersonalData
      ? (
          await tx
            .select()
            .from(callbackTasks)
            .where(and(eq(callbackTasks.id, taskId), eq(callbackTasks.orgId, ctx.actor.orgId)))
        )[0]
      : await loadSampledTask(tx, ctx, taskId, false);
    if (!task) throw notFound("CALLBACK_TASK_NOT_FOUND");
    // The callback agent may read the number of the call they are to make; anyone else, within their scope.
    const ticket = mayViewPersonalData
      ? await loadTicket(tx, ctx, task.ticketId)
      : await loadTicketBehind(tx, ctx, task.ticketId);
    return revealReporter(tx, ctx, ticket, { entityType: "callback_task", entityId: task.id });
  });
}
