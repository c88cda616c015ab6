import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { FollowUp } from "../../../common/schemas/callbacks";
import { followUpQuery } from "../../../common/schemas/callbacks";
import { queryRows } from "../../db/client";
import { type Ctx, requireCapability } from "../../lib/context";
import { offsetOf, pageOf } from "../../lib/pagination";

/**
 * 不满意跟进 (C093, seed 002 回访监控): every follow-up ticket an unsatisfied customer got — from a survey
 * answer or a call of the customer lists — for the supervisors to track to its final result: where it
 * stands, who owns it, whether it ran late, what was done and what the customer said at the end.
 */
export async function listFollowUps(ctx: Ctx, raw: z.input<typeof followUpQuery>) {
  requireCapability(ctx.actor, "report.view");
  const q = followUpQuery.parse(raw);
  const orgId = ctx.actor.orgId;
  const done = sql`t.status IN ('callback_done', 'closed')`;
  const followUps = sql`
    SELECT DISTINCT ON (id) id, source FROM (
      SELECT follow_up_ticket_id AS id, 'survey' AS source FROM survey_responses
        WHERE org_id = ${orgId} AND follow_up_ticket_id IS NOT NULL
      UNION ALL SELECT follow_up_ticket_id, 'customer_list' FROM customer_callbacks
        WHERE org_id = ${orgId} AND follow_up_ticket_id IS NOT NULL) f
    ORDER BY id, source DESC`;
  const where = q.status === "done" ? done : sql`NOT (${done})`;
  const rows = await queryRows<
    Omit<FollowUp, "openedAt" | "resolvedAt"> & { openedAt: Date; resolvedAt: Date | null }
  >(
    ctx.db,
    sql`SELECT t.id AS "ticketId", t.number, t.title, t.status, f.source, c.name AS customer,
          u.display_name AS owner, t.created_at AS "openedAt", t.resolved_at AS "resolvedAt", t.resolution,
          (SELECT k.satisfied FROM callback_tasks k WHERE k.org_id = t.org_id AND k.ticket_id = t.id AND k.status = 'done'
            ORDER BY k.done_at DESC LIMIT 1) AS "finalSatisfied",
          EXISTS (SELECT 1 FROM sla_breaches b WHERE b.org_id = t.org_id AND b.ticket_id = t.id) AS overdue
        FROM (${followUps}) f JOIN tickets t ON t.org_id = ${orgId} AND t.id = f.id
        LEFT JOIN customers c ON c.org_id = t.org_id AND c.id = t.customer_id
        LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.assignee_id
        WHERE ${where}
        ORDER BY t.created_at DESC, t.id
        LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS total FROM (${followUps}) f JOIN tickets t ON t.org_id = ${orgId} AND t.id = f.id WHERE ${where}`,
  );
  return pageOf(
    q,
    rows.map((r) => ({
      ...r,
      openedAt: new Date(r.openedAt).toISOString(),
      resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
    })),
    total,
  );
}
