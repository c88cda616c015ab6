import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { SurveyTrigger } from "../../../common/enums";
import { type Db, type Executor, queryRows } from "../../db/client";
import { surveyInvitations } from "../../db/schema";
import { type Ctx, systemCtx } from "../../lib/context";
import type { WorkOrder } from "../field-service/work-orders";
import { loadTicket, type Ticket } from "../tickets/load-ticket";
import { sendToTicketContact } from "../tickets/reply-to-ticket";
import { defaultTemplate } from "./templates";

/** How often every server sends the surveys that are due. */
export const SURVEY_SEND_MS = 60_000;
const BATCH = 50;

/**
 * Invites the ticket's contact to the default questionnaire (SPEC M6): after a resolution at once,
 * after on-site work the next day. One survey open per ticket at a time: the customer is not asked
 * twice about one matter.
 */
export async function inviteToSurvey(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  trigger: SurveyTrigger,
  order?: WorkOrder,
) {
  if (!ticket.contactId) return null;
  const now = new Date();
  const [open] = await tx
    .select({ id: surveyInvitations.id })
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.ticketId, ticket.id),
        isNull(surveyInvitations.answeredAt),
        gt(surveyInvitations.expiresAt, now),
      ),
    );
  if (open) return null;
  const sendAt = order ? new Date(now.getTime() + 86_400_000) : now;
  return (await createInvitation(tx, ctx, ticket, trigger, { order, sendAt })).invitation;
}

/**
 * A new invitation about a ticket to the default questionnaire, attributed to the ticket's handler and
 * department, and to the work order's engineer and product (C099). Without `sendAt` it is never sent:
 * staff enter the answers (a call, a visit).
 */
export async function createInvitation(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  trigger: SurveyTrigger,
  { order, sendAt }: { order?: WorkOrder; sendAt: Date | null },
) {
  const template = await defaultTemplate(tx, ctx.actor.orgId);
  const [invitation] = await tx
    .insert(surveyInvitations)
    .values({
      orgId: ctx.actor.orgId,
      templateId: template.id,
      token: randomBytes(24).toString("base64url"),
      trigger,
      ticketId: ticket.id,
      workOrderId: order?.id ?? null,
      customerId: ticket.customerId,
      contactId: ticket.contactId,
      agentId: ticket.assigneeId ?? ticket.firstResponderId,
      engineerId: order?.engineerId ?? null,
      departmentId: ticket.departmentId,
      product: order?.product ?? null,
      sendAt,
      expiresAt: new Date((sendAt ?? new Date()).getTime() + template.validDays * 86_400_000),
    })
    .returning();
  return { invitation, template };
}

/**
 * Sends the surveys whose time has come, by SMS or email to the ticket's contact with the link to
 * answer (no sign-in). Claimed SKIP LOCKED: several servers never send one twice.
 */
export async function sendDueSurveys(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<{
      id: string;
      org_id: string;
      ticket_id: string;
      token: string;
      expires_at: string;
    }>(
      tx,
      sql`SELECT id, org_id, ticket_id, token, expires_at FROM survey_invitations
          WHERE send_at <= ${now.toISOString()}::timestamptz AND sent_at IS NULL
          ORDER BY send_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
    );
    for (const invitation of due) {
      const ctx = systemCtx(db, invitation.org_id);
      const ticket = await loadTicket(tx, ctx, invitation.ticket_id);
      await sendToTicketContact(tx, ctx, ticket, {
        subject: `[${ticket.number}] 客户满意度调查`,
        body: `您好，感谢您对我们的信任。关于 ${ticket.number}“${ticket.title}”，请花一分钟评价我们的服务：${publicUrl}/s/${invitation.token}`,
      });
      await tx
        .update(surveyInvitations)
        .set({ sentAt: now, sendAt: null })
        .where(eq(surveyInvitations.id, invitation.id));
    }
    return due.length;
  });
}
