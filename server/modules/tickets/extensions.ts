import type { SQL } from "drizzle-orm";
import type { SlaMetric } from "../../../common/enums";
import type { TicketDetail } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import type { StaffActor } from "../../lib/context";
import type { Ticket } from "./load-ticket";

/**
 * What the process modules add to the ticket kernel's reads, given to it by the wiring
 * (server/wiring.ts) so that tickets import none of them: who else sees a ticket through a process's
 * record, and the service-time limits of the queues and the ticket page. Writes go the other way, as
 * domain events the processes listen to.
 */
export type TicketExtensions = {
  /** Conditions on `tickets.id` under which a person sees a ticket beyond their data scope. */
  visibility: {
    /** Through a record of their own: a complaint step, a work order, an approval waiting for them. */
    ofUser(actor: StaffActor): (SQL | undefined)[];
    /** Through a record of their department (department scope): a complaint step it holds. */
    ofDepartment(actor: StaffActor, departmentId: string): SQL[];
  }[];
  /** Service-time limits (SPEC M3). */
  deadlines: {
    /** Queue conditions on `tickets.id`: a live clock at risk, or breached. */
    atRisk(orgId: string): SQL;
    overdue(orgId: string): SQL;
    /** Order by the next deadline, none last. */
    dueOrder: SQL;
    /** The next deadline, for each row of a queue. */
    nextDue: SQL<{ metric: SlaMetric; dueAt: string; breached: boolean } | null>;
    /** The ticket page's policy and clocks. */
    view(tx: Executor, ticket: Ticket): Promise<NonNullable<TicketDetail["sla"]>>;
  };
};

let extensions: TicketExtensions | null = null;

export function extendTickets(given: TicketExtensions) {
  extensions = given;
}

export function ticketExtensions(): TicketExtensions {
  if (!extensions) throw new Error("ticket extensions are not wired (server/wiring.ts: wireModules)");
  return extensions;
}
