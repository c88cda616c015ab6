import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { SCALE_LABELS } from "../../../common/satisfaction";
import type { SurveyResponseRow } from "../../../common/schemas/surveys";
import { responseListQuery, validityInput } from "../../../common/schemas/surveys";
import {
  customers,
  surveyCampaigns,
  surveyInvitations,
  surveyResponses,
  surveyTemplates,
  tickets,
  users,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { assertNotArchived, invalid, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { orgTimeZone } from "../../lib/periods";
import { iso } from "../../lib/present";

const followUps = alias(tickets, "follow_up");

/**
 * 调查答卷 (C105, C107): the answers themselves, question by question, with who they are about and how
 * they came — for the custodians of survey material only (`survey.raw.view`); everybody else sees the
 * figures.
 */
export async function listSurveyResponses(ctx: Ctx, raw: z.input<typeof responseListQuery>) {
  requireCapability(ctx.actor, "survey.raw.view");
  const q = responseListQuery.parse(raw);
  const timeZone = await orgTimeZone(ctx);
  const where = and(
    eq(surveyResponses.orgId, ctx.actor.orgId),
    gte(surveyResponses.submittedAt, startOfLocalDay(q.from, timeZone)),
    lt(surveyResponses.submittedAt, startOfLocalDay(addDays(q.to, 1), timeZone)),
    q.validity === "all" ? undefined : eq(surveyResponses.valid, q.validity === "valid"),
  );
  const rows = await ctx.db
    .select({
      response: surveyResponses,
      questions: surveyTemplates.questions,
      ticketId: tickets.id,
      ticketNumber: tickets.number,
      customer: customers.name,
      recipient: surveyInvitations.recipientName,
      campaign: surveyCampaigns.name,
      enteredBy: users.displayName,
      followUpNumber: followUps.number,
    })
    .from(surveyResponses)
    .innerJoin(
      surveyTemplates,
      and(
        eq(surveyTemplates.orgId, surveyResponses.orgId),
        eq(surveyTemplates.id, surveyResponses.templateId),
      ),
    )
    .innerJoin(
      surveyInvitations,
      and(
        eq(surveyInvitations.orgId, surveyResponses.orgId),
        eq(surveyInvitations.id, surveyResponses.invitationId),
      ),
    )
    .leftJoin(
      tickets,
      and(eq(tickets.orgId, surveyInvitations.orgId), eq(tickets.id, surveyInvitations.ticketId)),
    )
    .leftJoin(
      customers,
      and(eq(customers.orgId, surveyInvitations.orgId), eq(customers.id, surveyInvitations.customerId)),
    )
    .leftJoin(
      surveyCampaigns,
      and(
        eq(surveyCampaigns.orgId, surveyInvitations.orgId),
        eq(surveyCampaigns.id, surveyInvitations.campaignId),
      ),
    )
    .leftJoin(users, and(eq(users.orgId, surveyResponses.orgId), eq(users.id, surveyResponses.enteredBy)))
    .leftJoin(
      followUps,
      and(eq(followUps.orgId, surveyResponses.orgId), eq(followUps.id, surveyResponses.followUpTicketId)),
    )
    .where(where)
    .orderBy(desc(surveyResponses.submittedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(where);
  const items: SurveyResponseRow[] = rows.map((r) => ({
    id: r.response.id,
    submittedAt: iso(r.response.submittedAt),
    channel: r.response.channel,
    total: r.response.total,
    score: r.response.score,
    band: r.response.band,
    valid: r.response.valid,
    invalidReason: r.response.invalidReason,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    customer: r.customer ?? r.recipient,
    campaign: r.campaign,
    source: r.response.source,
    enteredBy: r.enteredBy,
    followUpTicketId: r.response.followUpTicketId,
    followUpNumber: r.followUpNumber,
    answers: r.questions.flatMap((question) => {
      const a = r.response.answers[question.id];
      if (a === undefined) return [];
      const answer =
        typeof a === "number"
          ? `${(question.labels ?? SCALE_LABELS)[5 - a]}（${a}）`
          : Array.isArray(a)
            ? a.join("、")
            : a;
      return [{ question: question.text, answer }];
    }),
  }));
  return pageOf(q, items, total);
}

/**
 * QA sets a response aside — a made-up answer, the wrong person, a duplicate — with the reason, or
 * takes it back (C105). Set aside it counts in no figure; audited either way.
 */
export async function setResponseValidity(ctx: Ctx, id: string, raw: z.input<typeof validityInput>) {
  requireCapability(ctx.actor, "survey.raw.view");
  const input = validityInput.parse(raw);
  if (!input.valid && !input.reason) throw invalid("REASON_REQUIRED");
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.id, id), eq(surveyResponses.orgId, ctx.actor.orgId)));
    if (!before) throw notFound();
    assertNotArchived(before);
    const invalidReason = input.valid ? null : input.reason!;
    await tx
      .update(surveyResponses)
      .set({ valid: input.valid, invalidReason })
      .where(and(eq(surveyResponses.orgId, ctx.actor.orgId), eq(surveyResponses.id, id)));
    await writeAudit(tx, ctx, {
      action: input.valid ? "survey.response_restored" : "survey.response_invalidated",
      entityType: "survey_response",
      entityId: id,
      before: { valid: before.valid, invalidReason: before.invalidReason },
      after: { valid: input.valid, invalidReason },
    });
    return { id, valid: input.valid, invalidReason };
  });
}
