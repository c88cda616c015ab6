import { and, asc, desc, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { CustomerCallback } from "../../../common/schemas/callbacks";
import { customerCallbackQuery, customerCallInput } from "../../../common/schemas/callbacks";
import type { Executor } from "../../db/client";
import { contacts, customerCallbacks, customers, tickets, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { revealReporter } from "../customers/contacts-and-purchases";
import { recordResponse } from "../surveys/answers";
import { openCustomerFollowUp } from "../surveys/follow-up";
import { createInvitation } from "../surveys/invitations";

type Row = typeof customerCallbacks.$inferSelect;

/** The monthly sample is a satisfaction survey: its call takes the 客户满意度调查表 (C089). */
const takesQuestionnaire = (row: Row) => row.list === "monthly_sample";

/**
 * Who may record a call: the entry's assignee, anyone on the callback desk, and — when nobody owns the
 * customer — any agent who handles customers.
 */
const mayRecord = (actor: Actor, row: Row) =>
  row.status === "open" &&
  (row.assigneeId === actorUserId(actor) ||
    can(actor, "survey.callback") ||
    (!row.assigneeId && can(actor, "ticket.handle")));

const assignees = alias(users, "assignee");
const callers = alias(users, "caller");
const followUps = alias(tickets, "follow_up");

/** 客户回访名单: the entries of the lists, open by due day or made, newest first. */
export async function listCustomerCallbacks(ctx: Ctx, raw: z.input<typeof customerCallbackQuery>) {
  requireCapability(ctx.actor, "customer.view");
  const q = customerCallbackQuery.parse(raw);
  const me = actorUserId(ctx.actor);
  const where = and(
    eq(customerCallbacks.orgId, ctx.actor.orgId),
    q.list ? eq(customerCallbacks.list, q.list) : undefined,
    q.status === "open" ? eq(customerCallbacks.status, "open") : ne(customerCallbacks.status, "open"),
    q.scope === "mine"
      ? (or(
          eq(customerCallbacks.assigneeId, me ?? sql`NULL`),
          // Nobody's entries are the desk's: they show among theirs.
          can(ctx.actor, "survey.callback") ? sql`${customerCallbacks.assigneeId} IS NULL` : undefined,
        ) as SQL)
      : undefined,
  );
  const rows = await ctx.db
    .select({
      row: customerCallbacks,
      customer: customers.name,
      contact: contacts.name,
      assignee: assignees.displayName,
      caller: callers.displayName,
      followUpNumber: followUps.number,
    })
    .from(customerCallbacks)
    .innerJoin(
      customers,
      and(eq(customers.orgId, customerCallbacks.orgId), eq(customers.id, customerCallbacks.customerId)),
    )
    .leftJoin(
      contacts,
      and(eq(contacts.orgId, customerCallbacks.orgId), eq(contacts.id, customerCallbacks.contactId)),
    )
    .leftJoin(
      assignees,
      and(eq(assignees.orgId, customerCallbacks.orgId), eq(assignees.id, customerCallbacks.assigneeId)),
    )
    .leftJoin(
      callers,
      and(eq(callers.orgId, customerCallbacks.orgId), eq(callers.id, customerCallbacks.doneBy)),
    )
    .leftJoin(
      followUps,
      and(eq(followUps.orgId, customerCallbacks.orgId), eq(followUps.id, customerCallbacks.followUpTicketId)),
    )
    .where(where)
    .orderBy(
      q.status === "open" ? asc(customerCallbacks.dueOn) : desc(customerCallbacks.doneAt),
      asc(customerCallbacks.id),
    )
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(customerCallbacks)
    .where(where);
  return pageOf(
    q,
    rows.map(
      (r): CustomerCallback => ({
        id: r.row.id,
        list: r.row.list,
        customerId: r.row.customerId,
        customer: r.customer,
        contact: r.contact,
        detail: r.row.detail,
        dueOn: r.row.dueOn,
        assignee: r.assignee,
        status: r.row.status,
        satisfied: r.row.satisfied,
        result: r.row.result,
        followUpTicketId: r.row.followUpTicketId,
        followUpNumber: r.followUpNumber,
        doneBy: r.caller,
        doneAt: iso(r.row.doneAt),
        questionnaire: takesQuestionnaire(r.row),
        may: { record: mayRecord(ctx.actor, r.row) },
      }),
    ),
    total,
  );
}

async function loadEntry(tx: Executor, ctx: Ctx, id: string, lock: boolean) {
  const query = tx
    .select()
    .from(customerCallbacks)
    .where(and(eq(customerCallbacks.id, id), eq(customerCallbacks.orgId, ctx.actor.orgId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("CALLBACK_TASK_NOT_FOUND");
  return row;
}

/**
 * 客户回访 (C089–C092): the call is recorded with what the customer said — the monthly sample with the
 * questionnaire (the same answers a link gives, channel phone), the other lists with satisfied or not
 * and a note. An unsatisfied customer gets a follow-up ticket for their account owner, or else the
 * caller, and the supervisors are told (C093). Nobody reached: kept with a note.
 */
export async function recordCustomerCallback(ctx: Ctx, id: string, raw: z.input<typeof customerCallInput>) {
  requireCapability(ctx.actor, "customer.view");
  const input = customerCallInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const row = await loadEntry(tx, ctx, id, true);
    if (row.status !== "open") throw conflict("CALLBACK_TASK_CLOSED");
    if (!mayRecord(ctx.actor, row)) throw new AppError("CALLBACK_NOT_YOURS", 403);
    const me = actorUserId(ctx.actor);
    let satisfied: boolean | null = null;
    let followUpTicketId: string | null = null;
    if (input.outcome === "unreachable") {
      if (!input.note) throw invalid("REASON_REQUIRED");
    } else if (input.answers) {
      const { invitation, template } = await createInvitation(
        tx,
        ctx,
        { customer: { customerId: row.customerId, contactId: row.contactId } },
        "callback",
        { sendAt: null },
      );
      const response = await recordResponse(tx, ctx, invitation, template, input.answers, "phone");
      satisfied = !response.unsatisfied;
      followUpTicketId = response.followUpTicketId;
    } else {
      if (takesQuestionnaire(row)) throw invalidField("answers", "invalid");
      if (input.satisfied === undefined) throw invalidField("satisfied", "required");
      if (!input.note) throw invalid("REASON_REQUIRED");
      satisfied = input.satisfied;
      if (!satisfied) {
        const followUp = await openCustomerFollowUp(tx, ctx.actor.orgId, {
          customerId: row.customerId,
          contactId: row.contactId,
          said: [input.note],
          fallbackOwnerId: me,
        });
        followUpTicketId = followUp.id;
      }
    }
    const [after] = await tx
      .update(customerCallbacks)
      .set({
        status: input.outcome === "answered" ? "done" : "unreachable",
        satisfied,
        result: input.note ?? null,
        followUpTicketId,
        assigneeId: row.assigneeId ?? me,
        doneBy: me,
        doneAt: new Date(),
      })
      .where(and(eq(customerCallbacks.orgId, row.orgId), eq(customerCallbacks.id, row.id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "customer_callback.recorded",
      entityType: "customer_callback",
      entityId: row.id,
      after: { list: row.list, status: after.status, satisfied, followUpTicketId },
    });
    return { id: after.id, status: after.status, satisfied, followUpTicketId };
  });
}

/** The contact's numbers for whoever is to make the call, or may see personal data — audited. */
export async function revealCustomerCallbackContact(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "customer.view");
  return ctx.db.transaction(async (tx) => {
    const row = await loadEntry(tx, ctx, id, false);
    if (!mayRecord(ctx.actor, row) && !can(ctx.actor, "customer.pii.view"))
      throw new AppError("CALLBACK_NOT_YOURS", 403);
    return revealReporter(tx, ctx, row, { entityType: "customer_callback", entityId: row.id });
  });
}
