import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  CallbackTaskStatus,
  CampaignCadence,
  CampaignStatus,
  CustomerCallbackList,
  Priority,
  RespondentKind,
  SurveyChannel,
  SurveyTrigger,
} from "../../../common/enums";
import type { ScoreBand } from "../../../common/satisfaction";
import type { CallbackDetail } from "../../../common/schemas/callbacks";
import type { CustomerListRules, SurveyQuestion } from "../../../common/schemas/surveys";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, recordedAt } from "./columns";
import { contacts, customers, purchases } from "./customers";
import { workOrders } from "./field-service";
import { departments, users } from "./identity";
import { organizations } from "./organizations";
import { tickets } from "./tickets";

/**
 * 满意度调查表 (SPEC M6): a questionnaire. Versioned: a change is a new row of the same family, and
 * what was sent keeps the version it was sent with.
 */
export const surveyTemplates = pgTable(
  "survey_templates",
  {
    id: id(),
    orgId: orgId(),
    /** The first version's id: all versions of one questionnaire share it. */
    familyId: uuid("family_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    questions: jsonb("questions").$type<SurveyQuestion[]>().notNull(),
    /** Total-score bands (C096), highest first when read. */
    bands: jsonb("bands").$type<ScoreBand[]>().notNull().default([]),
    /** Days a link stays open. */
    validDays: integer("valid_days").notNull().default(14),
    /** The questionnaire sent after resolutions and completed work. */
    isDefault: boolean("is_default").notNull().default(false),
    /** The latest version of its family. */
    isCurrent: boolean("is_current").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { createdBy: users }),
    uniqueIndex("survey_templates_version").on(t.orgId, t.familyId, t.version),
    uniqueIndex("survey_templates_default").on(t.orgId).where(sql`is_default AND is_current`),
  ],
);

/**
 * 调查计划 (C102–C104, C107): a questionnaire version put to a group — customers of some grades (all or a
 * random share, drawn with the stored seed), the staff, or a list of suppliers or partners — from a date
 * to a close date, again every quarter, half-year or year; approved by the owning department's head
 * before it is launched. Anonymous campaigns keep nobody's identity with the answers.
 */
export const surveyCampaigns = pgTable(
  "survey_campaigns",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    templateId: uuid("template_id").notNull(),
    departmentId: uuid("department_id").notNull(),
    respondents: text("respondents").$type<RespondentKind>().notNull(),
    /** Customers: the grades asked (none = every grade) and the share drawn of them. */
    grades: text("grades").array().notNull().default(sql`'{}'::text[]`),
    share: real("share").notNull().default(1),
    /** Suppliers and partners: who, by name and mobile or email. */
    recipients: jsonb("recipients").$type<{ name: string; address: string }[]>().notNull().default([]),
    anonymous: boolean("anonymous").notNull().default(false),
    cadence: text("cadence").$type<CampaignCadence>().notNull(),
    /** The first round: sent from, answered until (both local days). */
    startOn: date("start_on").notNull(),
    closeOn: date("close_on").notNull(),
    /** Keys every round's draw; kept so a draw can be made again and checked. */
    seed: text("seed").notNull(),
    status: text("status").$type<CampaignStatus>().notNull().default("draft"),
    roundsLaunched: integer("rounds_launched").notNull().default(0),
    plannedBy: uuid("planned_by"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      templateId: surveyTemplates,
      departmentId: departments,
      plannedBy: users,
      decidedBy: users,
    }),
  ],
);

