import type { Executor } from "../../db/client";
import type { serviceAgreements } from "../../db/schema";

/**
 * What process modules add to the customer kernel's reads, given by the wiring (server/wiring.ts) so
 * that customers import none of them: the service agreement covering a customer on a day (C082).
 */
export type CustomerExtensions = {
  agreementOn(
    tx: Executor,
    orgId: string,
    customerId: string,
    today: string,
  ): Promise<typeof serviceAgreements.$inferSelect | null>;
};

let extensions: CustomerExtensions | null = null;

export function extendCustomers(given: CustomerExtensions) {
  extensions = given;
}

export function customerExtensions(): CustomerExtensions {
  if (!extensions) throw new Error("customer extensions are not wired (server/wiring.ts: wireModules)");
  return extensions;
}
