import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { OPEN_STATUSES, TICKET_ACTIONS, type TicketAction } from "../../../common/enums";
import { TICKET_IS_OPEN, tickets } from "../../db/schema";
import { type Actor, can } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { ticketExtensions } from "./extensions";
import { canStartFrom, TRANSITIONS } from "./lifecycle";

type TicketRow = typeof tickets.$inferSelect;

/**
 * Which tickets an actor may see. Data scope (SPEC M0): own = assigned to me, first-received by me,
 * or still unassigned (so the pool can be picked up), or reached through a process's record of mine
 * (sent on site for it, holding a step of its complaint, coordinating its dispute, approving what it
 * waits for, paying or settling its money, countersigning its plan for my department); department
 * adds my department's tickets, those it is asked to assist with and those a process gives my
 * department (a complaint step); all = the organisation. A portal customer sees their own.
 */
export function visibleTickets(actor: Actor): SQL {
  const org = eq(tickets.orgId, actor.orgId);
  if (actor.type === "system") return org;
  if (actor.type === "customer") return and(org, eq(tickets.customerId, actor.customerId))!;
  if (actor.dataScope === "all") return org;
  const own = or(
    eq(tickets.assigneeId, actor.userId),
    eq(tickets.firstResponderId, actor.userId),
    and(isNull(tickets.assigneeId), TICKET_IS_OPEN),
    // Through a process's record of theirs: a complaint step, a work order, an approval (extensions.ts).
    ...ticketExtensions().visibility.flatMap((v) => v.ofUser(actor)),
  )!;
  const departmentId = actor.departmentId;
  if (actor.dataScope === "own" || !departmentId) return and(org, own)!;
  return and(
    org,
    or(
      own,
      eq(tickets.departmentId, departmentId),
      sql`EXISTS (SELECT 1 FROM ticket_assists a WHERE a.org_id = ${actor.orgId} AND a.ticket_id = ${tickets.id} AND a.department_id = ${departmentId})`,
      ...ticketExtensions().visibility.flatMap((v) => v.ofDepartment(actor, departmentId)),
    ),
  )!;
}

/**
 * Whether the actor works this ticket now: its handler, anyone while nobody holds it (the pool), or
 * someone who directs others' work (ticket.assign: supervisors, dispatchers, department heads).
 * After a transfer the previous holder no longer handles it.
 */
function handles(actor: Actor, ticket: HeldTicket): boolean {
  if (actor.type === "system") return true;
  if (actor.type !== "user") return false;
  return ticket.assigneeId === null || ticket.assigneeId === actor.userId || can(actor, "ticket.assign");
}

/** The handler, or the first responder who sees the matter through to the customer (C027, C085). */
function followsUp(actor: Actor, ticket: HeldTicket): boolean {
  return handles(actor, ticket) || (actor.type === "user" && ticket.firstResponderId === actor.userId);
}

type HeldTicket = Pick<TicketRow, "status" | "assigneeId" | "firstResponderId"> &
  Partial<Pick<TicketRow, "archivedAt">>;

/** The actions the first responder keeps after handing the ticket on: the closing callback and close. */
const FOLLOW_UP_ACTIONS: readonly TicketAction[] = ["record_callback", "close"];
export type Part = "handle" | "follow_up";
export const partIn = (action: TicketAction): Part =>
  FOLLOW_UP_ACTIONS.includes(action) ? "follow_up" : "handle";

/** Refuses (403) someone who no longer has that part in the ticket — e.g. its holder before a transfer. */
export function requirePart(actor: Actor, ticket: HeldTicket, part: Part) {
  if (!(part === "handle" ? handles : followsUp)(actor, ticket)) throw new AppError("TICKET_NOT_HELD", 403);
}

/** What the actor may do to this ticket now — sent with the ticket so the console needs no rules. */
export function ticketAbilities(actor: Actor, ticket: HeldTicket) {
  const isOpen = (OPEN_STATUSES as readonly string[]).includes(ticket.status);
  const handler = handles(actor, ticket);
  const follower = followsUp(actor, ticket);
  const actions = Object.fromEntries(
    TICKET_ACTIONS.map((action) => [
      action,
      can(actor, TRANSITIONS[action].capability) &&
        canStartFrom(action, ticket.status) &&
        (partIn(action) === "follow_up" ? follower : handler),
    ]),
  ) as Record<TicketAction, boolean>;
  const handling = can(actor, "ticket.handle");
  const abilities = {
    ...actions,
    reply: handling && follower && ticket.status !== "closed",
    // Internal notes are how anyone who works on it (an assisting department, the engineer) says something.
    note: handling && ticket.status !== "closed",
    transfer: can(actor, "ticket.transfer") && handler && isOpen,
    assist: handling && handler && isOpen,
    promise: handling && handler && isOpen,
    classify: handling && handler && isOpen,
    tag: handling && follower,
    attach: handling && follower && ticket.status !== "closed",
  };
  // Archived past its retention period (C152): read, never changed.
  if (ticket.archivedAt)
    return Object.fromEntries(Object.keys(abilities).map((k) => [k, false])) as typeof abilities;
  return abilities;
}
export type TicketAbilities = ReturnType<typeof ticketAbilities>;
