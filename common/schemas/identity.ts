import { z } from "zod";

/** Out of office (C029): the deputy takes new work from `from` until `until`. */
export const absenceInput = z.object({
  from: z.coerce.date(),
  until: z.coerce.date(),
  deputyId: z.uuid(),
});
export type AbsenceInput = z.input<typeof absenceInput>;

export const absenceDto = z.object({
  from: z.string(),
  until: z.string(),
  deputyId: z.string(),
  /** Away now (the deputy takes new work), as the server's clock says. */
  away: z.boolean(),
});
export type AbsenceDto = z.infer<typeof absenceDto>;
