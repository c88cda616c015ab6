import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { PageQuery } from "../../../common/schemas/pagination";
import type { Executor } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import { defineJob, enqueue } from "../../jobs/runner";
import { type Ctx, requireCapability } from "../../lib/context";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";

export type OutgoingMessage = {
  channel: "sms" | "email" | "wechat";
  recipient: string;
  subject?: string;
  body: string;
  /**
   * A one-time code or a personal link that stands in the body as SECRET: the driver gets it, the
   * outbox never shows it, and it is forgotten once the driver has taken the message.
   */
  secret?: string;
};

/** Where a message's secret stands in its body. */
export const SECRET = "{secret}";
/** The body as the outbox shows it: the secret masked. */
export const maskedBody = (body: string) => body.replaceAll(SECRET, "••••••");

/** A provider (SMS gateway, SMTP, WeChat). The default records only: the message stays in the outbox. */
export type MessageDriver = { send(message: OutgoingMessage): Promise<void> };
export const recordingDriver: MessageDriver = { send: async () => {} };
/**
 * Without a provider the server prints each message on its console, so that whoever runs it can
 * read a one-time code or a survey link that the outbox masks.
 */
export const printingDriver = (print: (line: string) => void): MessageDriver => ({
  send: async (m) => print(`[${m.channel} → ${m.recipient}] ${m.subject ? `${m.subject}：` : ""}${m.body}`),
});

let driver: MessageDriver = recordingDriver;
export const setMessageDriver = (next: MessageDriver) => {
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
      body: message.secret === null ? message.body : message.body.replaceAll(SECRET, message.secret),
    });
    await db
      .update(outboxMessages)
      .set({ status: "sent", sentAt: new Date(), secret: null })
      .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, messageId)));
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
      secret: message.secret ?? null,
      meta,
    })
    .returning({ id: outboxMessages.id });
  await enqueue(tx, deliverMessage, { orgId, payload: { messageId: row.id } });
  return row.id;
}

/** The outbox as a supervisor reads it (M13): newest first, one-time codes and personal links masked. */
export async function listOutbox(ctx: Ctx, q: PageQuery) {
  requireCapability(ctx.actor, "outbox.view");
  const where = eq(outboxMessages.orgId, ctx.actor.orgId);
  const rows = await ctx.db
    .select()
    .from(outboxMessages)
    .where(where)
    .orderBy(desc(outboxMessages.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const items = rows.map(({ secret: _, ...m }) => ({
    ...m,
    body: maskedBody(m.body),
    createdAt: iso(m.createdAt),
  }));
  return pageOf(q, items, await countRows(ctx.db, outboxMessages, where));
}
