import { sql } from "drizzle-orm";
import type { TeamMember } from "../../../common/schemas/tickets";
import { queryRows } from "../../db/client";
import { TICKET_IS_OPEN } from "../../db/schema";
import { type Ctx, requireCapability } from "../../lib/context";

/**
 * The supervisor's live team view: everyone who handles tickets in the supervisor's department, with
 * how many open tickets each holds, how long the oldest has waited, how many are at risk of or past a
 * time limit, and whether they are signed in now.
 */
export async function teamView(ctx: Ctx): Promise<TeamMember[]> {
  requireCapability(ctx.actor, "ticket.assign");
  const { actor } = ctx;
  // A supervisor leads their own department; someone in none sees everyone who handles tickets.
  const department =
    actor.type === "user" && actor.departmentId ? sql`AND u.department_id = ${actor.departmentId}` : sql``;
  const clock = (state: ReturnType<typeof sql>) =>
    sql`EXISTS (SELECT 1 FROM ticket_sla_clocks c WHERE c.org_id = tickets.org_id AND c.ticket_id = tickets.id AND ${state})`;
  const rows = await queryRows<
    Omit<TeamMember, "oldestSince" | "awayUntil"> & { oldestSince: Date | null; awayUntil: Date | null }
  >(
    ctx.db,
    sql`SELECT u.id, u.display_name AS name, d.name AS department,
        count(tickets.id)::int AS open,
        min(tickets.received_at) AS "oldestSince",
        count(tickets.id) FILTER (WHERE ${clock(sql`c.state = 'running' AND c.breached_at IS NULL AND c.at_risk_at <= now()`)})::int AS "atRisk",
        count(tickets.id) FILTER (WHERE ${clock(sql`c.breached_at IS NOT NULL AND c.state IN ('running', 'paused')`)})::int AS overdue,
        EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.expires_at > now()) AS "signedIn",
        CASE WHEN u.away_from <= now() AND now() < u.away_until THEN u.away_until END AS "awayUntil",
        CASE WHEN u.away_from <= now() AND now() < u.away_until THEN dep.display_name END AS deputy
      FROM users u
      LEFT JOIN departments d ON d.org_id = u.org_id AND d.id = u.department_id
      LEFT JOIN users dep ON dep.org_id = u.org_id AND dep.id = u.deputy_id
      LEFT JOIN tickets ON tickets.assignee_id = u.id AND tickets.org_id = u.org_id AND ${TICKET_IS_OPEN}
      WHERE u.org_id = ${actor.orgId} AND NOT u.is_disabled ${department}
        AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.org_id = ur.org_id AND r.id = ur.role_id
          WHERE ur.org_id = u.org_id AND ur.user_id = u.id AND 'ticket.handle' = ANY(r.capabilities))
      GROUP BY u.org_id, u.id, d.name, dep.display_name
      ORDER BY overdue DESC, open DESC, name`,
  );
  return rows.map((r) => ({
    ...r,
    oldestSince: r.oldestSince ? new Date(r.oldestSince).toISOString() : null,
    awayUntil: r.awayUntil ? new Date(r.awayUntil).toISOString() : null,
  }));
}
