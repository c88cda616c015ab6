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

const met = z.object({ met: z.number(), breached: z.number() });
/** 服务趋势 (SPEC M12): each week or month of a range, side by side. */
export const trendBucketDto = z.object({
  key: z.string(),
  first: z.string(),
  last: z.string(),
  received: z.number(),
  resolved: z.number(),
  byChannel: z.record(z.string(), z.number()),
  byType: z.record(z.string(), z.number()),
  firstResponse: met,
  resolution: met,
  overdue: z.number(),
  ratings: ratingCounts,
  satisfactionRate: z.number().nullable(),
  satisfactionIndex: z.number().nullable(),
  qaInspections: z.number(),
  qaAverage: z.number().nullable(),
});
export type TrendBucket = z.infer<typeof trendBucketDto>;
export const trendReportDto = z.object({
  granularity: z.enum(["week", "month"]),
  buckets: z.array(trendBucketDto),
  /** Work orders of the range by product, most first. */
  byProduct: z.array(z.object({ product: z.string(), n: z.number() })),
});
export type TrendReport = z.infer<typeof trendReportDto>;

/** 报表订阅: a weekly or monthly trend report emailed to its subscriber. */
export const reportSubscriptionDto = z.object({
  id: z.string(),
  cadence: z.enum(["week", "month"]),
  email: z.string(),
  lastPeriod: z.string().nullable(),
});
export type ReportSubscription = z.infer<typeof reportSubscriptionDto>;

export const trendQuery = z.object({
  granularity: z.enum(["week", "month"]).default("month"),
  /** Any day of the first and of the last week or month. */
  from: z.iso.date(),
  to: z.iso.date(),
});
export type TrendQuery = z.input<typeof trendQuery>;

export const subscriptionInput = z.object({
  cadence: z.enum(["week", "month"]),
  /** Defaults to the subscriber's own address. */
  email: z.email().optional(),
});
export type SubscriptionInput = z.input<typeof subscriptionInput>;