/** One survey sent (or to be sent) to one person, answered once through its token. */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    id: id(),
    orgId: orgId(),
    templateId: uuid("template_id").notNull(),
    token: text("token").notNull(),
    trigger: text("trigger").$type<SurveyTrigger>().notNull(),
    ticketId: uuid("ticket_id"),
    workOrderId: uuid("work_order_id"),
    customerId: uuid("customer_id"),
    contactId: uuid("contact_id"),
    /** Who the answer is about (C099): the ticket's handler, the work order's engineer, their department. */
    agentId: uuid("agent_id"),
    engineerId: uuid("engineer_id"),
    departmentId: uuid("department_id"),
    product: text("product"),
    /** A campaign's round; its respondent's kind, and (not a customer's contact) name and address. */
    campaignId: uuid("campaign_id"),
    round: integer("round"),
    respondent: text("respondent").$type<RespondentKind>().notNull().default("customer"),
    recipientName: text("recipient_name"),
    /** A mobile or an email; an anonymous campaign's is forgotten once sent. */
    recipientAddress: text("recipient_address"),
    /** Sent by the survey sender from this time on; null once sent or when nobody can be reached. */
    sendAt: timestamp("send_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      templateId: surveyTemplates,
      ticketId: tickets,
      workOrderId: workOrders,
      customerId: customers,
      contactId: contacts,
      agentId: users,
      engineerId: users,
      departmentId: departments,
      campaignId: surveyCampaigns,
    }),
    // Found before the organisation is known (the token is all a request carries); 192 random bits
    // are unique without a unique index, which would have to lead with org_id (orgPrimaryKey).
    index("survey_invitations_token").on(t.token),
    index("survey_invitations_send").on(t.sendAt),
    index("survey_invitations_ticket").on(t.orgId, t.ticketId),
    index("survey_invitations_campaign").on(t.campaignId, t.round),
  ],
);

/** An answered survey: at most one per invitation (the token is used once). */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: id(),
    orgId: orgId(),
    invitationId: uuid("invitation_id").notNull(),
    templateId: uuid("template_id").notNull(),
    channel: text("channel").$type<SurveyChannel>().notNull(),
    /** Question id → 1–5, an option, options, or text. */
    answers: jsonb("answers").$type<Record<string, number | string | string[]>>().notNull(),
    /** Sum of the scale answers, their mean, and the band the sum falls in. */
    total: integer("total").notNull(),
    score: real("score"),
    band: text("band"),
    /** QA may set a response aside with a reason (C105): it then counts nowhere. */
    valid: boolean("valid").notNull().default(true),
    invalidReason: text("invalid_reason"),
    /** 不满意跟进 (C093): the ticket opened for an unsatisfied answer. */
    followUpTicketId: uuid("follow_up_ticket_id"),
    /** Where imported answers came from (C108): the agency, or the customer's own evaluation. */
    source: text("source"),
    /** Staff who entered it (phone, visit, paper); null when the customer answered the link. */
    enteredBy: uuid("entered_by"),
    submittedAt: recordedAt("submitted_at"),
    /** Past its retention period (M14, C152): read-only from then on; purged later where enabled. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      invitationId: surveyInvitations,
      templateId: surveyTemplates,
      followUpTicketId: tickets,
      enteredBy: users,
    }),
    uniqueIndex("survey_responses_invitation").on(t.orgId, t.invitationId),
  ],
);

/**
 * Each 1–5 answer of a valid response with who and what it is about, so scores per agent, engineer,
 * department, product and period (C099) are one indexed aggregate.
 */
export const surveyRatings = pgTable(
  "survey_ratings",
  {
    id: id(),
    orgId: orgId(),
    responseId: uuid("response_id").notNull(),
    questionId: text("question_id").notNull(),
    rating: integer("rating").notNull(),
    agentId: uuid("agent_id"),
    engineerId: uuid("engineer_id"),
    departmentId: uuid("department_id"),
    product: text("product"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { responseId: surveyResponses }),
    index("survey_ratings_period").on(t.orgId, t.submittedAt),
    index("survey_ratings_agent").on(t.orgId, t.agentId, t.submittedAt),
  ],
);

/** An organisation's satisfaction rules: callback sampling rates by priority (C086), the pass mark (C097). */
export const surveySettings = pgTable(
  "survey_settings",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => organizations.id),
    samplingRates: jsonb("sampling_rates").$type<Record<Priority, number>>().notNull(),
    satisfactionTarget: real("satisfaction_target").notNull(),
    /** The customer callback lists' rules (C089–C092); null: the defaults. */
    customerLists: jsonb("customer_lists").$type<CustomerListRules>(),
    updatedBy: uuid("updated_by"),
    updatedAt: recordedAt("updated_at"),
  },
  (t) => [...orgReferences(t, { updatedBy: users })],
);

