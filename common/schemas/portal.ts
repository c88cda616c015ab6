import { z } from "zod";

export const codeRequestInput = z.object({
  org: z.string().default("default"),
  /** A contact's mobile number or email address. */
  destination: z.string().trim().min(3).max(100),
});
export type CodeRequestInput = z.input<typeof codeRequestInput>;
