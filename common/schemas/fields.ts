import { z } from "zod";
import { PHONE_PATTERN } from "../validation";

/** A phone number as people write them; a wrong one is reported as "应为电话号码". */
export const phoneNumber = z.string().trim().regex(PHONE_PATTERN, "phone");

/** An optional free text of at most `max` characters, trimmed. */
export const optionalText = (max: number) => z.string().trim().max(max).nullish();
