import { and, asc, desc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate } from "../../../common/business-time";
import { agreementVisitDates } from "../../../common/field-service";
import { agreementInput, agreementListQuery, terminateInput } from "../../../common/schemas/agreements";
import type { Executor } from "../../db/client";
import { agreementVisits, customers, serviceAgreements, users, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalidField, notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { officeCalendar, officeToday } from "../../lib/periods";
import { iso } from "../../lib/present";
import { findUser } from "../identity/directory";

export type ServiceAgreement = typeof serviceAgreements.$inferSelect;

/**
 * Records a service agreement (C082) and lays out its scheduled visits (C080); the schedule job turns
 * each into a work order ahead of its day.
 */
export async function createAgreement(ctx: Ctx, raw: z.input<typeof agreementInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = agreementInput.parse(raw);
  if (input.endsOn < input.startsOn) throw invalidField("endsOn", "before_start");
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.orgId, orgId), eq(customers.id, input.customerId)));
    if (!customer) throw notFound("CUSTOMER_NOT_FOUND");
    if (input.ownerId && !(await findUser(tx, orgId, input.ownerId))) throw notFound("USER_NOT_FOUND");
    const [agreement] = await tx
      .insert(serviceAgreements)
      .values({ orgId, ...input, createdBy: actorUserId(ctx.actor) })
      .onConflictDoNothing()
      .returning();
    if (!agreement) throw conflict("AGREEMENT_CONTRACT_TAKEN");
    const dates = agreementVisitDates(input.startsOn, input.endsOn, input.visitsPerYear);
    if (dates.length)
      await tx
        .insert(agreementVisits)
        .values(dates.map((dueOn, i) => ({ orgId, agreementId: agreement.id, seq: i + 1, dueOn })));
    await writeAudit(tx, ctx, {
      action: "agreement.created",
      entityType: "service_agreement",
      entityId: agreement.id,
      after: agreement,
    });
    return agreement;
  });
}

