import { type SQL, sql } from "drizzle-orm";
import type { QaSubject } from "../../../common/enums";
import type { CompletenessCheck, CompletenessRow } from "../../../common/schemas/quality";
import { type Executor, queryRows } from "../../db/client";

/**
 * What a complete service record holds (C110; seed 004 第六章 3 服务记录完整性): a ticket names its
 * customer and contact and says how it was resolved and with what result; a complaint also its cause;
 * a work order its cause and work done, the customer's signature (or why not), their opinion and photos.
 */
const TICKET_CHECKS: Record<string, SQL> = {
  customer: sql`t.customer_id IS NOT NULL`,
  contact: sql`t.contact_id IS NOT NULL`,
  resolution: sql`coalesce(btrim(t.resolution), '') <> ''`,
  resolution_mode: sql`t.resolution_mode IS NOT NULL`,
};
type RecordSpec = {
  from: SQL;
  /** The organisation column of the record (every key leads with it). */
  org: SQL;
  id: SQL;
  agent: SQL;
  at: SQL;
  finished: (orgId: string) => SQL;
  checks: Record<string, SQL>;
};
const RECORDS: Record<QaSubject, RecordSpec> = {
  ticket: {
    from: sql`tickets t`,
    org: sql`t.org_id`,
    id: sql`t.id`,
    agent: sql`t.assignee_id`,
    at: sql`t.resolved_at`,
    finished: (orgId: string) =>
      sql`t.org_id = ${orgId} AND t.channel <> 'internal' AND t.status IN ('resolved', 'callback_done', 'closed')`,
    checks: TICKET_CHECKS,
  },
  complaint: {
    from: sql`complaints c JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id`,
    org: sql`c.org_id`,
    id: sql`c.ticket_id`,
    agent: sql`t.assignee_id`,
    at: sql`c.closed_at`,
    finished: (orgId: string) => sql`c.org_id = ${orgId} AND c.status = 'closed'`,
    checks: { ...TICKET_CHECKS, cause: sql`c.cause_category IS NOT NULL` },
  },
  work_order: {
    from: sql`work_orders w`,
    org: sql`w.org_id`,
    id: sql`w.id`,
    agent: sql`w.engineer_id`,
    at: sql`w.completed_at`,
    finished: (orgId: string) => sql`w.org_id = ${orgId} AND w.status = 'completed'`,
    checks: {
      fault_cause: sql`coalesce(btrim(w.fault_cause), '') <> ''`,
      work_done: sql`coalesce(btrim(w.work_done), '') <> ''`,
      signature: sql`(w.signature_attachment_id IS NOT NULL OR coalesce(btrim(w.no_signature_reason), '') <> '')`,
      customer_opinion: sql`w.customer_satisfied IS NOT NULL`,
      photos: sql`EXISTS (SELECT 1 FROM attachments a WHERE a.org_id = w.org_id AND a.work_order_id = w.id AND a.mime_type LIKE 'image/%'
                   AND a.id IS DISTINCT FROM w.signature_attachment_id)`,
    },
  },
};

/** The completeness checks of one record: a ticket's or complaint's ticket id, or a work order's id. */
export async function completenessOf(
  tx: Executor,
  orgId: string,
  subject: QaSubject,
  id: string,
): Promise<CompletenessCheck[]> {
  const r = RECORDS[subject];
  const keys = Object.keys(r.checks);
  const [row] = await queryRows<Record<string, boolean>>(
    tx,
    sql`SELECT ${sql.join(
      keys.map((k) => sql`${r.checks[k]} AS ${sql.identifier(k)}`),
      sql`, `,
    )} FROM ${r.from} WHERE ${r.org} = ${orgId} AND ${r.id} = ${id}`,
  );
  return row ? keys.map((key) => ({ key, ok: row[key] })) : [];
}

/**
 * 记录完整率 per person (C110): their tickets resolved and work orders completed in [from, to), how
 * many are complete and how many miss each requirement.
 */
export async function completenessByAgent(tx: Executor, orgId: string, from: Date, to: Date) {
  const rows = new Map<string, CompletenessRow>();
  for (const subject of ["ticket", "work_order"] as const) {
    const r = RECORDS[subject];
    const keys = Object.keys(r.checks);
    const found = await queryRows<Record<string, number | string | null>>(
      tx,
      sql`SELECT ${r.agent} AS agent_id, u.display_name AS agent, d.name AS department, count(*)::int AS records,
            count(*) FILTER (WHERE ${sql.join(
              keys.map((k) => r.checks[k]),
              sql` AND `,
            )})::int AS complete,
            ${sql.join(
              keys.map((k) => sql`count(*) FILTER (WHERE NOT ${r.checks[k]})::int AS ${sql.identifier(k)}`),
              sql`, `,
            )}
          FROM ${r.from} JOIN users u ON u.org_id = ${r.org} AND u.id = ${r.agent} LEFT JOIN departments d ON d.org_id = u.org_id AND d.id = u.department_id
          WHERE ${r.finished(orgId)}
            AND ${r.at} >= ${from.toISOString()}::timestamptz AND ${r.at} < ${to.toISOString()}::timestamptz
          GROUP BY 1, 2, 3`,
    );
    for (const f of found) {
      const id = String(f.agent_id);
      const row = rows.get(id) ?? {
        agentId: id,
        agent: f.agent as string | null,
        department: f.department as string | null,
        records: 0,
        complete: 0,
        missing: {},
      };
      row.records += Number(f.records);
      row.complete += Number(f.complete);
      for (const k of keys) if (Number(f[k])) row.missing[k] = Number(f[k]);
      rows.set(id, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.complete / a.records - b.complete / b.records || (a.agent ?? "").localeCompare(b.agent ?? ""),
  );
}
