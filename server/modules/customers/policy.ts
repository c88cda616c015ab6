import { type AnyColumn, and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { customers } from "../../db/schema";
import type { Actor } from "../../lib/context";
import { visibleTickets } from "../tickets/policy";

/**
 * Which customers an actor may list, open and edit — the role's data scope, as for tickets (SPEC M0):
 * all = the organisation; otherwise the customers I entered or look after as account manager (with
 * department scope: that someone of my department entered or looks after), and the customers of every
 * ticket I may see — which brings in the customers of the work orders an engineer holds, of the
 * complaints a department works on and of the requests waiting in the pool. A portal customer is
 * themself.
 */
export function visibleCustomers(actor: Actor): SQL {
  const org = eq(customers.orgId, actor.orgId);
  if (actor.type === "system") return org;
  if (actor.type === "customer") return and(org, eq(customers.id, actor.customerId))!;
  if (actor.dataScope === "all") return org;
  const department = actor.dataScope === "department" ? actor.departmentId : null;
  return and(
    org,
    or(
      eq(customers.ownerUserId, actor.userId),
      eq(customers.createdBy, actor.userId),
      department
        ? sql`EXISTS (SELECT 1 FROM users o WHERE o.org_id = ${actor.orgId} AND o.id IN (${customers.ownerUserId}, ${customers.createdBy})
            AND o.department_id = ${department})`
        : undefined,
      sql`EXISTS (SELECT 1 FROM tickets WHERE tickets.org_id = ${actor.orgId} AND tickets.customer_id = ${customers.id} AND ${visibleTickets(actor)})`,
    ),
  )!;
}

/**
 * Out of one's scope a customer is found only by what a caller or a contract gives: the whole phone
 * number of the customer or of one of its contacts, or the whole name. So an agent taking a call
 * finds the caller whoever handled them before, and a dispatcher signing an agreement finds the
 * company, while nobody can page through the customer base by typing two digits.
 */
export function foundByWhole(q: string): SQL {
  const digits = q.replace(/\D/g, "");
  return and(
    isNull(customers.mergedIntoId),
    looksLikeNumber(q) && digits.length >= 7
      ? customerPhoneMatches(sql`= ${digits}`)
      : eq(customers.name, q.trim()),
  )!;
}

/** Typed as a phone number (digits, spaces, +, -, brackets) rather than a name. */
export const looksLikeNumber = (q: string) => /^[\d\s+()-]+$/.test(q);

/** The digits of a phone number however it was typed (021-5555 0000 → 02155550000). */
export const phoneDigits = (column: SQL | AnyColumn): SQL =>
  sql`regexp_replace(coalesce(${column}, ''), '\\D', '', 'g')`;

/** The customer's phone or one of its contacts' mobile or phone, as digits, meets the condition. */
export const customerPhoneMatches = (condition: SQL): SQL =>
  or(
    sql`${phoneDigits(customers.phone)} ${condition}`,
    sql`EXISTS (SELECT 1 FROM contacts k WHERE k.org_id = ${customers.orgId} AND k.customer_id = ${customers.id}
      AND (${phoneDigits(sql`k.mobile`)} ${condition} OR ${phoneDigits(sql`k.phone`)} ${condition}))`,
  )!;
