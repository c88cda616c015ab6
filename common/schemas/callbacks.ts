import { z } from "zod";
import { PRIORITIES } from "../enums";

const rates = z.object({ P1: z.number(), P2: z.number(), P3: z.number(), P4: z.number() });

/** A month of sampled satisfaction callbacks (C086): each day's draw, and the rate attained per priority. */
export const callbackSampleReportDto = z.object({
  month: z.string(),
  samples: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      seed: z.string(),
      rates,
      population: z.number(),
      drawn: z.number(),
      called: z.number(),
      unreachable: z.number(),
      unsatisfied: z.number(),
    }),
  ),
  byPriority: z.array(
    z.object({
      priority: z.enum(PRIORITIES),
      resolved: z.number(),
      drawn: z.number(),
      called: z.number(),
      /** The share of the month's resolved tickets called back, against the rate asked for. */
      attained: z.number().nullable(),
      target: z.number(),
    }),
  ),
});
export type CallbackSampleReport = z.infer<typeof callbackSampleReportDto>;
