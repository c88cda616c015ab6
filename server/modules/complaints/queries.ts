import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { ComplaintDto } from "../../../common/schemas/complaints";
import type { Executor } from "../../db/client";
import {
  approvalActions,
  approvalRequests,
  compensations,
  complaintCategories,
  complaintCountersigns,
  complaintProposals,
  complaintSteps,
  complaints,
  departments,
  rmas,
  roles,
  tickets,
  users,
} from "../../db/schema";
import { type Ctx, can } from "../../lib/context";
import { iso } from "../../lib/present";
import { roleKeysOf, userNames } from "../identity/directory";
import { loadTicket } from "../tickets/load-ticket";
import { approvalBlocker } from "./approvals";
import { mayPay, planOpen } from "./compensations";
import { signsFor } from "./countersign";
import { holdsStep, stepFormOf } from "./workflow";

async function departmentNames(tx: Executor, orgId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), inArray(departments.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The complaint of a ticket with its steps, compensation and approval, as the complaint panel shows it. */
export async function getComplaint(ctx: Ctx, ticketId: string): Promise<ComplaintDto | null> {
  const db = ctx.db;
  await loadTicket(db, ctx, ticketId);
  const [c] = await db
    .select()
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.ticketId, ticketId)));
  if (!c) return null;
  const steps = await db
    .select()
    .from(complaintSteps)
    .where(and(eq(complaintSteps.orgId, c.orgId), eq(complaintSteps.complaintId, c.id)))
    .orderBy(asc(complaintSteps.seq));
  const comp = await db
    .select({ c: compensations, r: rmas })
    .from(compensations)
    .leftJoin(rmas, and(eq(rmas.orgId, compensations.orgId), eq(rmas.compensationId, compensations.id)))
    .where(and(eq(compensations.orgId, c.orgId), eq(compensations.complaintId, c.id)))
    .orderBy(asc(compensations.createdAt));
  const [request] = await db
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.orgId, c.orgId), eq(approvalRequests.complaintId, c.id)))
    .orderBy(desc(approvalRequests.createdAt))
    .limit(1);
  const actions = request
    ? await db
        .select({ a: approvalActions, name: users.displayName })
        .from(approvalActions)
        .innerJoin(
          users,
          and(eq(users.orgId, approvalActions.orgId), eq(users.id, approvalActions.approverId)),
        )
        .where(and(eq(approvalActions.orgId, request.orgId), eq(approvalActions.requestId, request.id)))
        .orderBy(asc(approvalActions.level))
    : [];
  const roleNames = request
    ? await db
        .select({ key: roles.key, name: roles.name })
        .from(roles)
        .where(and(eq(roles.orgId, ctx.actor.orgId), inArray(roles.key, request.chain)))
    : [];
  const proposals = await db
    .select()
    .from(complaintProposals)
    .where(and(eq(complaintProposals.orgId, c.orgId), eq(complaintProposals.complaintId, c.id)))
    .orderBy(asc(complaintProposals.offeredAt));
  const signs = await db
    .select()
    .from(complaintCountersigns)
    .where(and(eq(complaintCountersigns.orgId, c.orgId), eq(complaintCountersigns.complaintId, c.id)))
    .orderBy(asc(complaintCountersigns.createdAt));
  const [category] = await db
    .select({ id: complaintCategories.id, name: complaintCategories.name })
    .from(complaintCategories)
    .where(and(eq(complaintCategories.orgId, c.orgId), eq(complaintCategories.id, c.categoryId)));
  const people = await userNames(db, c.orgId, [
    ...steps.flatMap((s) => [s.ownerId, s.completedBy]),
    ...proposals.map((p) => p.offeredBy),
    ...signs.map((x) => x.signedBy),
    c.coordinatorId,
    c.accusedUserId,
  ]);
  const depts = await departmentNames(db, c.orgId, [
    c.responsibleDepartmentId,
    ...steps.map((s) => s.departmentId),
    ...signs.map((x) => x.departmentId),
  ]);
  const person = (id: string | null) => (id && people.has(id) ? { id, name: people.get(id)! } : null);
  const dept = (id: string | null) => (id && depts.has(id) ? { id, name: depts.get(id)! } : null);
  const active = steps.find((s) => s.status === "active");
  const me = ctx.actor.type === "user" ? ctx.actor : null;
  const holdsActive = Boolean(active && active.step !== "approval" && holdsStep(ctx.actor, active, c));
  const handler = Boolean(me && can(me, "ticket.handle") && me.userId !== c.accusedUserId);
  const countersignActive = steps.some((s) => s.step === "countersign" && s.status === "active");
  const decide = Boolean(
    me &&
      request &&
      approvalBlocker(
        request,
        c,
        me.userId,
        await roleKeysOf(db, ctx.actor.orgId, me.userId),
        actions.map((a) => a.a.approverId),
      ) === null,
  );
  return {
    id: c.id,
    ticketId,
    classification: c.classification,
    category: category ?? null,
    severity: c.severity,
    orderNo: c.orderNo,
    partNo: c.partNo,
    deliveryDate: c.deliveryDate,
    quantity: c.quantity,
    defectiveQuantity: c.defectiveQuantity,
    customerRequest: c.customerRequest,
    sampleReceived: c.sampleReceived,
    customerWords: c.customerWords,
    responsibleDepartment: dept(c.responsibleDepartmentId),
    productionUnit: c.productionUnit,
    machineShift: c.machineShift,
    operatorName: c.operatorName,
    productionDate: c.productionDate,
    disputed: c.disputed,
    coordinator: person(c.coordinatorId),
    contractClause: c.contractClause,
    accused: person(c.accusedUserId),
    currentStep: c.currentStep,
    standardise: c.standardise,
    status: c.status,
    steps: steps.map((s) => ({
      step: s.step,
      status: s.status,
      owner: person(s.ownerId),
      department: dept(s.departmentId),
      dueAt: iso(s.dueAt),
      record: s.record,
      skipReason: s.skipReason,
      rejections: s.rejections,
      completedBy: person(s.completedBy),
      completedAt: iso(s.completedAt),
    })),
    compensations: comp.map(({ c: k, r }) => ({
      id: k.id,
      kind: k.kind,
      amountFen: k.amountFen,
      note: k.note,
      status: k.status,
      paidAt: iso(k.paidAt),
      mayPay: Boolean(me && mayPay(me, k)),
      rma: r ? { id: r.id, number: r.number, status: r.status, inspection: r.inspection } : null,
    })),
    proposals: proposals.map((p) => ({
      id: p.id,
      body: p.body,
      status: p.status,
      offeredBy: person(p.offeredBy),
      offeredAt: iso(p.offeredAt)!,
      respondent: p.respondent,
      respondedAt: iso(p.respondedAt),
      channel: p.channel,
      response: p.response,
    })),
    countersigns: signs.map((x) => ({
      id: x.id,
      department: dept(x.departmentId),
      status: x.status,
      signedBy: person(x.signedBy),
      comment: x.comment,
      signedAt: iso(x.signedAt),
      mine: countersignActive && x.status === "pending" && signsFor(ctx.actor, x.departmentId, c),
    })),
    approval: request
      ? {
          id: request.id,
          amountFen: request.amountFen,
          chain: request.chain.map((key) => ({
            key,
            name: roleNames.find((r) => r.key === key)?.name ?? key,
          })),
          level: request.level,
          status: request.status,
          actions: actions.map(({ a, name }) => ({
            level: a.level,
            approver: name,
            decision: a.decision,
            comment: a.comment,
            at: iso(a.createdAt),
          })),
        }
      : null,
    abilities: {
      ...(holdsActive && active ? stepFormOf(active.step, c.severity) : { complete: false, skip: false }),
      propose: handler && (await planOpen(db, c)),
      decide,
      handle: handler && c.status === "open",
    },
  };
}

