import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { CONSENT_DEFAULTS, CONSENT_PURPOSES, type ConsentPurpose } from "../../../common/enums";
import { type CustomerConsents, consentInput } from "../../../common/schemas/customers";
import type { Executor } from "../../db/client";
import { customerConsents, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { assertCustomer } from "./contacts-and-purchases";

// Consents (C153): what a customer agreed to or withdrew, when, how and who recorded it. Every record
// is kept; the latest per purpose is in force, else the default (enums.ts CONSENT_DEFAULTS).

/** Whether the customer's consent to a purpose stands now — what a sending module asks. */
export async function consentGiven(tx: Executor, orgId: string, customerId: string, purpose: ConsentPurpose) {
  const [latest] = await tx
    .select({ granted: customerConsents.granted })
    .from(customerConsents)
    .where(
      and(
        eq(customerConsents.orgId, orgId),
        eq(customerConsents.customerId, customerId),
        eq(customerConsents.purpose, purpose),
      ),
    )
    .orderBy(desc(customerConsents.recordedAt), desc(customerConsents.id))
    .limit(1);
  return latest?.granted ?? CONSENT_DEFAULTS[purpose];
}

export async function listConsents(ctx: Ctx, customerId: string): Promise<CustomerConsents> {
  requireCapability(ctx.actor, "customer.view");
  await assertCustomer(ctx.db, ctx.actor, customerId);
  const rows = await ctx.db
    .select({ c: customerConsents, recordedBy: users.displayName })
    .from(customerConsents)
    .leftJoin(users, and(eq(users.orgId, customerConsents.orgId), eq(users.id, customerConsents.recordedBy)))
    .where(and(eq(customerConsents.orgId, ctx.actor.orgId), eq(customerConsents.customerId, customerId)))
    .orderBy(desc(customerConsents.recordedAt), desc(customerConsents.id));
  const history = rows.map(({ c, recordedBy }) => ({
    id: c.id,
    purpose: c.purpose,
    granted: c.granted,
    source: c.source,
    note: c.note,
    recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  }));
  return {
    current: CONSENT_PURPOSES.map((purpose) => {
      const latest = history.find((h) => h.purpose === purpose);
      return {
        purpose,
        granted: latest?.granted ?? CONSENT_DEFAULTS[purpose],
        since: latest?.recordedAt ?? null,
      };
    }),
    history,
  };
}

/** Records a consent given or withdrawn; the earlier records stay as they were. */
export async function recordConsent(ctx: Ctx, customerId: string, raw: z.input<typeof consentInput>) {
  requireCapability(ctx.actor, "customer.edit");
  const input = consentInput.parse(raw);
  await ctx.db.transaction(async (tx) => {
    await assertCustomer(tx, ctx.actor, customerId);
    const [row] = await tx
      .insert(customerConsents)
      .values({ orgId: ctx.actor.orgId, customerId, ...input, recordedBy: actorUserId(ctx.actor) })
      .returning();
    await writeAudit(tx, ctx, {
      action: input.granted ? "customer.consent_given" : "customer.consent_withdrawn",
      entityType: "customer",
      entityId: customerId,
      after: { id: row.id, ...input },
    });
  });
  return listConsents(ctx, customerId);
}
