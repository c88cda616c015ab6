import { and, eq } from "drizzle-orm";
import { SCALE_LABELS } from "../../../common/satisfaction";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import { fitTicketTitle } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { customers, type surveyInvitations, surveyResponses, tickets } from "../../db/schema";
import { systemCtx } from "../../lib/context";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { createTicket } from "../tickets/create-ticket";

/** An answer of 2 (不满意) or 1 (很不满意) on any item is an unsatisfied customer. */
export const UNSATISFIED_AT_MOST = 2;

/** What the customer said that was not satisfied: the low ratings and every comment. */
function unsatisfiedSaid(questions: SurveyQuestion[], answers: Record<string, number | string | string[]>) {
  return questions.flatMap((q) => {
    const a = answers[q.id];
    if (q.kind === "scale" && typeof a === "number" && a <= UNSATISFIED_AT_MOST)
      return [`${q.text} ${SCALE_LABELS[5 - a]}（${a} 分）`];
    if (q.kind === "text" && typeof a === "string" && a) return [`${q.text} ${a}`];
    return [];
  });
}

/**
 * 不满意跟进 (C093, seed 002 回访监控): an unsatisfied customer gets a follow-up ticket for whoever is
 * responsible — owned to the end by them (首问负责制) — with what the customer said; the supervisors
 * are told and track it to its final result, which is that ticket's resolution.
 */
async function openFollowUpTicket(
  tx: Executor,
  orgId: string,
  f: {
    subject: string;
    title: string;
    said: string[];
    customerId: string | null;
    contactId: string | null;
    ownerId: string | null;
    departmentId: string | null;
  },
) {
  const followUp = await createTicket(systemCtx(tx, orgId), {
    type: "other",
    channel: "internal",
    priority: "P2",
    title: fitTicketTitle(`满意度回访不满意：${f.title}`),
    description: `客户对 ${f.subject} 表示不满意，请联系客户了解原因并处理，直至客户满意。\n${f.said.join("\n")}`,
    customerId: f.customerId,
    contactId: f.contactId,
    assigneeId: f.ownerId,
    departmentId: f.departmentId,
  });
  if (f.ownerId)
    await tx
      .update(tickets)
      .set({ firstResponderId: f.ownerId })
      .where(and(eq(tickets.orgId, followUp.orgId), eq(tickets.id, followUp.id)));
  const supervisors = await usersWithRole(tx, orgId, ["supervisor", "manager"]);
  await notifyUsers(tx, orgId, supervisors, {
    kind: "survey_unsatisfied",
    params: { number: f.subject, followUp: followUp.number ?? "" },
    ticketId: followUp.id,
  });
  return followUp;
}

/**
 * A follow-up about a customer as a whole, not one ticket (C093): their account owner follows it up,
 * or else `fallbackOwnerId` (whoever heard the customer).
 */
export async function openCustomerFollowUp(
  tx: Executor,
  orgId: string,
  f: {
    customerId: string;
    contactId: string | null;
    said: string[];
    fallbackOwnerId: string | null;
    about?: string;
  },
) {
  const [customer] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, f.customerId)));
  return openFollowUpTicket(tx, orgId, {
    subject: customer.name,
    title: customer.name,
    said: f.said,
    customerId: customer.id,
    contactId: f.contactId,
    ownerId: customer.ownerUserId ?? f.fallbackOwnerId,
    departmentId: null,
  });
}

/**
 * An unsatisfied survey answer (C093): about a ticket, the follow-up goes to that ticket's first
 * responder; about no ticket (a campaign or a customer callback), to the customer's account owner, or
 * else `fallbackOwnerId` (who entered the answers).
 */
export async function openFollowUp(
  tx: Executor,
  invitation: typeof surveyInvitations.$inferSelect,
  responseId: string,
  questions: SurveyQuestion[],
  answers: Record<string, number | string | string[]>,
  fallbackOwnerId: string | null = null,
) {
  const said = unsatisfiedSaid(questions, answers);
  let followUp: Awaited<ReturnType<typeof openFollowUpTicket>>;
  if (invitation.ticketId) {
    const [original] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.orgId, invitation.orgId), eq(tickets.id, invitation.ticketId)));
    followUp = await openFollowUpTicket(tx, invitation.orgId, {
      subject: original.number,
      title: original.title,
      said,
      customerId: original.customerId,
      contactId: original.contactId,
      ownerId: original.firstResponderId ?? original.assigneeId,
      departmentId: original.departmentId,
    });
  } else if (invitation.customerId) {
    followUp = await openCustomerFollowUp(tx, invitation.orgId, {
      customerId: invitation.customerId,
      contactId: invitation.contactId,
      said,
      fallbackOwnerId,
    });
  } else return;
  await tx
    .update(surveyResponses)
    .set({ followUpTicketId: followUp.id })
    .where(and(eq(surveyResponses.orgId, invitation.orgId), eq(surveyResponses.id, responseId)));
  return followUp;
}
