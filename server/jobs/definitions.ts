import { deliverMessage } from "../modules/messaging/outbox";
import { promiseDue, promiseReminder } from "../modules/tickets/promises";
import { deliverWebhook } from "../modules/webhooks/deliveries";
import type { JobDefinition } from "./runner";

/** Every job the runner knows; a job whose name is not here fails and is retried, never lost. */
export const JOB_DEFINITIONS: JobDefinition[] = [deliverMessage, promiseReminder, promiseDue, deliverWebhook];