/** Ends an agreement early: visits not yet turned into work orders are no longer made. */
export async function terminateAgreement(ctx: Ctx, id: string, raw: z.input<typeof terminateInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = terminateInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await loadAgreement(tx, ctx, id);
    const [after] = await tx
      .update(serviceAgreements)
      .set({ terminatedAt: new Date(), terminationReason: input.reason, updatedAt: new Date() })
      .where(
        and(
          eq(serviceAgreements.orgId, before.orgId),
          eq(serviceAgreements.id, id),
          isNull(serviceAgreements.terminatedAt),
        ),
      )
      .returning();
    if (!after) throw conflict("AGREEMENT_ENDED");
    await writeAudit(tx, ctx, {
      action: "agreement.terminated",
      entityType: "service_agreement",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

async function loadAgreement(tx: Executor, ctx: Ctx, id: string) {
  const [row] = await tx
    .select()
    .from(serviceAgreements)
    .where(and(eq(serviceAgreements.orgId, ctx.actor.orgId), eq(serviceAgreements.id, id)));
  if (!row) throw notFound();
  return row;
}

/** The agreement covering a customer on a local day, if any (the latest started wins). */
export async function agreementOn(tx: Executor, orgId: string, customerId: string | null, today: string) {
  if (!customerId) return null;
  const [row] = await tx
    .select()
    .from(serviceAgreements)
    .where(
      and(
        eq(serviceAgreements.orgId, orgId),
        eq(serviceAgreements.customerId, customerId),
        lte(serviceAgreements.startsOn, today),
        gte(serviceAgreements.endsOn, today),
        isNull(serviceAgreements.terminatedAt),
      ),
    )
    .orderBy(desc(serviceAgreements.startsOn))
    .limit(1);
  return row ?? null;
}

/** How an agreement stands on a local day. */
export const agreementState = (a: ServiceAgreement, today: string) =>
  (a.terminatedAt ? "terminated" : a.endsOn < today ? "ended" : a.startsOn > today ? "upcoming" : "active") as
    | "terminated"
    | "ended"
    | "upcoming"
    | "active";

const present = (a: ServiceAgreement, today: string) => ({
  ...a,
  state: agreementState(a, today),
  terminatedAt: iso(a.terminatedAt),
  expiryNotifiedAt: iso(a.expiryNotifiedAt),
  createdAt: iso(a.createdAt)!,
  updatedAt: iso(a.updatedAt)!,
});

/** Agreements, those ending soonest first; a customer's when asked. */
export async function listAgreements(ctx: Ctx, raw: z.input<typeof agreementListQuery>) {
  requireCapability(ctx.actor, "customer.view");
  const q = agreementListQuery.parse(raw);
  const today = await officeToday(ctx.db, ctx.actor.orgId);
  const where = and(
    eq(serviceAgreements.orgId, ctx.actor.orgId),
    q.customerId ? eq(serviceAgreements.customerId, q.customerId) : undefined,
  );
  const rows = await ctx.db
    .select({ a: serviceAgreements, customer: customers.name })
    .from(serviceAgreements)
    .innerJoin(
      customers,
      and(eq(customers.orgId, serviceAgreements.orgId), eq(customers.id, serviceAgreements.customerId)),
    )
    .where(where)
    .orderBy(sql`${serviceAgreements.terminatedAt} IS NOT NULL`, asc(serviceAgreements.endsOn))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => ({ ...present(r.a, today), customer: r.customer })),
    await countRows(ctx.db, serviceAgreements, where),
  );
}

/**
 * An agreement with its visits and how it was kept (C082): visits due so far, done, done by their
 * day; the customer's work orders in the term and how many had the engineer on site within the
 * committed hours.
 */
export async function getAgreement(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "customer.view");
  const a = await loadAgreement(ctx.db, ctx, id);
  const calendar = await officeCalendar(ctx.db, ctx.actor.orgId);
  const today = localIsoDate(new Date(), calendar.timeZone);
  const [names] = await ctx.db
    .select({ customer: customers.name, owner: users.displayName })
    .from(serviceAgreements)
    .innerJoin(
      customers,
      and(eq(customers.orgId, serviceAgreements.orgId), eq(customers.id, serviceAgreements.customerId)),
    )
    .leftJoin(users, and(eq(users.orgId, serviceAgreements.orgId), eq(users.id, serviceAgreements.ownerId)))
    .where(and(eq(serviceAgreements.orgId, ctx.actor.orgId), eq(serviceAgreements.id, id)));
  const visits = (
    await ctx.db
      .select({
        v: agreementVisits,
        number: workOrders.number,
        status: workOrders.status,
        completedAt: workOrders.completedAt,
      })
      .from(agreementVisits)
      .leftJoin(
        workOrders,
        and(eq(workOrders.orgId, agreementVisits.orgId), eq(workOrders.id, agreementVisits.workOrderId)),
      )
      .where(and(eq(agreementVisits.orgId, ctx.actor.orgId), eq(agreementVisits.agreementId, id)))
      .orderBy(asc(agreementVisits.seq))
  ).map((r) => {
    const doneOn = r.completedAt ? localIsoDate(r.completedAt, calendar.timeZone) : null;
    return {
      id: r.v.id,
      seq: r.v.seq,
      dueOn: r.v.dueOn,
      workOrderId: r.v.workOrderId,
      workOrderNumber: r.number,
      workOrderStatus: r.status,
      doneOn,
      onTime: doneOn ? doneOn <= r.v.dueOn : null,
    };
  });
  const due = visits.filter((v) => v.dueOn <= today);
  const [arrival] = await ctx.db
    .select({
      jobs: sql<number>`count(*) FILTER (WHERE ${workOrders.arrivedAt} IS NOT NULL)::int`,
      met: sql<number>`count(*) FILTER (WHERE ${workOrders.arrivedAt} <= ${workOrders.createdAt} + make_interval(hours => ${a.arrivalHours ?? 0}))::int`,
    })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.orgId, ctx.actor.orgId),
        eq(workOrders.customerId, a.customerId),
        sql`${workOrders.createdAt} >= ${a.startsOn}::date AND ${workOrders.createdAt} < ${a.endsOn}::date + 1`,
        sql`${workOrders.id} NOT IN (SELECT work_order_id FROM agreement_visits WHERE org_id = ${ctx.actor.orgId}
          AND agreement_id = ${id} AND work_order_id IS NOT NULL)`,
      ),
    );
  return {
    ...present(a, today),
    ...names,
    visits,
    fulfilment: {
      visitsDue: due.length,
      visitsDone: due.filter((v) => v.doneOn).length,
      visitsOnTime: due.filter((v) => v.onTime).length,
      arrivals: arrival.jobs,
      arrivalsMet: a.arrivalHours ? arrival.met : null,
    },
  };
}
