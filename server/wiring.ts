import { setListeners } from "./lib/domain-events";
import { agreementOn } from "./modules/agreements/agreements";
import { automationListeners } from "./modules/automations/engine";
import { callbackListeners } from "./modules/callbacks/subscriptions";
import { complaintListeners, complaintVisibility } from "./modules/complaints/subscriptions";
import { extendCustomers } from "./modules/customers/extensions";
import { fieldServiceListeners, fieldServiceVisibility } from "./modules/field-service/subscriptions";
import { slaListeners, ticketDeadlines } from "./modules/sla/subscriptions";
import { surveyListeners } from "./modules/surveys/subscriptions";
import { extendTickets } from "./modules/tickets/extensions";
import { webhookListeners } from "./modules/webhooks/deliveries";

/**
 * Connects the layers (DESIGN, "Events, layers and channels"): the kernel (tickets, customers) knows
 * no process module; the processes listen to its domain events and extend its reads here. Every
 * entry point calls this before the first domain call (the app, the seed and demo, the bench, tests).
 */
export function wireModules() {
  // Refusals first: a change they refuse is rolled back before anything acts on it.
  setListeners([
    ...complaintListeners,
    ...slaListeners,
    ...surveyListeners,
    ...callbackListeners,
    ...fieldServiceListeners,
    // An administrator's rules act on what the modules above have made of the change.
    ...automationListeners,
    // Last: only what committed work is sent out.
    ...webhookListeners,
  ]);
  extendTickets({ visibility: [complaintVisibility, fieldServiceVisibility], deadlines: ticketDeadlines });
  extendCustomers({ agreementOn });
}
