import { sql } from "drizzle-orm";
import type { SlaMetric } from "../../../common/enums";
import { tickets } from "../../db/schema";
import { on } from "../../lib/domain-events";
import { applyPolicy, clocksView, reapplyForCustomer, syncClocks } from "./clocks";

/** The clocks follow the ticket: started at intake, re-matched on a new type, priority or department, moved on every change. */
export const slaListeners = [
  on("ticket.created", (tx, ctx, { ticket }) => applyPolicy(tx, ctx, ticket, "created")),
  on("ticket.reclassified", async (tx, ctx, { payload, ticket }) => {
    if (payload.type !== payload.previousType || payload.priority !== payload.previousPriority) {
      await applyPolicy(tx, ctx, ticket, "reclassified");
    }
  }),
  // C021: a ticket routed or transferred to another department runs on that department's time limits.
  on("ticket.assigned", async (tx, ctx, { before, ticket }) => {
    if (before.departmentId !== ticket.departmentId) await applyPolicy(tx, ctx, ticket, "routed");
  }),
  on("ticket.status_changed", (tx, ctx, { payload, before, ticket }) =>
    syncClocks(tx, ctx, before, ticket, payload.action === "record_callback"),
  ),
  on("ticket.replied", async (tx, ctx, { payload, before, ticket }) => {
    if (payload.kind !== "note") await syncClocks(tx, ctx, before, ticket);
  }),
  on("customer.grade_changed", (tx, ctx, { payload }) => reapplyForCustomer(tx, ctx, payload.customerId)),
];

/** The service-time limits in the ticket queues and on the ticket page (tickets/extensions.ts). */
export const ticketDeadlines = {
  atRisk: (orgId: string) =>
    sql`${tickets.id} IN (SELECT ticket_id FROM ticket_sla_clocks WHERE org_id = ${orgId}
      AND state = 'running' AND breached_at IS NULL AND at_risk_at <= now())`,
  overdue: (orgId: string) =>
    sql`${tickets.id} IN (SELECT ticket_id FROM ticket_sla_clocks WHERE org_id = ${orgId}
      AND breached_at IS NOT NULL AND state IN ('running', 'paused'))`,
  dueOrder: sql`(SELECT min(c.due_at) FROM ticket_sla_clocks c WHERE c.org_id = ${tickets.orgId}
    AND c.ticket_id = ${tickets.id} AND c.state = 'running') ASC NULLS LAST`,
  nextDue: sql<{ metric: SlaMetric; dueAt: string; breached: boolean } | null>`(
    SELECT json_build_object('metric', c.metric, 'dueAt', c.due_at, 'breached', c.breached_at IS NOT NULL)
    FROM ticket_sla_clocks c WHERE c.org_id = ${tickets.orgId} AND c.ticket_id = ${tickets.id}
      AND c.state = 'running' AND c.due_at IS NOT NULL ORDER BY c.due_at LIMIT 1)`,
  view: clocksView,
};
