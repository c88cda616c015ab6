import { z } from "zod";

/** An optional free text of at most `max` characters, trimmed. */
export const optionalText = (max: number) => z.string().trim().max(max).nullish();