/** 待我审批: pending requests whose current level is a role I hold, not requested by me. */
export async function approvalInbox(ctx: Ctx) {
  if (ctx.actor.type !== "user") return [];
  const mine = await roleKeysOf(ctx.db, ctx.actor.orgId, ctx.actor.userId);
  if (!mine.length) return [];
  const me = ctx.actor.userId;
  const rows = await ctx.db
    .select({
      id: approvalRequests.id,
      amountFen: approvalRequests.amountFen,
      level: approvalRequests.level,
      chain: approvalRequests.chain,
      createdAt: approvalRequests.createdAt,
      ticketId: tickets.id,
      number: tickets.number,
      title: tickets.title,
      severity: complaints.severity,
    })
    .from(approvalRequests)
    .innerJoin(
      complaints,
      and(eq(complaints.orgId, approvalRequests.orgId), eq(complaints.id, approvalRequests.complaintId)),
    )
    .innerJoin(tickets, and(eq(tickets.orgId, complaints.orgId), eq(tickets.id, complaints.ticketId)))
    .where(
      and(
        eq(approvalRequests.orgId, ctx.actor.orgId),
        eq(approvalRequests.status, "pending"),
        inArray(sql`${approvalRequests.chain}[${approvalRequests.level} + 1]`, mine),
        sql`${approvalRequests.requestedBy} IS DISTINCT FROM ${me}`,
        sql`${complaints.accusedUserId} IS DISTINCT FROM ${me}`,
        sql`NOT EXISTS (SELECT 1 FROM approval_actions x WHERE x.org_id = ${approvalRequests.orgId}
          AND x.request_id = ${approvalRequests.id} AND x.approver_id = ${me})`,
      ),
    )
    .orderBy(asc(approvalRequests.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
}
