import type { Capability } from "../../../common/capabilities";
import type { TicketAction, TicketStatus } from "../../../common/enums";

// The lifecycle of SPEC M2: 新建 → 已受理 → 处理中 → 待客户反馈 → 已解决 → 已回访 → 已关闭,
// with 挂起 and 重开. Each action lists the states it may start from.
export const TRANSITIONS = {
  accept: { from: ["new"], to: "accepted", capability: "ticket.handle" },
  start: { from: ["new", "accepted"], to: "in_progress", capability: "ticket.handle" },
  wait_customer: { from: ["accepted", "in_progress"], to: "waiting_customer", capability: "ticket.handle" },
  hold: {
    from: ["new", "accepted", "in_progress", "waiting_customer"],
    to: "on_hold",
    capability: "ticket.handle",
  },
  resume: { from: ["waiting_customer", "on_hold"], to: "in_progress", capability: "ticket.handle" },
  resolve: {
    from: ["accepted", "in_progress", "waiting_customer", "on_hold"],
    to: "resolved",
    capability: "ticket.handle",
  },
  record_callback: { from: ["resolved"], to: "callback_done", capability: "ticket.handle" },
  close: { from: ["callback_done"], to: "closed", capability: "ticket.close" },
  reopen: { from: ["resolved", "callback_done", "closed"], to: "in_progress", capability: "ticket.reopen" },
} as const satisfies Record<TicketAction, { from: TicketStatus[]; to: TicketStatus; capability: Capability }>;

export const canStartFrom = (action: TicketAction, status: string) =>
  (TRANSITIONS[action].from as readonly string[]).includes(status);
