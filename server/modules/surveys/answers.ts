import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import type { STAFF_CHANNELS, SurveyChannel, SurveyTrigger } from "../../../common/enums";
import { bandOf } from "../../../common/satisfaction";
import type { OpenSurvey, SurveyQuestion } from "../../../common/schemas/surveys";
import { answerInput, staffAnswerInput } from "../../../common/schemas/surveys";
import type { Db, Executor } from "../../db/client";
import {
  organizations,
  surveyInvitations,
  surveyRatings,
  surveyResponses,
  surveyTemplates,
  tickets,
  workOrders,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability, systemCtx } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { AppError, conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { loadTicket, type Ticket } from "../tickets/load-ticket";
import { openFollowUp, UNSATISFIED_AT_MOST } from "./follow-up";
import { createInvitation } from "./invitations";

type Answers = z.infer<typeof answerInput>["answers"];

async function invitationOf(tx: Executor, token: string) {
  const [row] = await tx
    .select({ invitation: surveyInvitations, template: surveyTemplates, organization: organizations.name })
    .from(surveyInvitations)
    .innerJoin(
      surveyTemplates,
      and(
        eq(surveyTemplates.orgId, surveyInvitations.orgId),
        eq(surveyTemplates.id, surveyInvitations.templateId),
      ),
    )
    .innerJoin(organizations, eq(organizations.id, surveyInvitations.orgId))
    .where(eq(surveyInvitations.token, token));
  if (!row) throw notFound("SURVEY_NOT_FOUND");
  return row;
}

const stateOf = (invitation: typeof surveyInvitations.$inferSelect, now: Date) =>
  invitation.answeredAt ? "answered" : invitation.expiresAt <= now ? "expired" : "open";

/** The questionnaire behind a link, for the person answering (no sign-in; nothing personal shown). */
export async function openSurvey(db: Db, token: string): Promise<OpenSurvey> {
  const { invitation, template, organization } = await invitationOf(db, token);
  const [ticket] = invitation.ticketId
    ? await db
        .select({ number: tickets.number })
        .from(tickets)
        .where(and(eq(tickets.orgId, invitation.orgId), eq(tickets.id, invitation.ticketId)))
    : [];
  return {
    organization,
    name: template.name,
    questions: template.questions,
    subject: ticket?.number ?? null,
    state: stateOf(invitation, new Date()),
  };
}

/** Each answer fits its question; every required one is there. Returns the 1–5 ratings. */
function checkAnswers(questions: SurveyQuestion[], answers: Answers) {
  const ratings: { questionId: string; rating: number }[] = [];
  for (const q of questions) {
    const a = answers[q.id];
    const empty = a === undefined || a === "" || (Array.isArray(a) && a.length === 0);
    if (empty) {
      if (q.required) throw invalid("SURVEY_ANSWER_INVALID", { question: q.text });
      continue;
    }
    const fits =
      q.kind === "scale"
        ? typeof a === "number" && a >= 1 && a <= 5
        : q.kind === "single"
          ? typeof a === "string" && Boolean(q.options?.includes(a))
          : q.kind === "multiple"
            ? Array.isArray(a) && a.every((o) => q.options?.includes(o))
            : typeof a === "string";
    if (!fits) throw invalid("SURVEY_ANSWER_INVALID", { question: q.text });
    if (q.kind === "scale") ratings.push({ questionId: q.id, rating: a as number });
  }
  const unknown = Object.keys(answers).find((id) => !questions.some((q) => q.id === id));
  if (unknown) throw invalidField(`answers/${unknown}`, "unknown");
  return ratings;
}

/**
 * Records the answers of a survey — once: a second answer through the same token, or two at once,
 * is refused (SURVEY_ANSWERED); an expired link too.
 */
export async function answerSurvey(db: Db, token: string, raw: z.input<typeof answerInput>) {
  const { answers } = answerInput.parse(raw);
  return db.transaction(async (tx) => {
    const { invitation, template } = await invitationOf(tx, token);
    const state = stateOf(invitation, new Date());
    if (state === "answered") throw conflict("SURVEY_ANSWERED");
    if (state === "expired") throw new AppError("SURVEY_EXPIRED", 410);
    const response = await recordResponse(tx, systemCtx(db, invitation.orgId), invitation, template, answers);
    return { total: response.total, score: response.score, band: response.band };
  });
}

/**
 * Keeps one invitation's answers, however they came (C101: by link, or entered by staff from a call,
 * a visit or a paper form — who entered them is kept); the ratings with who and what they are about,
 * for the scores (C099). An unsatisfied answer opens the follow-up (C093).
 */
export async function recordResponse(
  tx: Executor,
  ctx: Ctx,
  invitation: typeof surveyInvitations.$inferSelect,
  template: typeof surveyTemplates.$inferSelect,
  answers: Answers,
  channel: SurveyChannel = "link",
  source: string | null = null,
) {
  const now = new Date();
  const ratings = checkAnswers(template.questions, answers);
  const total = ratings.reduce((sum, r) => sum + r.rating, 0);
  const [response] = await tx
    .insert(surveyResponses)
    .values({
      orgId: invitation.orgId,
      invitationId: invitation.id,
      templateId: template.id,
      channel,
      answers,
      total,
      score: ratings.length ? total / ratings.length : null,
      band: bandOf(total, template.bands),
      source,
      enteredBy: actorUserId(ctx.actor),
      submittedAt: now,
    })
    .onConflictDoNothing({ target: [surveyResponses.orgId, surveyResponses.invitationId] })
    .returning();
  if (!response) throw conflict("SURVEY_ANSWERED");
  // Scores per agent, department, product and period are customers' (C099); staff or partners asked
  // by a campaign count in that campaign's results only.
  if (ratings.length && invitation.respondent === "customer")
    await tx.insert(surveyRatings).values(
      ratings.map((r) => ({
        orgId: invitation.orgId,
        responseId: response.id,
        ...r,
        agentId: invitation.agentId,
        engineerId: invitation.engineerId,
        departmentId: invitation.departmentId,
        product: invitation.product,
        submittedAt: now,
      })),
    );
  await tx
    .update(surveyInvitations)
    .set({ answeredAt: now })
    .where(and(eq(surveyInvitations.orgId, invitation.orgId), eq(surveyInvitations.id, invitation.id)));
  const unsatisfied = ratings.some((r) => r.rating <= UNSATISFIED_AT_MOST);
  const followUp = unsatisfied
    ? await openFollowUp(tx, invitation, response.id, template.questions, answers, actorUserId(ctx.actor))
    : undefined;
  await writeAudit(tx, ctx, {
    action: "survey.answered",
    entityType: "survey_response",
    entityId: response.id,
    after: { invitationId: invitation.id, channel, total },
  });
  await emit(tx, ctx, "survey.answered", {
    responseId: response.id,
    ticketId: invitation.ticketId,
    channel,
    score: response.score,
    unsatisfied,
  });
  return { ...response, unsatisfied, followUpTicketId: followUp?.id ?? null };
}

/**
 * Staff enter what the customer answered about a ticket (C101): on the phone, on site, at a sales
 * visit, from a paper form. Attributed like a link would be, with the completed work order's engineer
 * and product; a link still open about the same ticket then expires — the customer is not asked twice.
 */
export async function enterAnswers(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  trigger: SurveyTrigger,
  channel: (typeof STAFF_CHANNELS)[number],
  answers: Answers,
) {
  const [order] = await tx
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.orgId, ticket.orgId),
        eq(workOrders.ticketId, ticket.id),
        eq(workOrders.status, "completed"),
      ),
    )
    .orderBy(desc(workOrders.completedAt))
    .limit(1);
  const { invitation, template } = await createInvitation(tx, ctx, { ticket }, trigger, {
    order,
    sendAt: null,
  });
  const now = new Date();
  await tx
    .update(surveyInvitations)
    .set({ expiresAt: now })
    .where(
      and(
        eq(surveyInvitations.orgId, ticket.orgId),
        eq(surveyInvitations.ticketId, ticket.id),
        ne(surveyInvitations.id, invitation.id),
        isNull(surveyInvitations.answeredAt),
        gt(surveyInvitations.expiresAt, now),
      ),
    );
  return recordResponse(tx, ctx, invitation, template, answers, channel);
}

/**
 * 现场 / 销售拜访 / 纸质问卷 / 电话: a handler of the ticket (an engineer on site, say) or the QA desk enters
 * the customer's answers once the ticket is resolved.
 */
export async function enterTicketSurvey(ctx: Ctx, ticketId: string, raw: z.input<typeof staffAnswerInput>) {
  if (!can(ctx.actor, "ticket.handle")) requireCapability(ctx.actor, "survey.callback");
  const input = staffAnswerInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ticketId);
    if (!["resolved", "callback_done", "closed"].includes(ticket.status)) throw conflict("SURVEY_NOT_DUE");
    const r = await enterAnswers(tx, ctx, ticket, "manual", input.channel, input.answers);
    return { total: r.total, score: r.score, band: r.band, followUpTicketId: r.followUpTicketId };
  });
}
