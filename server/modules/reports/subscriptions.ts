import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { formatShare } from "../../../common/format";
import type { ReportSubscription } from "../../../common/schemas/reports";
import { subscriptionInput } from "../../../common/schemas/reports";
import type { Db } from "../../db/client";
import { reportSubscriptions, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { invalid, notFound } from "../../lib/errors";
import { calendarPeriod, officeCalendar } from "../../lib/periods";
import { loadStaffActor } from "../identity/sessions";
import { sendMessage } from "../messaging/outbox";
import { trendReport } from "./trends";

/** How often every server looks for a finished week or month to send. */
export const REPORT_SEND_MS = 60 * 60_000;
/** A weekly report looks back 8 weeks, a monthly one 12 months. */
const SPAN = { week: 8, month: 12 } as const;

export async function mySubscriptions(ctx: Ctx): Promise<ReportSubscription[]> {
  requireCapability(ctx.actor, "report.view");
  const rows = await ctx.db
    .select()
    .from(reportSubscriptions)
    .where(
      and(
        eq(reportSubscriptions.orgId, ctx.actor.orgId),
        eq(reportSubscriptions.userId, actorUserId(ctx.actor)!),
      ),
    );
  return rows.map(({ id, cadence, email, lastPeriod }) => ({ id, cadence, email, lastPeriod }));
}

/** 订阅周报/月报: the trend report of the last weeks or months, emailed when each one ends. */
export async function subscribe(ctx: Ctx, raw: z.input<typeof subscriptionInput>) {
  requireCapability(ctx.actor, "report.view");
  const input = subscriptionInput.parse(raw);
  const userId = actorUserId(ctx.actor)!;
  return ctx.db.transaction(async (tx) => {
    const [me] = await tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, userId)));
    const email = input.email ?? me?.email;
    if (!email) throw invalid("REPORT_EMAIL_REQUIRED");
    const [saved] = await tx
      .insert(reportSubscriptions)
      .values({ orgId: ctx.actor.orgId, userId, cadence: input.cadence, email })
      .onConflictDoUpdate({
        target: [reportSubscriptions.orgId, reportSubscriptions.userId, reportSubscriptions.cadence],
        set: { email },
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: "report.subscribed",
      entityType: "report_subscription",
      entityId: saved.id,
      after: { cadence: input.cadence, email },
    });
    return saved;
  });
}

export async function unsubscribe(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(reportSubscriptions)
      .where(
        and(
          eq(reportSubscriptions.orgId, ctx.actor.orgId),
          eq(reportSubscriptions.id, id),
          eq(reportSubscriptions.userId, actorUserId(ctx.actor) ?? ""),
        ),
      )
      .returning();
    if (!gone) throw notFound("REPORT_SUBSCRIPTION_NOT_FOUND");
    await writeAudit(tx, ctx, {
      action: "report.unsubscribed",
      entityType: "report_subscription",
      entityId: id,
      before: { cadence: gone.cadence, email: gone.email },
    });
    return gone;
  });
}

const attainment = (m: { met: number; breached: number }) => formatShare(m.met, m.met + m.breached);

/**
 * Sends each subscription its report once its week or month is over: the figures of the last 8 weeks
 * or 12 months as a table, and the link to the charts. A subscriber who may no longer read reports
 * gets nothing.
 */
export async function sendDueReports(db: Db, publicUrl: string, now = new Date()) {
  let sent = 0;
  for (const s of await db.select().from(reportSubscriptions)) {
    const actor = await loadStaffActor(db, s.orgId, s.userId);
    if (!actor?.capabilities.has("report.view")) continue;
    const { timeZone } = await officeCalendar(db, s.orgId);
    const current = calendarPeriod(s.cadence, localIsoDate(now, timeZone));
    const last = calendarPeriod(s.cadence, addDays(current.first, -1));
    if (s.lastPeriod === last.key) continue;
    let first = last;
    for (let i = 1; i < SPAN[s.cadence]; i++) first = calendarPeriod(s.cadence, addDays(first.first, -1));
    const report = await trendReport(db, s.orgId, {
      granularity: s.cadence,
      from: first.first,
      to: last.last,
    });
    const title = `${s.cadence === "week" ? "客户服务周报" : "客户服务月报"} ${last.key}`;
    const lines = report.buckets.map(
      (b) =>
        `${b.key}\t受理 ${b.received}\t解决 ${b.resolved}\t首次响应达标 ${attainment(b.firstResponse)}\t解决达标 ${attainment(b.resolution)}\t超时 ${b.overdue}\t满意率 ${b.satisfactionRate === null ? "—" : formatShare(b.satisfactionRate, 1)}`,
    );
    const link = `${publicUrl}/reports?granularity=${s.cadence}&from=${first.first}&to=${last.last}`;
    await db.transaction(async (tx) => {
      await sendMessage(
        tx,
        s.orgId,
        {
          channel: "email",
          recipient: s.email,
          subject: title,
          body: [title, "", ...lines, "", `图表与导出：${link}`].join("\n"),
        },
        { subscriptionId: s.id, period: last.key },
      );
      await tx
        .update(reportSubscriptions)
        .set({ lastPeriod: last.key })
        .where(and(eq(reportSubscriptions.orgId, s.orgId), eq(reportSubscriptions.id, s.id)));
      await writeAudit(tx, systemCtx(db, s.orgId), {
        action: "report.sent",
        entityType: "report_subscription",
        entityId: s.id,
        after: { period: last.key, email: s.email },
      });
    });
    sent++;
  }
  return sent;
}
