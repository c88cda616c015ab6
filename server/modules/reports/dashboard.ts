import { sql } from "drizzle-orm";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import { OPEN_STATUSES } from "../../../common/enums";
import { addDays } from "../../../common/field-service";
import { countRatings, type RatingCounts, satisfaction } from "../../../common/satisfaction";
import type { Dashboard } from "../../../common/schemas/reports";
import { queryRows } from "../../db/client";
import { OPEN_TICKET } from "../../db/schema";
import { type Ctx, requireCapability } from "../../lib/context";
import { orgTimeZone } from "../../lib/periods";
import { queueCounts } from "../tickets/queries";

/**
 * 服务看板 (C146, SPEC M12): the whole service at a glance — open tickets by status, at risk, overdue
 * and green channel; today's callbacks (about tickets and from the customer lists); engineers out on site; today's satisfaction. The console
 * refreshes it on every change (live events), without reload.
 */
export async function serviceDashboard(ctx: Ctx): Promise<Dashboard> {
  requireCapability(ctx.actor, "report.view");
  const orgId = ctx.actor.orgId;
  const timeZone = await orgTimeZone(ctx);
  const today = localIsoDate(new Date(), timeZone);
  const from = startOfLocalDay(today, timeZone).toISOString();
  const to = startOfLocalDay(addDays(today, 1), timeZone).toISOString();
  const [queues, byStatus, callbacks, field, ratings] = await Promise.all([
    queueCounts(ctx),
    queryRows<{ status: string; n: number }>(
      ctx.db,
      sql`SELECT status, count(*)::int AS n FROM tickets
          WHERE org_id = ${orgId} AND ${OPEN_TICKET} GROUP BY 1`,
    ),
    queryRows<{ due: number; made: number }>(
      ctx.db,
      sql`SELECT count(*)::int AS due, count(*) FILTER (WHERE status <> 'open')::int AS made
          FROM (SELECT status FROM callback_tasks WHERE org_id = ${orgId} AND due_on = ${today}::date
            UNION ALL SELECT status FROM customer_callbacks WHERE org_id = ${orgId} AND due_on = ${today}::date) c`,
    ),
    queryRows<{ status: string; n: number }>(
      ctx.db,
      sql`SELECT status, count(DISTINCT engineer_id)::int AS n FROM work_orders
          WHERE org_id = ${orgId} AND status IN ('on_the_way', 'on_site') GROUP BY 1`,
    ),
    queryRows<{ rating: keyof RatingCounts; n: number }>(
      ctx.db,
      sql`SELECT r.rating, count(*)::int AS n FROM survey_ratings r
          JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
          WHERE r.org_id = ${orgId} AND r.submitted_at >= ${from}::timestamptz AND r.submitted_at < ${to}::timestamptz
          GROUP BY 1`,
    ),
  ]);
  const counts = countRatings([]);
  for (const r of ratings) counts[r.rating] += r.n;
  const fieldOf = (status: string) => field.find((f) => f.status === status)?.n ?? 0;
  return {
    today,
    openByStatus: OPEN_STATUSES.map((status) => ({
      status,
      n: byStatus.find((r) => r.status === status)?.n ?? 0,
    })),
    atRisk: queues.at_risk,
    overdue: queues.overdue,
    greenChannel: queues.green_channel,
    unassigned: queues.unassigned,
    callbacksDue: callbacks[0].due,
    callbacksMade: callbacks[0].made,
    engineersOnTheWay: fieldOf("on_the_way"),
    engineersOnSite: fieldOf("on_site"),
    satisfaction: { counts, ...satisfaction(counts) },
  };
}
