// Pure rules of field service (SPEC M5), shared by the server and the console.

/** Default warranty: 2 years (24 months) from acceptance (验收合格之日, C083). */
export const DEFAULT_WARRANTY_MONTHS = 24;

/**
 * The last day of a warranty of `months` from delivery/acceptance; a day the end month does not
 * have becomes its last day (29 February + 24 months is 28 February, not 1 March).
 */
export function warrantyEnd(deliveredOn: string | null | undefined, months: number): string | null {
  if (!deliveredOn) return null;
  const [y, m, d] = deliveredOn.split("-").map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0));
  const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), Math.min(d, last.getUTCDate())));
  return end.toISOString().slice(0, 10);
}

/**
 * The warranty of an installed unit on a local day (C083): the purchase's end date if it has one
 * (the contract's term), else acceptance/delivery + 2 years. Without a purchase record nothing is
 * known, and the work is chargeable unless someone overrides it with a reason.
 */
export function warrantyOn(
  purchase: { warrantyEndsOn: string | null; deliveredOn: string | null } | null,
  today: string,
): { endsOn: string | null; inWarranty: boolean } {
  const endsOn = purchase?.warrantyEndsOn ?? warrantyEnd(purchase?.deliveredOn, DEFAULT_WARRANTY_MONTHS);
  return { endsOn, inWarranty: endsOn !== null && today <= endsOn };
}

export type ServicePointArea = { id: string; regions: string[]; isHeadquarters: boolean };

/**
 * The service point for a site (seed 001 第7条): the one whose region covers it; outside every local
 * region the headquarters takes it, flagged so the managers hear of it.
 */
export function pointForRegion<P extends ServicePointArea>(
  points: P[],
  region: string | null,
): { point: P | null; outOfRegion: boolean } {
  const local = region ? points.find((p) => p.regions.includes(region)) : undefined;
  if (local) return { point: local, outOfRegion: false };
  return { point: points.find((p) => p.isHeadquarters) ?? null, outOfRegion: Boolean(region) };
}

export type EngineerCandidate = {
  id: string;
  name: string;
  regions: string[];
  skills: string[];
  /** Work orders in hand (dispatched and not completed). */
  load: number;
};

/** How well an engineer fits a work order: a skill is a work-order kind or a product line. */
export function skillScore(skills: string[], order: { kind: string; product: string }) {
  return skills.filter((s) => s === order.kind || (s.length > 0 && order.product.includes(s))).length;
}

/** Engineers best first (C067): same region, then skill, then least load, then name. */
export function rankEngineers<E extends EngineerCandidate>(
  engineers: E[],
  order: { region: string | null; kind: string; product: string },
) {
  return engineers
    .map((e) => ({
      ...e,
      regionMatch: order.region !== null && e.regions.includes(order.region),
      skillMatch: skillScore(e.skills, order),
    }))
    .sort(
      (a, b) =>
        Number(b.regionMatch) - Number(a.regionMatch) ||
        b.skillMatch - a.skillMatch ||
        a.load - b.load ||
        a.name.localeCompare(b.name, "zh-CN"),
    );
}

/** Minutes late against the appointment (C069); arriving early or without one is on time. */
export const lateMinutes = (appointmentAt: Date | null, arrivedAt: Date) =>
  appointmentAt ? Math.max(0, Math.floor((arrivedAt.getTime() - appointmentAt.getTime()) / 60_000)) : 0;

/** What a settlement comes to (C076): labour, parts and travel, in fen. */
export const settlementTotal = (w: { labourFen: number; partsFen: number; travelFen: number }) =>
  w.labourFen + w.partsFen + w.travelFen;
