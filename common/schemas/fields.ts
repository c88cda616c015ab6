import { z } from "zod";
import { PHONE_PATTERN } from "../validation";

/** A phone number as people write them; a wrong one is reported as "应为电话号码". */
export const phoneNumber = z.string().trim().regex(PHONE_PATTERN, "phone");

/** An optional free text of at most `max` characters, trimmed. */
export const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** A route's `:id`. */
export const idParam = z.object({ id: z.uuid() });

/** A month as YYYY-MM. */
export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** `?month=YYYY-MM`: a monthly report's query. */
export const monthQuery = z.object({ month: monthParam });
export type MonthQuery = z.input<typeof monthQuery>;

/** A step that takes no input: an empty body, or none. */
export const noBody = z.object({}).optional();
