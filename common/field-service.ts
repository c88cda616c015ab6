// Pure rules of field service (SPEC M5), shared by the server and the console.

import { addBusinessMinutes, type BusinessCalendar } from "./business-time";
import type { ArrivalOutcome, ChecklistPhase, WorkOrderKind, WorkOrderStatus } from "./enums";

/** Default warranty: 2 years (24 months) from acceptance (验收合格之日, C083). */
export const DEFAULT_WARRANTY_MONTHS = 24;

/**
 * The last day of a warranty of `months` from delivery/acceptance; a day the end month does not
 * have becomes its last day (29 February + 24 months is 28 February, not 1 March).
 */
export function warrantyEnd(deliveredOn: string | null | undefined, months: number): string | null {
  return deliveredOn ? addMonths(deliveredOn, months) : null;
}

/** A local day `months` later; a day the month does not have becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0));
  const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), Math.min(d, last.getUTCDate())));
  return end.toISOString().slice(0, 10);
}

/** A local day `days` later. */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The service report is due within 5 days of the engineer's return from the site (C073). */
export const REPORT_DUE_DAYS = 5;

/**
 * The days of an agreement's scheduled visits (C080): `visitsPerYear` spread evenly from its start —
 * every 12/n months when n divides a year (quarterly, monthly…), else every 365/n days — the first one
 * interval after the start, none after the end.
 */
export function agreementVisitDates(startsOn: string, endsOn: string, visitsPerYear: number): string[] {
  if (visitsPerYear <= 0) return [];
  const dates: string[] = [];
  const byMonths = 12 % visitsPerYear === 0;
  for (let k = 1; ; k++) {
    const day = byMonths
      ? addMonths(startsOn, (k * 12) / visitsPerYear)
      : addDays(startsOn, Math.round((k * 365) / visitsPerYear));
    if (day > endsOn) return dates;
    dates.push(day);
  }
}

/**
 * The warranty of an installed unit on a local day (C083): acceptance/delivery + the term of the
 * customer's service agreement when it sets one (the contract overrides, C082), else the purchase's
 * end date, else delivery + 2 years. Without a purchase record nothing is known, and the work is
 * chargeable unless someone overrides it with a reason.
 */
