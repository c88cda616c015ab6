import type { WorkOrderStatus } from "../../../common/enums";
import { checklistPhaseOpen } from "../../../common/field-service";
import { WORK_ORDER_STATUS_LABELS } from "../../../common/labels";
import { type Actor, can } from "../../lib/context";
import { conflict } from "../../lib/errors";
import type { WorkOrder } from "./work-orders";

/** The states each step of a work order may start from (C066) — the one table the steps and the console read. */
export const WORK_ORDER_STEPS = {
  dispatch: ["pending"],
  /** Called off, or parts reserved for it, until the engineer is on site. */
  cancel: ["pending", "assigned", "accepted", "on_the_way"],
  planPart: ["pending", "assigned", "accepted", "on_the_way"],
  respond: ["assigned"],
  depart: ["accepted"],
  arrive: ["accepted", "on_the_way"],
  /** Before the engineer is there: he may warn the customer he is late, a dispatcher record a missed visit (C069). */
  notifyDelay: ["assigned", "accepted", "on_the_way"],
  recordNoShow: ["assigned", "accepted", "on_the_way"],
  /** On site: service record, parts used, photos, signature, completion. */
  onSite: ["on_site"],
  /** Cannot be fixed on site: the product is taken back (C075), later given back. */
  takeBack: ["on_site"],
  giveBack: ["in_workshop"],
  returnFromSite: ["completed"],
  /** The 售后服务记录 is written on site and may be finished after the return, until it is submitted. */
  report: ["on_site", "completed"],
  submitReport: ["completed"],
  /** Its kind's checklist (C081): each phase has its own window, see checklistPhaseOpen. */
  checklist: ["accepted", "on_the_way", "on_site", "completed"],
} as const satisfies Record<string, readonly WorkOrderStatus[]>;
export type WorkOrderStep = keyof typeof WORK_ORDER_STEPS;

const allows = (step: WorkOrderStep, status: WorkOrderStatus) =>
  (WORK_ORDER_STEPS[step] as readonly WorkOrderStatus[]).includes(status);

/** Back from the site, the report not yet with the supervisor (or sent back by them): C073. */
const reportOpen = (order: WorkOrder) =>
  order.status === "on_site" ||
  (Boolean(order.returnedAt) && order.reportStatus !== "submitted" && order.reportStatus !== "approved");

export const isEngineerOf = (actor: Actor, order: Pick<WorkOrder, "engineerId">) =>
  actor.type === "user" && order.engineerId === actor.userId;

/** What the actor may do to this work order now — sent with it so the console holds no rules. */
export function workOrderAbilities(actor: Actor, order: WorkOrder) {
  const dispatcher = can(actor, "workorder.dispatch");
  const engineer = isEngineerOf(actor, order);
  const serve = (step: WorkOrderStep) => engineer && allows(step, order.status);
  return {
    dispatch: dispatcher && allows("dispatch", order.status) && order.approvalStatus !== "pending",
    cancel: dispatcher && allows("cancel", order.status),
    planPart: (dispatcher || engineer) && Boolean(order.servicePointId) && allows("planPart", order.status),
    respond: serve("respond"),
    depart: serve("depart"),
    arrive: serve("arrive"),
    notifyDelay: serve("notifyDelay") && Boolean(order.appointmentAt),
    recordNoShow:
      dispatcher &&
      allows("recordNoShow", order.status) &&
      Boolean(order.appointmentAt && order.appointmentAt < new Date()),
    onSite: serve("onSite") && Boolean(order.servicePointId),
    takeBack: serve("takeBack"),
    returnFromSite: serve("returnFromSite") && !order.returnedAt,
    editReport: serve("report") && reportOpen(order),
    submitReport: serve("submitReport") && reportOpen(order) && Boolean(order.workDone),
    checkBefore: engineer && checklistPhaseOpen("before", order.status, reportOpen(order)),
    checkDuring: engineer && checklistPhaseOpen("during", order.status, reportOpen(order)),
    checkAfter: engineer && checklistPhaseOpen("after", order.status, reportOpen(order)),
    reviewReport: dispatcher && order.reportStatus === "submitted",
    settle: can(actor, "finance.confirm") && order.settlementStatus === "to_confirm",
    revealContact: engineer || can(actor, "customer.pii.view"),
  };
}

/** Refuses a step the work order's state (or a missing service point) does not allow now. */
export function requireAbility(
  actor: Actor,
  order: WorkOrder,
  ability: keyof ReturnType<typeof workOrderAbilities>,
) {
  if (!workOrderAbilities(actor, order)[ability])
    throw conflict("WORK_ORDER_CONFLICT", { status: WORK_ORDER_STATUS_LABELS[order.status] });
}
