import { sql } from "drizzle-orm";
import { TICKET_PREFIX, type TicketType } from "../../../common/enums";
import { type Executor, queryRows } from "../../db/client";

/**
 * `<prefix>-<YYYYMM>-<serial>` (seed 000 第八条), the serial restarting each month in the
 * organisation's time zone. The counter row is upserted in the ticket's own transaction, so numbers
 * are unique and a rolled-back ticket gives its number back. The serial is padded to 4 digits, never cut.
 */
export async function nextTicketNumber(
  tx: Executor,
  orgId: string,
  type: TicketType,
  at: Date,
): Promise<string> {
  const prefix = TICKET_PREFIX[type];
  const [row] = await queryRows<{ period: string; serial: number }>(
    tx,
    sql`INSERT INTO ticket_counters (org_id, prefix, period, last_serial)
        SELECT id, ${prefix}, to_char(${at.toISOString()}::timestamptz AT TIME ZONE time_zone, 'YYYYMM'), 1
        FROM organizations WHERE id = ${orgId}
        ON CONFLICT (org_id, prefix, period) DO UPDATE SET last_serial = ticket_counters.last_serial + 1
        RETURNING period, last_serial AS serial`,
  );
  return `${prefix}-${row.period}-${String(row.serial).padStart(4, "0")}`;
}
