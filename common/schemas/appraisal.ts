import { z } from "zod";

const rate = z.number().nullable();
const kpis = {
  /** Tickets received in the month that the person now holds. */
  handled: z.number(),
  resolved: z.number(),
  /** Resolved without being reopened or transferred. */
  resolvedFirstContact: z.number(),
  /** Hours from receipt to resolution, summed over the resolved ones. */
  resolutionHours: z.number(),
  firstResponseLate: z.number(),
  /** Service-time breaches of the month attributed to the person. */
  overdue: z.number(),
  brokenPromises: z.number(),
  /** Complaints naming the person (被投诉人). */
  complaints: z.number(),
  callbacksDue: z.number(),
  callbacksMade: z.number(),
  ratings: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
  resolutionRate: rate,
  firstContactRate: rate,
  firstResponseRate: rate,
  avgResolutionHours: rate,
  complaintRate: rate,
  callbackRate: rate,
  satisfactionIndex: rate,
  satisfactionRate: rate,
};

export const kpiRowDto = z.object({
  key: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  ...kpis,
});
export type KpiRow = z.infer<typeof kpiRowDto>;

/** 月度绩效 KPI (SPEC M8): per person or department, and in total. */
export const kpiScorecardDto = z.object({
  month: z.string(),
  by: z.enum(["agent", "department"]),
  satisfactionTarget: z.number(),
  total: z.object(kpis),
  rows: z.array(kpiRowDto),
});
export type KpiScorecard = z.infer<typeof kpiScorecardDto>;
