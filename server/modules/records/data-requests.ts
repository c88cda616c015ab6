import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DataRequestStatus } from "../../../common/enums";
import type { PageQuery } from "../../../common/schemas/pagination";
import type { closeDataRequestInput, DataRequest, dataRequestInput } from "../../../common/schemas/records";
import { customers, personalDataRequests } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { conflict, notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { assertCustomer } from "../customers/contacts-and-purchases";
import { anonymiseCustomer } from "./anonymise";

// A customer's requests about their personal data (PIPL 第四十六、四十七条): whoever takes one logs
// it on the customer's page; a correction is made on the customer's record and closed by anyone who
// may edit customers; a deletion is closed by a records manager, and closing it as done erases the
// customer's personal data (anonymise.ts). Refusals say why. All of it audited.

type Row = typeof personalDataRequests.$inferSelect;

/** Who may close it: corrections whoever edits customers, deletions (which erase) records managers. */
const mayClose = (actor: Actor, r: Pick<Row, "kind" | "status">) =>
  r.status === "open" && can(actor, r.kind === "deletion" ? "records.manage" : "customer.edit");

const person = (column: SQL) =>
  sql<string>`(SELECT u.display_name FROM users u WHERE u.org_id = ${personalDataRequests.orgId} AND u.id = ${column})`;

async function list(ctx: Ctx, where: SQL | undefined, q: PageQuery) {
  const rows = await ctx.db
    .select({
      r: personalDataRequests,
      customer: customers.name,
      receivedBy: person(sql`${personalDataRequests.receivedBy}`),
      closedBy: person(sql`${personalDataRequests.closedBy}`),
    })
    .from(personalDataRequests)
    .innerJoin(
      customers,
      and(eq(customers.orgId, personalDataRequests.orgId), eq(customers.id, personalDataRequests.customerId)),
    )
    .where(where)
    .orderBy(sql`${personalDataRequests.status} <> 'open'`, desc(personalDataRequests.receivedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const items: DataRequest[] = rows.map(({ r, customer, receivedBy, closedBy }) => ({
    id: r.id,
    customerId: r.customerId,
    customer,
    kind: r.kind,
    source: r.source,
    details: r.details,
    status: r.status,
    outcome: r.outcome,
    receivedBy,
    receivedAt: r.receivedAt.toISOString(),
    closedBy: r.closedBy ? closedBy : null,
    closedAt: r.closedAt?.toISOString() ?? null,
    may: { close: mayClose(ctx.actor, r) },
  }));
  return pageOf(q, items, await countRows(ctx.db, personalDataRequests, where));
}

/** A customer's requests, open ones first. */
export async function listCustomerDataRequests(ctx: Ctx, customerId: string, q: PageQuery) {
  requireCapability(ctx.actor, "customer.view");
  await assertCustomer(ctx.db, ctx.actor, customerId);
  return list(
    ctx,
    and(eq(personalDataRequests.orgId, ctx.actor.orgId), eq(personalDataRequests.customerId, customerId)),
    q,
  );
}

/** Every customer's requests, for the records page: open ones first, or only those of a status. */
export async function listDataRequests(ctx: Ctx, q: PageQuery & { status?: DataRequestStatus }) {
  requireCapability(ctx.actor, "records.manage");
  return list(
    ctx,
    and(
      eq(personalDataRequests.orgId, ctx.actor.orgId),
      q.status ? eq(personalDataRequests.status, q.status) : undefined,
    ),
    q,
  );
}

export async function receiveDataRequest(
  ctx: Ctx,
  customerId: string,
  input: z.output<typeof dataRequestInput>,
) {
  requireCapability(ctx.actor, "customer.edit");
  return ctx.db.transaction(async (tx) => {
    await assertCustomer(tx, ctx.actor, customerId);
    const [row] = await tx
      .insert(personalDataRequests)
      .values({ orgId: ctx.actor.orgId, customerId, ...input, receivedBy: actorUserId(ctx.actor)! })
      .returning();
    await writeAudit(tx, ctx, {
      action: "records.data_request_received",
      entityType: "customer",
      entityId: customerId,
      after: { kind: input.kind, source: input.source },
    });
    return row;
  });
}

/** Closes a request as done or refused; a deletion done erases the customer's personal data. */
export async function closeDataRequest(ctx: Ctx, id: string, input: z.output<typeof closeDataRequestInput>) {
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(personalDataRequests)
      .where(and(eq(personalDataRequests.orgId, ctx.actor.orgId), eq(personalDataRequests.id, id)))
      .for("update");
    if (!request) throw notFound();
    requireCapability(ctx.actor, request.kind === "deletion" ? "records.manage" : "customer.edit");
    // Within the caller's data scope, as the customer's page that lists it.
    await assertCustomer(tx, ctx.actor, request.customerId);
    if (request.status !== "open") throw conflict("DATA_REQUEST_CLOSED");
    const erased =
      request.kind === "deletion" && input.outcome === "done"
        ? await anonymiseCustomer(tx, ctx, request.customerId)
        : null;
    await tx
      .update(personalDataRequests)
      .set({
        status: input.outcome,
        outcome: input.note,
        closedBy: actorUserId(ctx.actor),
        closedAt: new Date(),
      })
      .where(and(eq(personalDataRequests.orgId, ctx.actor.orgId), eq(personalDataRequests.id, id)));
    await writeAudit(tx, ctx, {
      action: "records.data_request_closed",
      entityType: "customer",
      entityId: request.customerId,
      after: { kind: request.kind, outcome: input.outcome, erased },
    });
  });
}
