import { sql } from "drizzle-orm";
import { TICKET_PREFIX, type TicketType } from "../../../common/enums";
import { type Executor, queryRows } from "../../db/client";

/** The counter upsert of a `<prefix>-<YYYYMM>-<serial>` number, as a CTE yielding period and serial. */
const counter = (orgId: string, prefix: string, at: Date) =>
  sql`counter AS (
          INSERT INTO ticket_counters (org_id, prefix, period, last_serial)
          SELECT id, ${prefix}, to_char(${at.toISOString()}::timestamptz AT TIME ZONE time_zone, 'YYYYMM'), 1
          FROM organizations WHERE id = ${orgId}
          ON CONFLICT (org_id, prefix, period) DO UPDATE SET last_serial = ticket_counters.last_serial + 1
          RETURNING period, lpad(last_serial::text, greatest(4, length(last_serial::text)), '0') AS serial)`;

/**
 * Gives a ticket its number `<prefix>-<YYYYMM>-<serial>` (seed 000 第八条), the serial restarting each
 * month in the organisation's time zone. The counter row is upserted in the ticket's own transaction,
 * so numbers are unique and a rolled-back ticket gives its number back; the serial is padded to 4
 * digits, never cut. The counter row is the one hot row of intake, locked until COMMIT: so this is
 * one statement, the last of the transaction, and it also adds the number's search tokens (the same
 * ones search-tokens.ts makes of "BX-202611-0007": bx, 202611, 0007).
 */
export async function assignTicketNumber(
  tx: Executor,
  ticketId: string,
  orgId: string,
  type: TicketType,
  at: Date,
): Promise<string> {
  const prefix = TICKET_PREFIX[type];
  const [row] = await queryRows<{ number: string }>(
    tx,
    sql`WITH ${counter(orgId, prefix, at)}
        UPDATE tickets SET
          number = ${prefix} || '-' || counter.period || '-' || counter.serial,
          search_vector = coalesce(search_vector, ''::tsvector) || array_to_tsvector(ARRAY[${prefix.toLowerCase()}, counter.period, counter.serial])
        FROM counter WHERE tickets.org_id = ${orgId} AND tickets.id = ${ticketId}
        RETURNING number`,
  );
  return row.number;
}

/** The next number of another numbered record (a work order: PG-202611-0001), same rules as tickets. */
export async function nextNumber(tx: Executor, orgId: string, prefix: string, at: Date): Promise<string> {
  const [row] = await queryRows<{ number: string }>(
    tx,
    sql`WITH ${counter(orgId, prefix, at)} SELECT ${prefix} || '-' || period || '-' || serial AS number FROM counter`,
  );
  return row.number;
}
