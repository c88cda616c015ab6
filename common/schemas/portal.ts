import { z } from "zod";

export const codeRequestInput = z.object({
  org: z.string().default("default"),
  /** A contact's mobile number or email address. */
  destination: z.string().trim().min(3).max(100),
});
export type CodeRequestInput = z.input<typeof codeRequestInput>;

/** A customer signs in with the one-time code sent to their phone or email. */
export const portalSignInInput = z.object({
  org: z.string().default("default"),
  destination: z.string().min(3),
  code: z.string().min(4).max(10),
});
export type PortalSignInInput = z.input<typeof portalSignInInput>;
