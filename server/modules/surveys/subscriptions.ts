import { on } from "../../lib/domain-events";
import { inviteToSurvey } from "./invitations";

export const surveyListeners = [
  // Resolved: the customer is asked how we did (SPEC M6).
  on("ticket.status_changed", async (tx, ctx, { payload, ticket }) => {
    if (payload.action === "resolve") await inviteToSurvey(tx, ctx, ticket, "ticket_resolved");
  }),
];
