import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  AUTOMATION_EVENTS,
  AUTOMATION_KINDS,
  type AutomationActions,
  type AutomationConditions,
  TIMED_SINCE,
} from "../../../common/schemas/automations";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, updatedAt } from "./columns";
import { users } from "./identity";
import { tickets } from "./tickets";

/** An administrator's rule (issue 18): a trigger on an event, or a timed rule; tried in `position` order. */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    kind: text("kind", { enum: AUTOMATION_KINDS }).notNull(),
    event: text("event", { enum: AUTOMATION_EVENTS }),
    /** Timed rules: working minutes after `since` (the office calendar). */
    afterMinutes: integer("after_minutes"),
    since: text("since", { enum: TIMED_SINCE }).notNull().default("last_activity"),
    conditions: jsonb("conditions").$type<AutomationConditions>().notNull(),
    actions: jsonb("actions").$type<AutomationActions>().notNull(),
    stop: boolean("stop").notNull().default(false),
    active: boolean("active").notNull().default(true),
    position: integer("position").notNull(),
    /** Round-robin routing: the member who got the last ticket (the next one goes to the one after). */
    lastAssigneeId: uuid("last_assignee_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { lastAssigneeId: users }),
    index("automation_rules_order").on(t.orgId, t.kind, t.position),
  ],
);

/**
 * Each time a rule fired for a ticket. A timed rule fires once per ticket and `anchor` (the instant it
 * measured from): the unique key makes that hold across servers and repeated sweeps.
 */
export const automationFirings = pgTable(
  "automation_firings",
  {
    id: id(),
    orgId: orgId(),
    ruleId: uuid("rule_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    anchor: timestamp("anchor", { withTimezone: true }),
    firedAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { ruleId: automationRules, ticketId: tickets }),
    uniqueIndex("automation_firings_once")
      .on(t.orgId, t.ruleId, t.ticketId, t.anchor)
      .where(sql`anchor IS NOT NULL`),
    index("automation_firings_recent").on(t.orgId, t.ruleId, t.firedAt),
  ],
);
