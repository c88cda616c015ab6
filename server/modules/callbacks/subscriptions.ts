import { on } from "../../lib/domain-events";
import { closeCallbackTasks, openResolutionCallback } from "./tasks";

export const callbackListeners = [
  on("ticket.status_changed", async (tx, ctx, { payload, ticket, text }) => {
    // Resolved: the first responder is to call the customer (C085).
    if (payload.action === "resolve") await openResolutionCallback(tx, ctx, ticket);
    // The call was made: its task is done, whatever the customer said.
    if (payload.action === "record_callback" && payload.satisfied !== undefined) {
      await closeCallbackTasks(tx, ctx, ticket, { satisfied: payload.satisfied, result: text ?? "" });
    }
  }),
];
