import { z } from "zod";
import { TICKET_STATUSES } from "../enums";

const ratingCounts = z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() });

/** 服务看板 (C146): the service now and today. */
export const dashboardDto = z.object({
  today: z.string(),
  openByStatus: z.array(z.object({ status: z.enum(TICKET_STATUSES), n: z.number() })),
  atRisk: z.number(),
  overdue: z.number(),
  greenChannel: z.number(),
  unassigned: z.number(),
  callbacksDue: z.number(),
  callbacksMade: z.number(),
  /** Engineers travelling to a site, and checked in on one. */
  engineersOnTheWay: z.number(),
  engineersOnSite: z.number(),
  satisfaction: z.object({
    counts: ratingCounts,
    n: z.number(),
    weightedSum: z.number(),
    index: z.number().nullable(),
    rate: z.number().nullable(),
  }),
});
export type Dashboard = z.infer<typeof dashboardDto>;
