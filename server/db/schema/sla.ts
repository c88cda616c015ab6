import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { BusinessCalendar } from "../../../common/business-time";
import { createdAt, id, orgId, updatedAt } from "./columns";

/** Business calendars (工作日历, SPEC M3): working hours, holidays and 调休 per organisation. */
export const businessCalendars = pgTable(
  "business_calendars",
  {
    id: id(),
    orgId: orgId(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    is24x7: boolean("is_24x7").notNull().default(false),
    weeklyHours: jsonb("weekly_hours").$type<BusinessCalendar["weeklyHours"]>().notNull(),
    exceptions: jsonb("exceptions")
      .$type<BusinessCalendar["exceptions"]>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("business_calendars_org").on(t.orgId)],
);
