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
        // The session ended (signed out elsewhere, password changed): the sign-in screen, not retries.
        if (event.code === 4401) void queryClient.invalidateQueries({ queryKey: ["me"] });
        // Too many windows open in this session: this one goes without live updates.
        else if (event.code !== 4429) retry = setTimeout(connect, 2000);
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
