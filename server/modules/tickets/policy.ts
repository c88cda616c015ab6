import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { OPEN_STATUSES } from "../../../common/enums";
import { TICKET_IS_OPEN, tickets } from "../../db/schema";
import { type Actor, can } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { canStartFrom, TICKET_ACTIONS, type TicketAction, TRANSITIONS } from "./lifecycle";

type TicketRow = typeof tickets.$inferSelect;

/**
 * Which tickets an actor may see. Data scope (SPEC M0): own = assigned to me, first-received by me,
 * or still unassigned (so the pool can be picked up), or sent on site for it, or holding a step of its complaint, coordinating
 * its dispute, approving what it waits for, paying or settling its money (finance), or countersigning its plan for my department; department
 * adds my department's tickets, those it is asked to assist with and complaints with a step of my
 * department; all = the organisation. A portal customer sees their own.
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
    sql`EXISTS (SELECT 1 FROM complaints c JOIN complaint_steps s ON s.org_id = c.org_id AND s.complaint_id = c.id
      WHERE c.ticket_id = ${tickets.id} AND s.owner_id = ${actor.userId})`,
    // The engineer sent on site for it (M5).
    sql`EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = ${tickets.id} AND w.engineer_id = ${actor.userId})`,
    // The approver a complaint's compensation (C058) or a work order's 联络单 (C068) now waits for.
    sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.org_id = ur.org_id AND ro.id = ur.role_id
      WHERE ur.user_id = ${actor.userId} AND (
        EXISTS (SELECT 1 FROM complaints c JOIN approval_requests r ON r.org_id = c.org_id AND r.complaint_id = c.id
          WHERE c.ticket_id = ${tickets.id} AND r.status = 'pending' AND r.chain[r.level + 1] = ro.key)
        OR EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = ${tickets.id}
          AND w.approval_status = 'pending' AND w.approver_role = ro.key)))`,
    // Finance: the tickets whose money it handles, a compensation to pay (C058) or a visit to settle (C076).
    can(actor, "finance.confirm")
      ? sql`(EXISTS (SELECT 1 FROM complaints c JOIN compensations m ON m.org_id = c.org_id AND m.complaint_id = c.id
          WHERE c.ticket_id = ${tickets.id})
        OR EXISTS (SELECT 1 FROM work_orders w WHERE w.ticket_id = ${tickets.id} AND w.settlement_status <> 'none'))`
      : undefined,
    // The coordinator of a disputed complaint (C060).
    sql`EXISTS (SELECT 1 FROM complaints c WHERE c.ticket_id = ${tickets.id} AND c.coordinator_id = ${actor.userId})`,
    // Anyone who signs for a department asked to countersign the plan (C056).
    actor.departmentId
      ? sql`EXISTS (SELECT 1 FROM complaints c JOIN complaint_countersigns k ON k.org_id = c.org_id AND k.complaint_id = c.id
          WHERE c.ticket_id = ${tickets.id} AND k.department_id = ${actor.departmentId})`
      : undefined,
  )!;
  if (actor.dataScope === "own" || !actor.departmentId) return and(org, own)!;
  return and(
    org,
    or(
      own,
      eq(tickets.departmentId, actor.departmentId),
      sql`EXISTS (SELECT 1 FROM ticket_assists a WHERE a.ticket_id = ${tickets.id} AND a.department_id = ${actor.departmentId})`,
      sql`EXISTS (SELECT 1 FROM complaints c JOIN complaint_steps s ON s.org_id = c.org_id AND s.complaint_id = c.id
        WHERE c.ticket_id = ${tickets.id} AND s.department_id = ${actor.departmentId})`,
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
    attach: handling && follower && ticket.status !== "closed",
  };
  // Archived past its retention period (C152): read, never changed.
  if (ticket.archivedAt)
    return Object.fromEntries(Object.keys(abilities).map((k) => [k, false])) as typeof abilities;
  return abilities;
}
export type TicketAbilities = ReturnType<typeof ticketAbilities>;
