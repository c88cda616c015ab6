import { z } from "zod";
import { DOMAIN_EVENT_TYPES, type DomainEventType } from "../events";

export const WEBHOOK_LIMITS = { name: 60, url: 2000 } as const;

/** An endpoint as an administrator registers it; the secret is made by the server. */
export const webhookInput = z.object({
  name: z.string().trim().min(1).max(WEBHOOK_LIMITS.name),
  url: z.url({ protocol: /^https?$/ }).max(WEBHOOK_LIMITS.url),
  events: z
    .array(z.enum(DOMAIN_EVENT_TYPES as [DomainEventType, ...DomainEventType[]]))
    .min(1)
    .transform((events) => [...new Set(events)]),
  active: z.boolean().default(true),
});
export type WebhookInput = z.input<typeof webhookInput>;

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;

/**
 * Why a delivery got no answer: its endpoint was switched off, the address is internal (at save or
 * when dialled), the name did not resolve, no answer within the time limit, or no connection.
 */
export const WEBHOOK_FAILURES = [
  "endpoint_off",
  "internal_address",
  "unresolvable",
  "timeout",
  "no_connection",
] as const;
export type WebhookFailure = (typeof WEBHOOK_FAILURES)[number];

export const webhookEndpointDto = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  failingSince: z.string().nullable(),
  disabledForFailingAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookEndpointDto = z.infer<typeof webhookEndpointDto>;

export const webhookDeliveryDto = z.object({
  id: z.string(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  durationMs: z.number().nullable(),
  responseExcerpt: z.string().nullable(),
  failure: z.enum(WEBHOOK_FAILURES).nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDto>;
