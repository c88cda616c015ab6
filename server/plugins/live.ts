import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { Database } from "../db/client";
import type { Actor } from "../lib/context";
import { EVENTS_CHANNEL, type LiveEvent } from "../lib/events";

/** Who may see an event: the same organisation, the named users, a portal customer only their own. */
function isFor(event: LiveEvent, actor: Actor): boolean {
  if (event.orgId !== actor.orgId) return false;
  if (actor.type === "customer")
    return event.type !== "notification" && event.customerId === actor.customerId;
  if (actor.type !== "user") return false;
  return !event.userIds || event.userIds.includes(actor.userId);
}

/** WebSocket at /api/live: every committed change is pushed to the browsers that may see it. */
export async function registerLive(app: FastifyInstance, database: Database) {
  const sockets = new Map<WebSocket, Actor>();
  const unlisten = await database.listen(EVENTS_CHANNEL, (payload) => {
    const event = JSON.parse(payload) as LiveEvent;
    // A notification goes only to its recipients (isFor), so its words may go with it.
    const message = JSON.stringify({
      type: event.type,
      ticketId: event.ticketId,
      kind: event.kind,
      params: event.params,
    });
    for (const [socket, actor] of sockets) if (isFor(event, actor)) socket.send(message);
  });
  app.addHook("onClose", async () => {
    for (const socket of sockets.keys()) socket.close(1001);
    await unlisten();
  });
  app.get("/api/live", { websocket: true, schema: { hide: true } }, (socket, request) => {
    if (!request.actor) {
      socket.close(4401, "unauthenticated");
      return;
    }
    sockets.set(socket, request.actor);
    socket.on("close", () => sockets.delete(socket));
  });
}