export function warrantyOn(
  purchase: { warrantyEndsOn: string | null; deliveredOn: string | null } | null,
  today: string,
  agreementMonths?: number,
): { endsOn: string | null; inWarranty: boolean } {
  const endsOn =
    (agreementMonths ? warrantyEnd(purchase?.deliveredOn, agreementMonths) : null) ??
    purchase?.warrantyEndsOn ??
    warrantyEnd(purchase?.deliveredOn, DEFAULT_WARRANTY_MONTHS);
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

/** An appointment may be set from the current minute on (a time picker shows minutes, not seconds). */
export const isPastAppointment = (at: Date, now = new Date()) =>
  at.getTime() < now.getTime() - (now.getTime() % 60_000);

/** How far from the customer's preferred time an appointment may be before the dispatcher is warned. */
export const PREFERRED_WINDOW_MINUTES = 120;
export const APPOINTMENT_WARNINGS = ["outside_preferred", "outside_hours"] as const;
export type AppointmentWarning = (typeof APPOINTMENT_WARNINGS)[number];

/**
 * What a dispatcher is warned of about an appointment — not refused, since the customer may have
 * agreed to it: more than two hours from the time the customer asked for, or outside the working hours
 * of the calendar the engineers work to.
 */
export function appointmentWarnings(
  at: Date,
  preferredAt: Date | null,
  calendar: BusinessCalendar,
): AppointmentWarning[] {
  const warnings: AppointmentWarning[] = [];
  if (preferredAt && Math.abs(at.getTime() - preferredAt.getTime()) > PREFERRED_WINDOW_MINUTES * 60_000)
    warnings.push("outside_preferred");
  // The first working instant at or after a time inside working hours is that time itself.
  if (addBusinessMinutes(calendar, at, 0).getTime() !== at.getTime()) warnings.push("outside_hours");
  return warnings;
}

/** Minutes late against the appointment (C069); arriving early or without one is on time. */
export const lateMinutes = (appointmentAt: Date | null, arrivedAt: Date) =>
  appointmentAt ? Math.max(0, Math.floor((arrivedAt.getTime() - appointmentAt.getTime()) / 60_000)) : 0;

/**
 * How an appointment was kept (C069): on time, late, or not at all (no check-in by the time it is
 * recorded as missed). Telling the customer counts only when done before the appointment; late or
 * missed without it is a violation.
 */
export function arrivalOutcome(
  appointmentAt: Date,
  arrivedAt: Date | null,
  delayNotifiedAt: Date | null,
): { outcome: ArrivalOutcome; lateMinutes: number; customerInformed: boolean; violation: boolean } {
  const late = arrivedAt ? lateMinutes(appointmentAt, arrivedAt) : 0;
  const outcome = !arrivedAt ? "no_show" : late > 0 ? "late" : "on_time";
  const customerInformed = Boolean(delayNotifiedAt && delayNotifiedAt <= appointmentAt);
  return {
    outcome,
    lateMinutes: late,
    customerInformed,
    violation: outcome !== "on_time" && !customerInformed,
  };
}

/** What a settlement comes to (C076): labour, parts and travel, in fen. */
export const settlementTotal = (w: { labourFen: number; partsFen: number; travelFen: number }) =>
  w.labourFen + w.partsFen + w.travelFen;

export type ChecklistItem = { label: string; phase: ChecklistPhase; required: boolean };
/** A checklist item on a work order, ticked by its engineer. */
export type CheckedItem = ChecklistItem & { doneAt: string | null };
/** Each kind of work its checklist and targets (C081): hours from the request to arrival and to completion. */
export type KindSettings = {
  checklist: ChecklistItem[];
  arrivalHours: number | null;
  completionHours: number | null;
};

const item = (phase: ChecklistPhase, label: string): ChecklistItem => ({ label, phase, required: false });

/**
 * What each kind of work asks for until an organisation sets its own (C081). The defaults only
 * suggest: an organisation marks the items that must be done before completion (or, after an
 * installation, before the report goes in).
 */
export const DEFAULT_KIND_SETTINGS: Record<WorkOrderKind, KindSettings> = {
  install: {
    checklist: [
      item("before", "确认安装现场条件（电源、空间、基础）"),
      item("before", "核对到货设备型号与数量"),
      item("during", "按图纸安装并固定"),
      item("during", "通电调试并记录运行参数"),
      item("after", "培训客户操作人员"),
      item("after", "试运行跟踪回访"),
    ],
    arrivalHours: null,
    completionHours: 72,
  },
  repair: {
    checklist: [
      item("before", "电话联系客户确认故障现象"),
      item("during", "核对序列号与保修状态"),
      item("during", "修后测试正常"),
      item("after", "告知客户使用与保养注意事项"),
    ],
    arrivalHours: 24,
    completionHours: 48,
  },
  maintenance: {
    checklist: [
      item("during", "清洁保养"),
      item("during", "紧固与易损件检查"),
      item("during", "运行参数检测并记录"),
      item("after", "保养建议告知客户"),
    ],
    arrivalHours: null,
    completionHours: 24,
  },
  inspection: {
    checklist: [
      item("during", "外观与安装状态检查"),
      item("during", "运行参数记录"),
      item("after", "隐患与整改建议告知客户"),
    ],
    arrivalHours: null,
    completionHours: 24,
  },
  training: {
    checklist: [
      item("before", "确认培训对象、人数与时间"),
      item("during", "按培训大纲讲解并实操"),
      item("during", "学员签到"),
    ],
    arrivalHours: null,
    completionHours: null,
  },
  support: {
    checklist: [item("during", "确认问题并给出解决方案")],
    arrivalHours: 24,
    completionHours: 24,
  },
};

/**
 * When an item may be ticked (C081): preparations from acceptance, the work itself on site, the
 * follow-up on site or after completion until the report has gone in.
 */
export function checklistPhaseOpen(phase: ChecklistPhase, status: WorkOrderStatus, reportOpen: boolean) {
  if (phase === "before") return ["accepted", "on_the_way", "on_site"].includes(status);
  if (phase === "during") return status === "on_site";
  return status === "on_site" || (status === "completed" && reportOpen);
}

/** The work-order ability that lets its engineer tick items of each phase now. */
export const CHECK_ABILITY = { before: "checkBefore", during: "checkDuring", after: "checkAfter" } as const;

/** Required items of these phases not yet done. */
export const missingChecks = (checklist: CheckedItem[], phases: readonly ChecklistPhase[]) =>
  checklist.filter((c) => c.required && !c.doneAt && phases.includes(c.phase)).map((c) => c.label);
