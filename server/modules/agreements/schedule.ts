import { and, eq, isNull, sql } from "drizzle-orm";
import { startOfLocalDay } from "../../../common/business-time";
import { WORK_ORDER_KIND_LABELS } from "../../../common/labels";
import { fitTicketTitle } from "../../../common/schemas/tickets";
import { type Db, queryRows } from "../../db/client";
import { agreementVisits, serviceAgreements } from "../../db/schema";
import { systemCtx } from "../../lib/context";
import { officeCalendar } from "../../lib/periods";
import { primaryContactId } from "../customers/contacts-and-purchases";
import { createWorkOrder } from "../field-service/create-work-order";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { createTicket } from "../tickets/create-ticket";
import { loadTicket } from "../tickets/load-ticket";
import { sendToTicketContact } from "../tickets/reply-to-ticket";

/** Days before an agreement ends that its owner and the dispatchers are reminded to renew it. */
export const AGREEMENT_EXPIRY_NOTICE_DAYS = 30;
const BATCH = 50;
/** How often every server looks for visits and expiring agreements (both are idempotent). */
export const AGREEMENT_SCHEDULE_MS = 15 * 60_000;

/**
 * The scheduled visits whose day is within their agreement's lead time (in the organisation's time
 * zone) and that have no work order yet: each becomes a ticket with a 保养/巡检 work order waiting for
 * dispatch, and the customer is reminded (C080). One visit at a time in its own transaction, locked
 * SKIP LOCKED: several servers running this at once never make a visit twice.
 */
async function createDueVisits(db: Db): Promise<number> {
  const due = await queryRows<{ id: string; org_id: string }>(
    db,
    sql`SELECT v.id, v.org_id FROM agreement_visits v
        JOIN service_agreements a ON a.org_id = v.org_id AND a.id = v.agreement_id
        JOIN organizations o ON o.id = v.org_id
        WHERE v.work_order_id IS NULL AND a.terminated_at IS NULL
          AND v.due_on - a.lead_days <= (now() AT TIME ZONE o.time_zone)::date
        ORDER BY v.due_on LIMIT ${BATCH}`,
  );
  let made = 0;
  for (const { id, org_id: orgId } of due) {
    await db.transaction(async (tx) => {
      const [visit] = await tx
        .select()
        .from(agreementVisits)
        .where(
          and(
            eq(agreementVisits.orgId, orgId),
            eq(agreementVisits.id, id),
            isNull(agreementVisits.workOrderId),
          ),
        )
        .for("update", { skipLocked: true });
      if (!visit) return;
      const [agreement] = await tx
        .select()
        .from(serviceAgreements)
        .where(and(eq(serviceAgreements.orgId, visit.orgId), eq(serviceAgreements.id, visit.agreementId)));
      const contactId = await primaryContactId(tx, orgId, agreement.customerId);
      const ctx = systemCtx(tx, orgId);
      const { timeZone } = await officeCalendar(tx, orgId);
      const kind = WORK_ORDER_KIND_LABELS[agreement.visitKind]["zh-CN"];
      const ticket = await createTicket(ctx, {
        type: "repair",
        channel: "internal",
        title: fitTicketTitle(`定期${kind}：${agreement.title}（第 ${visit.seq} 次）`),
        description: `服务协定 ${agreement.contractNo} 约定的第 ${visit.seq} 次定期${kind}，计划日期 ${visit.dueOn}。`,
        customerId: agreement.customerId,
        contactId,
        assigneeId: agreement.ownerId,
      });
      const order = await createWorkOrder(ctx, ticket.id, {
        kind: agreement.visitKind,
        product: agreement.title,
        fault: `定期${kind}（服务协定 ${agreement.contractNo}）`,
        siteAddress: agreement.siteAddress,
        // 09:00 on the day, the customer's time, as the first proposal for the appointment.
        preferredAt: new Date(startOfLocalDay(visit.dueOn, timeZone).getTime() + 9 * 3_600_000),
        // Scheduled visits are part of the contract: not charged unless someone decides otherwise.
        chargeable: false,
        chargeableReason: "服务协定约定的定期服务",
      });
      await tx
        .update(agreementVisits)
        .set({ ticketId: ticket.id, workOrderId: order.id })
        .where(and(eq(agreementVisits.orgId, visit.orgId), eq(agreementVisits.id, visit.id)));
      await sendToTicketContact(tx, ctx, await loadTicket(tx, ctx, ticket.id), {
        subject: `定期${kind}提醒`,
        body: `您好，根据服务协定 ${agreement.contractNo}，我们计划于 ${visit.dueOn} 为您进行第 ${visit.seq} 次定期${kind}，工程师出发前会与您确认具体时间。`,
      });
      made++;
    });
  }
  return made;
}

/** Agreements ending within the notice period: their owner and the dispatchers are told once. */
async function remindExpiring(db: Db): Promise<number> {
  const expiring = await queryRows<{ id: string; org_id: string }>(
    db,
    sql`SELECT a.id, a.org_id FROM service_agreements a JOIN organizations o ON o.id = a.org_id /* every organisation */
        WHERE a.terminated_at IS NULL AND a.expiry_notified_at IS NULL
          AND a.ends_on - ${AGREEMENT_EXPIRY_NOTICE_DAYS}::int <= (now() AT TIME ZONE o.time_zone)::date
        LIMIT ${BATCH}`,
  );
  for (const { id, org_id: orgId } of expiring)
    await db.transaction(async (tx) => {
      const [agreement] = await tx
        .update(serviceAgreements)
        .set({ expiryNotifiedAt: new Date() })
        .where(
          and(
            eq(serviceAgreements.orgId, orgId),
            eq(serviceAgreements.id, id),
            isNull(serviceAgreements.expiryNotifiedAt),
          ),
        )
        .returning();
      if (!agreement) return;
      const dispatchers = await usersWithCapability(tx, agreement.orgId, "workorder.dispatch");
      await notifyUsers(tx, agreement.orgId, [agreement.ownerId, ...dispatchers], {
        kind: "agreement_expiring",
        params: { contractNo: agreement.contractNo, title: agreement.title, endsOn: agreement.endsOn },
      });
    });
  return expiring.length;
}

/** The agreements' periodic task: scheduled visits made into work orders, expiring contracts flagged. */
export async function runAgreementSchedule(db: Db) {
  return { visits: await createDueVisits(db), expiring: await remindExpiring(db) };
}
