import { eq } from "drizzle-orm";
import { SCALE_LABELS } from "../../../common/satisfaction";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import type { Executor } from "../../db/client";
import { type surveyInvitations, surveyResponses, tickets } from "../../db/schema";
import { systemCtx } from "../../lib/context";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { createTicket } from "../tickets/create-ticket";

/** An answer of 2 (不满意) or 1 (很不满意) on any item is an unsatisfied customer. */
export const UNSATISFIED_AT_MOST = 2;

/**
 * 不满意跟进 (C093, seed 002 回访监控): an unsatisfied answer opens a follow-up ticket owned by the
 * original ticket's first responder (首问负责制) with what the customer said; the supervisors are told
 * and track it to its final result, which is that ticket's resolution.
 */
export async function openFollowUp(
  tx: Executor,
  invitation: typeof surveyInvitations.$inferSelect,
  responseId: string,
  questions: SurveyQuestion[],
  answers: Record<string, number | string | string[]>,
) {
  if (!invitation.ticketId) return;
  const [original] = await tx.select().from(tickets).where(eq(tickets.id, invitation.ticketId));
  const owner = original.firstResponderId ?? original.assigneeId;
  const said = questions.flatMap((q) => {
    const a = answers[q.id];
    if (q.kind === "scale" && typeof a === "number" && a <= UNSATISFIED_AT_MOST)
      return [`${q.text} ${SCALE_LABELS[5 - a]}（${a} 分）`];
    if (q.kind === "text" && typeof a === "string" && a) return [`${q.text} ${a}`];
    return [];
  });
  const ctx = systemCtx(tx, invitation.orgId);
  const followUp = await createTicket(ctx, {
    type: "other",
    channel: "internal",
    priority: "P2",
    title: `满意度回访不满意：${original.title}`,
    description: `客户对 ${original.number} 的满意度调查表示不满意，请联系客户了解原因并处理，直至客户满意。\n${said.join("\n")}`,
    customerId: original.customerId,
    contactId: original.contactId,
    assigneeId: owner,
    departmentId: original.departmentId,
  });
  // The first responder of the original owns the follow-up too (首问负责制).
  if (owner) await tx.update(tickets).set({ firstResponderId: owner }).where(eq(tickets.id, followUp.id));
  await tx
    .update(surveyResponses)
    .set({ followUpTicketId: followUp.id })
    .where(eq(surveyResponses.id, responseId));
  const supervisors = await usersWithRole(tx, invitation.orgId, ["supervisor", "manager"]);
  await notifyUsers(tx, invitation.orgId, supervisors, {
    kind: "survey_unsatisfied",
    params: { number: original.number, followUp: followUp.number ?? "" },
    ticketId: followUp.id,
  });
  return followUp;
}
