import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { alertFor } from "./alerts";

/**
 * Keeps the open screens current: every change another person commits arrives over /api/live and
 * refreshes the queries that show it. Reconnects after a drop.
 */
export function useLiveUpdates(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const connect = () => {
      const protocol = location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(`${protocol}://${location.host}/api/live`);
      socket.onmessage = (message) => {
        const event = JSON.parse(message.data as string) as {
          type: string;
          ticketId?: string;
          kind?: string;
          params?: Record<string, string>;
        };
        if (event.type === "notification") {
          void queryClient.invalidateQueries({ queryKey: ["notifications"] });
          alertFor(event.kind, event.params, event.ticketId);
          return;
        }
        void queryClient.invalidateQueries({ queryKey: ["tickets"] });
        void queryClient.invalidateQueries({ queryKey: ["work-orders"] });
        if (event.ticketId) void queryClient.invalidateQueries({ queryKey: ["ticket", event.ticketId] });
      };
      socket.onclose = (event) => {
        if (closed) return;
        // Too many windows open in this session: this one goes without live updates.
        if (event.code === 4429) return;
        // Whether the session is still there: it ended (4401: signed out elsewhere, password changed),
        // or a socket without one was refused (401 at the upgrade, a dropped connection to the browser).
        void queryClient.invalidateQueries({ queryKey: ["me"] });
        if (event.code !== 4401) retry = setTimeout(connect, 2000);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [enabled, queryClient]);
}
