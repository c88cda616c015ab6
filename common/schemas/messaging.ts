import { z } from "zod";

export const notificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.string()),
  body: z.string().nullable(),
  ticketId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const outboxDto = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.string(),
  createdAt: z.string(),
});
