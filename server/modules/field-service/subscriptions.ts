import { sql } from "drizzle-orm";
import { tickets } from "../../db/schema";
import { can, type StaffActor } from "../../lib/context";
import { on } from "../../lib/domain-events";
import { repeatVisit } from "./work-orders";

export const fieldServiceListeners = [
  // Not satisfied with on-site work at the callback: another visit, until they are (C077).
  on("ticket.status_changed", async (tx, ctx, { payload, ticket }) => {
    if (payload.action === "record_callback" && payload.satisfied === false)
      await repeatVisit(tx, ctx, ticket);
  }),
];

/** Who sees a ticket through its work orders (tickets/policy.ts: visibleTickets). */
export const fieldServiceVisibility = {
  ofUser: (actor: StaffActor) => [
    // The engineer sent on site for it (M5).
    sql`EXISTS (SELECT 1 FROM work_orders w WHERE w.org_id = ${actor.orgId} AND w.ticket_id = ${tickets.id} AND w.engineer_id = ${actor.userId})`,
    // The approver a work order's 联络单 now waits for (C068).
    sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.org_id = ur.org_id AND ro.id = ur.role_id
      JOIN work_orders w ON w.org_id = ${actor.orgId} AND w.ticket_id = ${tickets.id}
      WHERE ur.org_id = ${actor.orgId} AND ur.user_id = ${actor.userId} AND w.approval_status = 'pending' AND w.approver_role = ro.key)`,
    // Finance: a visit to settle (C076).
    can(actor, "finance.confirm")
      ? sql`EXISTS (SELECT 1 FROM work_orders w WHERE w.org_id = ${actor.orgId} AND w.ticket_id = ${tickets.id} AND w.settlement_status <> 'none')`
      : undefined,
  ],
  ofDepartment: () => [],
};
