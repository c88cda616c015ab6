import { sql } from "drizzle-orm";
import { tickets } from "../../db/schema";
import { can, type StaffActor } from "../../lib/context";
import { on } from "../../lib/domain-events";
import { refuseAccusedHandler, refuseWhileComplaintOpen } from "./details";

/** What complaints hold against a ticket's change: no resolving while open, no accused handler (C053). */
export const complaintListeners = [
  on("ticket.status_changed", async (tx, _ctx, { payload, ticket }) => {
    if (payload.action === "resolve") await refuseWhileComplaintOpen(tx, ticket);
  }),
  on("ticket.assigned", (tx, _ctx, { ticket }) => refuseAccusedHandler(tx, ticket, ticket.assigneeId)),
];

/** Who sees a ticket through its complaint (tickets/policy.ts: visibleTickets). */
export const complaintVisibility = {
  ofUser: (actor: StaffActor) => [
    sql`EXISTS (SELECT 1 FROM complaints c JOIN complaint_steps s ON s.org_id = c.org_id AND s.complaint_id = c.id
      WHERE c.org_id = ${actor.orgId} AND c.ticket_id = ${tickets.id} AND s.owner_id = ${actor.userId})`,
    // The approver a complaint's compensation now waits for (C058).
    sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.org_id = ur.org_id AND ro.id = ur.role_id
      JOIN complaints c ON c.org_id = ${actor.orgId} AND c.ticket_id = ${tickets.id}
      JOIN approval_requests r ON r.org_id = c.org_id AND r.complaint_id = c.id
      WHERE ur.org_id = ${actor.orgId} AND ur.user_id = ${actor.userId} AND r.status = 'pending' AND r.chain[r.level + 1] = ro.key)`,
    // Finance: a compensation to pay.
    can(actor, "finance.confirm")
      ? sql`EXISTS (SELECT 1 FROM complaints c JOIN compensations m ON m.org_id = c.org_id AND m.complaint_id = c.id
          WHERE c.org_id = ${actor.orgId} AND c.ticket_id = ${tickets.id})`
      : undefined,
    // The coordinator of a disputed complaint (C060).
    sql`EXISTS (SELECT 1 FROM complaints c WHERE c.org_id = ${actor.orgId} AND c.ticket_id = ${tickets.id} AND c.coordinator_id = ${actor.userId})`,
    // Anyone who signs for a department asked to countersign the plan (C056).
    actor.departmentId
      ? sql`EXISTS (SELECT 1 FROM complaints c JOIN complaint_countersigns k ON k.org_id = c.org_id AND k.complaint_id = c.id
          WHERE c.org_id = ${actor.orgId} AND c.ticket_id = ${tickets.id} AND k.department_id = ${actor.departmentId})`
      : undefined,
  ],
  ofDepartment: (actor: StaffActor, departmentId: string) => [
    sql`EXISTS (SELECT 1 FROM complaints c JOIN complaint_steps s ON s.org_id = c.org_id AND s.complaint_id = c.id
      WHERE c.org_id = ${actor.orgId} AND c.ticket_id = ${tickets.id} AND s.department_id = ${departmentId})`,
  ],
};
