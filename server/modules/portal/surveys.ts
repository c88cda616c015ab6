import { sql } from "drizzle-orm";
import type { PortalSurvey } from "../../../common/schemas/surveys";
import { queryRows } from "../../db/client";
import type { Ctx, CustomerActor } from "../../lib/context";

/**
 * The surveys waiting for the signed-in contact (SPEC M13: customers answer surveys in the portal):
 * sent to them, not answered, not expired — each answered through its own link, once.
 */
export async function myOpenSurveys(ctx: Ctx & { actor: CustomerActor }): Promise<PortalSurvey[]> {
  const { orgId, contactId } = ctx.actor;
  const rows = await queryRows<{
    token: string;
    name: string;
    number: string | null;
    title: string | null;
    expires_at: Date;
  }>(
    ctx.db,
    sql`SELECT i.token, tpl.name, t.number, t.title, i.expires_at
        FROM survey_invitations i
        JOIN survey_templates tpl ON tpl.org_id = i.org_id AND tpl.id = i.template_id
        LEFT JOIN tickets t ON t.org_id = i.org_id AND t.id = i.ticket_id
        WHERE i.org_id = ${orgId} AND i.contact_id = ${contactId} AND i.sent_at IS NOT NULL
          AND i.answered_at IS NULL AND i.expires_at > now()
        ORDER BY i.sent_at DESC LIMIT 20`,
  );
  return rows.map((r) => ({
    token: r.token,
    name: r.name,
    number: r.number,
    title: r.title,
    expiresAt: new Date(r.expires_at).toISOString(),
  }));
}
