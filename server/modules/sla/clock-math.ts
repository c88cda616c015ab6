// The arithmetic of a service-time clock (SPEC M3), pure so it can be tested exhaustively: how much
// business time a clock has used, when it will be at risk, due and escalated, and what happens when
// it pauses, resumes, stops or is swept. The database code in clocks.ts only stores what this says.
import { addBusinessMs, type BusinessCalendar, businessMsBetween } from "../../../common/business-time";
import type { SlaTarget } from "../../db/schema";

export type ClockState = "running" | "paused" | "stopped" | "replaced";

export type ClockTiming = {
  state: ClockState;
  targetMinutes: number;
  atRiskPercent: number;
  /** Working time used before `runningSince`, in whole milliseconds. */
  elapsedMs: number;
  runningSince: Date | null;
  atRiskAt: Date | null;
  dueAt: Date | null;
  stoppedAt: Date | null;
  atRiskNotifiedAt: Date | null;
  breachedAt: Date | null;
  escalationLevel: number;
  nextCheckAt: Date | null;
};

export type ClockEvent =
  | { kind: "at_risk" }
  | { kind: "breached"; dueAt: Date }
  | { kind: "escalated"; level: number; notify: string[] };

export type Steps = { afterMinutes: number; notify: string[] }[];

/** The longest working day of the calendar, in minutes (a whole day on a 7×24 calendar). */
export function workingDayMinutes(calendar: BusinessCalendar): number {
  if (calendar.is24x7) return 1440;
  const days = calendar.weeklyHours.map((periods) => periods.reduce((sum, p) => sum + p.end - p.start, 0));
  return Math.max(...days) || 1440;
}

/** A target in business minutes of its calendar: "3 working days" is three of its working days. */
export function targetMinutes(target: Pick<SlaTarget, "amount" | "unit">, calendar: BusinessCalendar) {
  const perUnit = { minutes: 1, hours: 60, working_days: workingDayMinutes(calendar) }[target.unit];
  return Math.round(target.amount * perUnit);
}

const MINUTE = 60_000;

/** Business time (ms) the clock has used by `now`: what it had when it last ran, plus the run since. */
export function usedMs(calendar: BusinessCalendar, clock: ClockTiming, now: Date): number {
  if (clock.state !== "running" || !clock.runningSince) return clock.elapsedMs;
  return clock.elapsedMs + businessMsBetween(calendar, clock.runningSince, now);
}

/** When a running clock will have used `minutes` of its target (now-ish if it already has). */
function whenUsed(calendar: BusinessCalendar, clock: ClockTiming, minutes: number): Date {
  return addBusinessMs(
    calendar,
    clock.runningSince!,
    Math.max(0, Math.round(minutes * MINUTE) - clock.elapsedMs),
  );
}

/** Recomputes at-risk, due and next-check instants; a breached deadline stays what it was. */
function schedule(calendar: BusinessCalendar, clock: ClockTiming, steps: Steps): ClockTiming {
  if (clock.state !== "running") return { ...clock, nextCheckAt: null };
  const dueAt = clock.breachedAt ? clock.dueAt : whenUsed(calendar, clock, clock.targetMinutes);
  const atRiskAt =
    clock.breachedAt || clock.atRiskNotifiedAt
      ? clock.atRiskAt
      : whenUsed(calendar, clock, (clock.targetMinutes * clock.atRiskPercent) / 100);
  const step = steps[clock.escalationLevel];
  const nextCheckAt = !clock.breachedAt
    ? clock.atRiskNotifiedAt
      ? dueAt
      : atRiskAt
    : step
      ? whenUsed(calendar, clock, clock.targetMinutes + step.afterMinutes)
      : null;
  return { ...clock, dueAt, atRiskAt, nextCheckAt };
}

/** A new clock, running from `start`. */
export function startClock(
  calendar: BusinessCalendar,
  target: { targetMinutes: number; atRiskPercent: number; elapsedMs?: number },
  start: Date,
  steps: Steps,
): ClockTiming {
  return schedule(
    calendar,
    {
      state: "running",
      targetMinutes: target.targetMinutes,
      atRiskPercent: target.atRiskPercent,
      elapsedMs: target.elapsedMs ?? 0,
      runningSince: start,
      atRiskAt: null,
      dueAt: null,
      stoppedAt: null,
      atRiskNotifiedAt: null,
      breachedAt: null,
      escalationLevel: 0,
      nextCheckAt: null,
    },
    steps,
  );
}

/**
 * Moves a clock to `state` at `now` (pause while the customer is awaited, resume, stop when its
 * event happens). A clock stopped or paused after using more than its target is breached then, if the
 * sweep had not yet seen it.
 */
export function moveClock(
  calendar: BusinessCalendar,
  clock: ClockTiming,
  state: "running" | "paused" | "stopped",
  now: Date,
  steps: Steps,
): { clock: ClockTiming; events: ClockEvent[] } {
  const used = usedMs(calendar, clock, now);
  const events: ClockEvent[] = [];
  let breachedAt = clock.breachedAt;
  if (!breachedAt && used > clock.targetMinutes * MINUTE && clock.dueAt) {
    breachedAt = clock.dueAt;
    events.push({ kind: "breached", dueAt: clock.dueAt });
  }
  const moved = schedule(
    calendar,
    {
      ...clock,
      state,
      elapsedMs: used,
      runningSince: state === "running" ? now : null,
      stoppedAt: state === "stopped" ? now : null,
      breachedAt,
    },
    steps,
  );
  return { clock: moved, events };
}

/** What the sweep does for a running clock at `now`: warn at risk, record the breach, escalate. */
export function sweepClock(
  calendar: BusinessCalendar,
  clock: ClockTiming,
  steps: Steps,
  now: Date,
): { clock: ClockTiming; events: ClockEvent[] } {
  if (clock.state !== "running") return { clock: { ...clock, nextCheckAt: null }, events: [] };
  const events: ClockEvent[] = [];
  // Re-based on `now` (the time used so far folded into elapsed), so that every later computation
  // walks the calendar from now rather than from when the clock started, maybe months ago.
  let next = { ...clock, elapsedMs: usedMs(calendar, clock, now), runningSince: now };
  const due = next.dueAt!;
  if (!next.breachedAt && now >= due) {
    next.breachedAt = due;
    events.push({ kind: "breached", dueAt: due });
  } else if (!next.breachedAt && !next.atRiskNotifiedAt && next.atRiskAt && now >= next.atRiskAt) {
    next.atRiskNotifiedAt = now;
    events.push({ kind: "at_risk" });
  }
  next.atRiskNotifiedAt ??= next.breachedAt ? now : null;
  while (next.breachedAt && next.escalationLevel < steps.length) {
    const step = steps[next.escalationLevel];
    if (now < whenUsed(calendar, next, next.targetMinutes + step.afterMinutes)) break;
    events.push({ kind: "escalated", level: next.escalationLevel + 1, notify: step.notify });
    next = { ...next, escalationLevel: next.escalationLevel + 1 };
  }
  return { clock: schedule(calendar, next, steps), events };
}

/** How a clock reads now: met, breached, at risk, paused or running. */
export function clockStatus(clock: ClockTiming, now: Date) {
  if (clock.breachedAt) return "breached" as const;
  if (clock.state === "stopped") return "met" as const;
  if (clock.state === "paused") return "paused" as const;
  if (clock.atRiskAt && now >= clock.atRiskAt) return "at_risk" as const;
  return "running" as const;
}