/**
 * One day's draw of resolved tickets for satisfaction callbacks (C086): the seed and the rates are
 * kept, so anybody can draw again and get the same tickets.
 */
export const callbackSamples = pgTable(
  "callback_samples",
  {
    id: id(),
    orgId: orgId(),
    /** tickets: a day's resolutions (C086); customers: a month's customers (C089), on its first day. */
    kind: text("kind").$type<"tickets" | "customers">().notNull().default("tickets"),
    /** The local day whose resolutions were drawn from, or the first day of the month drawn for. */
    day: date("day").notNull(),
    seed: text("seed").notNull(),
    /** tickets: the share drawn of each priority. */
    rates: jsonb("rates").$type<Record<Priority, number>>(),
    /** customers: the share of them drawn. */
    share: real("share"),
    population: integer("population").notNull(),
    drawn: integer("drawn").notNull(),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("callback_samples_kind_day").on(t.orgId, t.kind, t.day)],
);

/**
 * 客户满意度调查分析报告 (C106): a quarter's analysis, submitted to management; the figures are kept as
 * they were when submitted.
 */
export const satisfactionAnalyses = pgTable(
  "satisfaction_analyses",
  {
    id: id(),
    orgId: orgId(),
    /** 2026-Q4. */
    quarter: text("quarter").notNull(),
    summary: text("summary"),
    figures: jsonb("figures").$type<Record<string, unknown>>().notNull(),
    submittedBy: uuid("submitted_by"),
    submittedAt: recordedAt("submitted_at"),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { submittedBy: users }),
    uniqueIndex("satisfaction_analyses_quarter").on(t.orgId, t.quarter),
  ],
);

/** 改进措施 (C106): what a quarter's survey showed wrong, the action, its owner, its deadline and result. */
export const improvementActions = pgTable(
  "improvement_actions",
  {
    id: id(),
    orgId: orgId(),
    quarter: text("quarter").notNull(),
    problem: text("problem").notNull(),
    action: text("action").notNull(),
    ownerId: uuid("owner_id").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status", { enum: ["open", "done"] })
      .notNull()
      .default("open"),
    result: text("result"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ownerId: users, createdBy: users }),
    index("improvement_actions_quarter").on(t.orgId, t.quarter),
  ],
);

/**
 * 客户回访名单 (C089–C092): calls to customers that no ticket asks for — the month's random sample,
 * customers not heard from for months, warranties about to end, delivered projects (monthly in the
 * first year, quarterly after). `key` makes each entry once, however many servers draw.
 */
export const customerCallbacks = pgTable(
  "customer_callbacks",
  {
    id: id(),
    orgId: orgId(),
    key: text("key").notNull(),
    list: text("list").$type<CustomerCallbackList>().notNull(),
    customerId: uuid("customer_id").notNull(),
    contactId: uuid("contact_id"),
    purchaseId: uuid("purchase_id"),
    /** The draw that picked it (C089). */
    sampleId: uuid("sample_id"),
    /** Why the customer is on the list: the warranty's end, the month after delivery… */
    detail: jsonb("detail").$type<CallbackDetail>().notNull(),
    dueOn: date("due_on").notNull(),
    /** The customer's owner; null: any callback agent takes it. */
    assigneeId: uuid("assignee_id"),
    status: text("status").$type<CallbackTaskStatus>().notNull().default("open"),
    satisfied: boolean("satisfied"),
    result: text("result"),
    followUpTicketId: uuid("follow_up_ticket_id"),
    doneBy: uuid("done_by"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    /** Past its retention period (M14, C152): read-only from then on; purged later where enabled. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      customerId: customers,
      contactId: contacts,
      purchaseId: purchases,
      sampleId: callbackSamples,
      assigneeId: users,
      followUpTicketId: tickets,
      doneBy: users,
    }),
    uniqueIndex("customer_callbacks_key").on(t.orgId, t.key),
    index("customer_callbacks_open").on(t.orgId, t.status, t.dueOn),
    index("customer_callbacks_customer").on(t.orgId, t.customerId),
  ],
);
