import type { Executor } from "../../db/client";
import { notifications } from "../../db/schema";
import { publish } from "../../lib/events";

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
