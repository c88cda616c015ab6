import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import { defineJob, enqueue } from "../../jobs/runner";

export type OutgoingMessage = {
  channel: "sms" | "email" | "wechat";
  recipient: string;
  subject?: string;
  body: string;
};

/** A provider (SMS gateway, SMTP, WeChat). The default records only: the message stays in the outbox. */
export type MessageDriver = { send(message: OutgoingMessage): Promise<void> };
export const recordingDriver: MessageDriver = { send: async () => {} };

let driver: MessageDriver = recordingDriver;
export const useMessageDriver = (next: MessageDriver) => {
  driver = next;
};

export const deliverMessage = defineJob({
  name: "message.deliver",
  payload: z.object({ messageId: z.string().uuid() }),
  async handle({ db, orgId }, { messageId }) {
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.orgId, orgId),
          eq(outboxMessages.id, messageId),
          eq(outboxMessages.status, "queued"),
        ),
      );
    if (!message) return;
    await driver.send({
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? undefined,
      body: message.body,
    });
    await db
      .update(outboxMessages)
      .set({ status: "sent", sentAt: new Date() })
      .where(eq(outboxMessages.id, messageId));
  },
});

/** Writes the message and its delivery job in the caller's transaction. */
export async function sendMessage(
  tx: Executor,
  orgId: string,
  message: OutgoingMessage,
  meta: Record<string, unknown> = {},
) {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      orgId,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      meta,
    })
    .returning({ id: outboxMessages.id });
  await enqueue(tx, deliverMessage, { orgId, payload: { messageId: row.id } });
  return row.id;
}
