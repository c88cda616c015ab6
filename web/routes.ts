import type { ComponentType, LazyExoticComponent } from "react";
import { lazy } from "react";

export type ConsoleRoute = {
  path: string;
  /** i18n key of the menu entry; routes without one are reached by links. */
  menu?: string;
  /** The menu section it sits in (menuGroup.*), in the order the sections first appear. */
  group?: "desk" | "complaints" | "fieldService" | "quality" | "customers" | "system";
  /** Any one of these capabilities opens the page. */
  access?: string[];
  page: LazyExoticComponent<ComponentType>;
};

/** The one table of console pages: path, menu key, access flag, lazily loaded page. */
export const CONSOLE_ROUTES: ConsoleRoute[] = [
  { path: "/", menu: "menu.workbench", group: "desk", page: lazy(() => import("./pages/workbench")) },
  {
    path: "/tickets",
    menu: "menu.tickets",
    group: "desk",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/tickets/list")),
  },
  {
    path: "/tickets/new",
    menu: "menu.newTicket",
    group: "desk",
    access: ["ticket.create"],
    page: lazy(() => import("./pages/tickets/create")),
  },
  { path: "/tickets/:id", access: ["ticket.view"], page: lazy(() => import("./pages/tickets/detail")) },
  {
    path: "/team",
    menu: "menu.team",
    group: "desk",
    access: ["ticket.assign"],
    page: lazy(() => import("./pages/team")),
  },
  {
    path: "/overdue",
    menu: "menu.overdue",
    group: "desk",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/overdue")),
  },
  {
    path: "/approvals",
    menu: "menu.approvals",
    group: "desk",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/approvals")),
  },
  {
    path: "/compensations",
    menu: "menu.compensations",
    group: "complaints",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/compensations")),
  },
  {
    path: "/my-work-orders",
    menu: "menu.myWorkOrders",
    group: "fieldService",
    access: ["workorder.serve"],
    page: lazy(() => import("./pages/work-orders/mine")),
  },
  {
    path: "/dispatch",
    menu: "menu.dispatch",
    group: "fieldService",
    access: ["workorder.dispatch"],
    page: lazy(() => import("./pages/dispatch")),
  },
  {
    path: "/work-orders/:id",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/work-orders/detail")),
  },
  {
    path: "/forms/:kind/:id",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/forms")),
  },
  {
    path: "/service-reports",
    menu: "menu.serviceReports",
    group: "fieldService",
    access: ["workorder.dispatch"],
    page: lazy(() => import("./pages/work-orders/reports")),
  },
  {
    path: "/settlements",
    menu: "menu.settlements",
    group: "fieldService",
    access: ["finance.confirm", "workorder.dispatch"],
    page: lazy(() => import("./pages/settlements")),
  },
  {
    path: "/field-service-report",
    menu: "menu.fieldServiceReport",
    group: "fieldService",
    access: ["report.view"],
    page: lazy(() => import("./pages/field-service-report")),
  },
  {
    path: "/recalls",
    menu: "menu.recalls",
    group: "fieldService",
    access: ["workorder.dispatch"],
    page: lazy(() => import("./pages/recalls")),
  },
  {
    path: "/recalls/:id",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/recalls/detail")),
  },
  {
    path: "/tools",
    menu: "menu.tools",
    group: "fieldService",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/tools")),
  },
  {
    path: "/repair-returns",
    menu: "menu.repairReturns",
    group: "fieldService",
    access: ["workorder.dispatch"],
    page: lazy(() => import("./pages/repair-returns")),
  },
  {
    path: "/agreements",
    menu: "menu.agreements",
    group: "fieldService",
    access: ["customer.view"],
    page: lazy(() => import("./pages/agreements")),
  },
  {
    path: "/agreements/:id",
    access: ["customer.view"],
    page: lazy(() => import("./pages/agreements/detail")),
  },
  {
    path: "/dashboard",
    menu: "menu.dashboard",
    group: "desk",
    access: ["report.view"],
    page: lazy(() => import("./pages/dashboard")),
  },
  {
    path: "/reports",
    menu: "menu.trends",
    group: "desk",
    access: ["report.view"],
    page: lazy(() => import("./pages/reports")),
  },
  {
    path: "/callbacks",
    menu: "menu.callbacks",
    group: "desk",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/callbacks")),
  },
  {
    path: "/stock",
    menu: "menu.stock",
    group: "fieldService",
    access: ["ticket.view"],
    page: lazy(() => import("./pages/stock")),
  },
  {
    path: "/complaint-analysis",
    menu: "menu.complaintAnalysis",
    group: "complaints",
    access: ["report.view"],
    page: lazy(() => import("./pages/complaint-analysis")),
  },
  {
    path: "/satisfaction",
    menu: "menu.satisfaction",
    group: "quality",
    access: ["report.view"],
    page: lazy(() => import("./pages/satisfaction")),
  },
  {
    path: "/satisfaction-analysis",
    menu: "menu.satisfactionAnalysis",
    group: "quality",
    access: ["survey.raw.view"],
    page: lazy(() => import("./pages/satisfaction-analysis")),
  },
  {
    path: "/surveys",
    menu: "menu.surveys",
    group: "quality",
    access: ["survey.manage"],
    page: lazy(() => import("./pages/surveys")),
  },
  // The department head who approves a plan (C104) opens it from the notification.
  { path: "/surveys/campaigns/:id", page: lazy(() => import("./pages/surveys/campaign")) },
  {
    path: "/survey-responses",
    menu: "menu.surveyResponses",
    group: "quality",
    access: ["survey.raw.view"],
    page: lazy(() => import("./pages/survey-responses")),
  },
  {
    path: "/kpi-scorecard",
    menu: "menu.kpiScorecard",
    group: "quality",
    access: ["report.view"],
    page: lazy(() => import("./pages/kpi-scorecard")),
  },
  {
    path: "/appraisals",
    menu: "menu.appraisals",
    group: "quality",
    page: lazy(() => import("./pages/appraisals")),
  },
  {
    path: "/appraisals/:id",
    access: ["appraisal.manage"],
    page: lazy(() => import("./pages/appraisals/detail")),
  },
  {
    path: "/sanctions",
    menu: "menu.sanctions",
    group: "quality",
    page: lazy(() => import("./pages/sanctions")),
  },
  { path: "/quality", menu: "menu.quality", group: "quality", page: lazy(() => import("./pages/quality")) },
  { path: "/quality/:id", page: lazy(() => import("./pages/quality/inspection")) },
  {
    path: "/customers",
    menu: "menu.customers",
    group: "customers",
    access: ["customer.view"],
    page: lazy(() => import("./pages/customers/list")),
  },
  { path: "/customers/:id", access: ["customer.view"], page: lazy(() => import("./pages/customers/detail")) },
  {
    path: "/settings",
    menu: "menu.settings",
    group: "system",
    access: ["settings.manage", "user.manage", "org.manage"],
    page: lazy(() => import("./pages/settings")),
  },
  {
    path: "/records",
    menu: "menu.records",
    group: "system",
    access: ["records.manage"],
    page: lazy(() => import("./pages/records")),
  },
  {
    path: "/automations",
    menu: "menu.automations",
    group: "system",
    access: ["automation.manage"],
    page: lazy(() => import("./pages/automations")),
  },
  {
    path: "/webhooks",
    menu: "menu.webhooks",
    group: "system",
    access: ["webhook.manage"],
    page: lazy(() => import("./pages/webhooks")),
  },
  {
    path: "/audit",
    menu: "menu.audit",
    group: "system",
    access: ["audit.view"],
    page: lazy(() => import("./pages/audit")),
  },
  {
    path: "/outbox",
    menu: "menu.outbox",
    group: "system",
    access: ["outbox.view"],
    page: lazy(() => import("./pages/outbox")),
  },
];

export const PORTAL_ROUTES = [
  { path: "/portal", page: lazy(() => import("./pages/portal/home")) },
  { path: "/portal/new", page: lazy(() => import("./pages/portal/new-request")) },
  { path: "/portal/tickets/:id", page: lazy(() => import("./pages/portal/ticket")) },
];
