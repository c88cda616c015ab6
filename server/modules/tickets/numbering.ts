import { eq, sql } from "drizzle-orm";
import { TICKET_PREFIX, type TicketType } from "../../../common/enums";
import type { Executor } from "../../db/client";
import { organizations, ticketCounters } from "../../db/schema";
import { yearMonth } from "../../lib/calendar";

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
  const [org] = await tx
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const prefix = TICKET_PREFIX[type];
  const period = yearMonth(at, org.timeZone);
  const [row] = await tx
    .insert(ticketCounters)
    .values({ orgId, prefix, period, lastSerial: 1 })
    .onConflictDoUpdate({
      target: [ticketCounters.orgId, ticketCounters.prefix, ticketCounters.period],
      set: { lastSerial: sql`${ticketCounters.lastSerial} + 1` },
    })
    .returning({ serial: ticketCounters.lastSerial });
  return `${prefix}-${period}-${String(row.serial).padStart(4, "0")}`;
}
