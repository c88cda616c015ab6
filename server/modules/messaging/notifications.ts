import { and, desc, eq, isNull } from "drizzle-orm";
import type { PageQuery } from "../../../common/schemas/pagination";
import type { Executor } from "../../db/client";
import { notifications } from "../../db/schema";
import type { Ctx, StaffActor } from "../../lib/context";
import { publish } from "../../lib/events";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";

/** In-app notifications, announced live to their recipients when the transaction commits. */
export async function notifyUsers(
  tx: Executor,
  orgId: string,
  userIds: (string | null | undefined)[],
  note: { kind: string; params?: Record<string, string>; body?: string; ticketId?: string },
): Promise<void> {
  const recipients = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (!recipients.length) return;
  await tx.insert(notifications).values(recipients.map((userId) => ({ orgId, userId, ...note })));
  await publish(tx, {
    orgId,
    type: "notification",
    userIds: recipients,
    ticketId: note.ticketId,
    kind: note.kind,
    params: note.params,
  });
}

/** The user's own notifications, newest first, with how many are unread. */
export async function listNotifications(ctx: Ctx & { actor: StaffActor }, q: PageQuery) {
  const mine = and(eq(notifications.orgId, ctx.actor.orgId), eq(notifications.userId, ctx.actor.userId));
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(mine)
    .orderBy(desc(notifications.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const items = rows.map((n) => ({
    ...n,
    params: n.params as Record<string, string>,
    readAt: iso(n.readAt),
    createdAt: iso(n.createdAt),
  }));
  return {
    ...pageOf(q, items, await countRows(ctx.db, notifications, mine)),
    unread: await countRows(ctx.db, notifications, and(mine, isNull(notifications.readAt))),
  };
}

/** Marks all the user's notifications read. */
export async function readAllNotifications(ctx: Ctx & { actor: StaffActor }) {
  await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.orgId, ctx.actor.orgId),
        eq(notifications.userId, ctx.actor.userId),
        isNull(notifications.readAt),
      ),
    );
}
