import { and, desc, eq } from "drizzle-orm";
import { localIsoDate } from "../../../common/business-time";
import { warrantyOn } from "../../../common/field-service";
import { purchases } from "../../db/schema";
import type { Ctx, CustomerActor } from "../../lib/context";
import { officeCalendar } from "../../lib/periods";
import { agreementOn } from "../agreements/agreements";

/**
 * The signed-in customer's own installed base, to pick the unit a repair request is for (C064), with
 * its warranty as the work order will decide it (C083, the agreement's term first).
 */
export async function myInstalledBase(ctx: Ctx & { actor: CustomerActor }) {
  const { orgId, customerId } = ctx.actor;
  const today = localIsoDate(new Date(), (await officeCalendar(ctx.db, orgId)).timeZone);
  const agreement = await agreementOn(ctx.db, orgId, customerId, today);
  const rows = await ctx.db
    .select()
    .from(purchases)
    .where(and(eq(purchases.orgId, orgId), eq(purchases.customerId, customerId)))
    .orderBy(desc(purchases.deliveredOn));
  return rows.map((p) => {
    const warranty = warrantyOn(p, today, agreement?.warrantyMonths ?? undefined);
    return {
      id: p.id,
      product: p.product,
      model: p.model,
      serialNo: p.serialNo,
      deliveredOn: p.deliveredOn,
      warrantyEndsOn: warranty.endsOn,
      inWarranty: warranty.inWarranty,
    };
  });
}
