import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { localIsoDate } from "../../../common/business-time";
import type { SurveyTrigger } from "../../../common/enums";
import { addDays } from "../../../common/field-service";
import { type Db, type Executor, queryRows } from "../../db/client";
import { surveyInvitations } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, systemCtx } from "../../lib/context";
import { officeCalendar } from "../../lib/periods";
import { consentGiven } from "../customers/consents";
import type { WorkOrder } from "../field-service/work-orders";
import { SECRET, sendMessage } from "../messaging/outbox";
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
        eq(surveyInvitations.orgId, ticket.orgId),
        eq(surveyInvitations.ticketId, ticket.id),
        isNull(surveyInvitations.answeredAt),
        gt(surveyInvitations.expiresAt, now),
      ),
    );
  if (open) return null;
  const sendAt = order ? new Date(now.getTime() + 86_400_000) : now;
  return (await createInvitation(tx, ctx, { ticket }, trigger, { order, sendAt })).invitation;
}

/**
 * A new invitation to the default questionnaire about a ticket — attributed to the ticket's handler and
 * department, and to the work order's engineer and product (C099) — or about a customer as a whole (a
 * customer callback). Without `sendAt` it is never sent: staff enter the answers (a call, a visit).
 */
export async function createInvitation(
  tx: Executor,
  ctx: Ctx,
  about: { ticket: Ticket } | { customer: { customerId: string; contactId: string | null } },
  trigger: SurveyTrigger,
  { order, sendAt }: { order?: WorkOrder; sendAt: Date | null },
) {
  const template = await defaultTemplate(tx, ctx.actor.orgId);
  const ticket = "ticket" in about ? about.ticket : null;
  const { customerId, contactId } = "ticket" in about ? about.ticket : about.customer;
  const [invitation] = await tx
    .insert(surveyInvitations)
    .values({
      orgId: ctx.actor.orgId,
      templateId: template.id,
      token: randomBytes(24).toString("base64url"),
      trigger,
      ticketId: ticket?.id ?? null,
      workOrderId: order?.id ?? null,
      customerId,
      contactId,
      agentId: ticket ? (ticket.assigneeId ?? ticket.firstResponderId) : null,
      engineerId: order?.engineerId ?? null,
      departmentId: ticket?.departmentId ?? null,
      product: order?.product ?? null,
      sendAt,
      expiresAt: new Date((sendAt ?? new Date()).getTime() + template.validDays * 86_400_000),
    })
    .returning();
  return { invitation, template };
}

/**
 * Sends the surveys whose time has come with the link to answer (no sign-in): about a ticket, by SMS or
 * email to its contact; a campaign's, to the respondent's mobile or email — an anonymous campaign's
 * address is forgotten once sent (C107). Claimed SKIP LOCKED: several servers never send one twice.
 */
export async function sendDueSurveys(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<{
      id: string;
      org_id: string;
      ticket_id: string | null;
      customer_id: string | null;
      token: string;
      recipient_address: string | null;
      anonymous: boolean | null;
      organization: string;
      template: string;
      expires_at: string;
    }>(
      tx,
      sql`SELECT i.id, i.org_id, i.ticket_id, i.customer_id, i.token, i.recipient_address, c.anonymous,
            o.name AS organization, t.name AS template, i.expires_at
          FROM survey_invitations i
          JOIN organizations o ON o.id = i.org_id
          JOIN survey_templates t ON t.org_id = i.org_id AND t.id = i.template_id
          LEFT JOIN survey_campaigns c ON c.org_id = i.org_id AND c.id = i.campaign_id
          WHERE i.send_at <= ${now.toISOString()}::timestamptz AND i.sent_at IS NULL
          ORDER BY i.send_at LIMIT ${BATCH} FOR UPDATE OF i SKIP LOCKED`,
    );
    for (const invitation of due) {
      const ctx = systemCtx(db, invitation.org_id);
      const settled = and(
        eq(surveyInvitations.orgId, invitation.org_id),
        eq(surveyInvitations.id, invitation.id),
      );
      // A customer who withdrew consent to surveys (C153) is not asked; the invitation stays unsent.
      if (
        invitation.customer_id &&
        !(await consentGiven(tx, invitation.org_id, invitation.customer_id, "survey"))
      ) {
        await tx.update(surveyInvitations).set({ sendAt: null }).where(settled);
        await writeAudit(tx, ctx, {
          action: "survey.withheld",
          entityType: "customer",
          entityId: invitation.customer_id,
          after: { reason: "consent_withdrawn" },
        });
        continue;
      }
      // The link answers the survey without signing in: the outbox never shows it (a secret), and an
      // anonymous campaign's message cannot be joined to its answer by the token (C107).
      const link = `${publicUrl}/s/${SECRET}`;
      const secret = invitation.token;
      if (invitation.ticket_id) {
        const ticket = await loadTicket(tx, ctx, invitation.ticket_id);
        await sendToTicketContact(tx, ctx, ticket, {
          subject: `[${ticket.number}] 客户满意度调查`,
          body: `您好，感谢您对我们的信任。关于 ${ticket.number}“${ticket.title}”，请花一分钟评价我们的服务：${link}`,
          secret,
        });
      } else if (invitation.recipient_address) {
        const address = invitation.recipient_address;
        const until = localIsoDate(
          new Date(invitation.expires_at),
          (await officeCalendar(tx, invitation.org_id)).timeZone,
        );
        await sendMessage(tx, invitation.org_id, {
          channel: address.includes("@") ? "email" : "sms",
          recipient: address,
          subject: `${invitation.organization} ${invitation.template}`,
          body: `您好，${invitation.organization}诚邀您填写“${invitation.template}”${invitation.anonymous ? "（匿名）" : ""}，请于 ${addDays(until, -1)} 前完成：${link}`,
          secret,
        });
      }
      await tx
        .update(surveyInvitations)
        .set({
          sentAt: now,
          sendAt: null,
          ...(invitation.anonymous ? { recipientAddress: null } : {}),
        })
        .where(settled);
    }
    return due.length;
  });
}
