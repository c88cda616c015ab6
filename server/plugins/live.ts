import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { Database } from "../db/client";
import type { Actor } from "../lib/context";
import { EVENTS_CHANNEL, type LiveEvent } from "../lib/events";

/** Who may see an event: the same organisation, the named users, a portal customer only their own. */
function isFor(event: LiveEvent, actor: Actor): boolean {
  if (event.orgId !== actor.orgId || event.type === "sessions.ended") return false;
  if (actor.type === "customer")
    return event.type !== "notification" && event.customerId === actor.customerId;
  if (actor.type !== "user") return false;
  return !event.userIds || event.userIds.includes(actor.userId);
}

/** Sockets one session may hold open (a few tabs and windows); more are refused. */
export const MAX_SOCKETS_PER_SESSION = 10;
/** Close codes the console reads: signed out, or too many sockets. */
const SESSION_ENDED = 4401;
const TOO_MANY = 4429;

/**
 * WebSocket at /api/live: every committed change is pushed to the browsers that may see it. A socket
 * lives as long as its session: signing out, a password change or disabling the user closes it, on
 * whichever server it is open.
 */
export async function registerLive(app: FastifyInstance, database: Database) {
  const sockets = new Map<WebSocket, { actor: Actor; sessionId: string | null; apiTokenId?: string }>();
  const unlisten = await database.listen(EVENTS_CHANNEL, (payload) => {
    const event = JSON.parse(payload) as LiveEvent;
    if (event.type === "sessions.ended") {
      const ended = new Set([...(event.sessionIds ?? []), ...(event.apiTokenIds ?? [])]);
      for (const [socket, { sessionId, apiTokenId }] of sockets)
        if (ended.has(sessionId ?? "") || ended.has(apiTokenId ?? ""))
          socket.close(SESSION_ENDED, "session ended");
      return;
    }
    // A notification goes only to its recipients (isFor), so its words may go with it.
    const message = JSON.stringify({
      type: event.type,
      ticketId: event.ticketId,
      kind: event.kind,
      params: event.params,
    });
    for (const [socket, { actor }] of sockets) if (isFor(event, actor)) socket.send(message);
  });
  app.addHook("onClose", async () => {
    for (const socket of sockets.keys()) socket.close(1001);
    await unlisten();
  });
  // Signed-in callers only (an upgrade without a session is refused 401 before it happens).
  app.get(
    "/api/live",
    { websocket: true, config: { access: { staff: true, portal: true } }, schema: { hide: true } },
    (socket, request) => {
      const actor = request.actor!;
      const sessionId = request.sessionId;
      if (
        sessionId &&
        [...sockets.values()].filter((s) => s.sessionId === sessionId).length >= MAX_SOCKETS_PER_SESSION
      ) {
        socket.close(TOO_MANY, "too many connections");
        return;
      }
      const apiTokenId = actor.type === "user" ? actor.apiTokenId : undefined;
      sockets.set(socket, { actor, sessionId, apiTokenId });
      socket.on("close", () => sockets.delete(socket));
    },
  );
}
