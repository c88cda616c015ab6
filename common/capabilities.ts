// Permissions are named capabilities; a role is a set of them (SPEC M0).

export const CAPABILITIES = [
  "ticket.create",
  "ticket.view",
  "ticket.handle",
  "ticket.assign",
  "ticket.transfer",
  "ticket.close",
  "ticket.reopen",
  "customer.view",
  "customer.edit",
  "customer.pii.view",
  "customer.import",
  "customer.export",
  "customer.merge",
  "org.manage",
  "user.manage",
  "settings.manage",
  "audit.view",
  "outbox.view",
  "report.view",
  "finance.confirm",
  "stock.manage",
  "workorder.dispatch",
  "workorder.serve",
  "survey.callback",
  "survey.raw.view",
  "survey.manage",
  "qa.inspect",
  "qa.manage",
  "appraisal.manage",
  "sanction.approve",
  /** Records (M14): retention periods and custodians, legal holds, the archive and its purges. */
  "records.manage",
  /** Making API tokens for integrations (administrators by default); every token acts as its owner. */
  "apiToken.create",
  /** Webhooks (M13): where the organisation's events are sent, and their delivery log. */
  "webhook.manage",
  /** Automations: triggers, timed rules and the routing rules (C021) that act on tickets by themselves. */
  "automation.manage",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** How long an API token may live, in days: it always runs out (a forgotten integration stops by itself). */
export const API_TOKEN_DAYS = [30, 90, 180, 365] as const;

const AGENT: Capability[] = [
  "ticket.create",
  "ticket.view",
  "ticket.handle",
  "ticket.transfer",
  "ticket.close",
  "customer.view",
  "customer.edit",
];
const SUPERVISOR: Capability[] = [
  ...AGENT,
  "ticket.assign",
  "ticket.reopen",
  "customer.pii.view",
  "customer.import",
  "customer.export",
  "customer.merge",
  "outbox.view",
  "report.view",
  "qa.manage",
  "appraisal.manage",
];
const MANAGER: Capability[] = [
  ...SUPERVISOR,
  "settings.manage",
  "audit.view",
  "survey.raw.view",
  "survey.manage",
  "stock.manage",
  "workorder.dispatch",
  "sanction.approve",
];
const HANDLER: Capability[] = [
  "ticket.create",
  "ticket.view",
  "ticket.handle",
  "ticket.transfer",
  "customer.view",
];

/** The roles SPEC M0 seeds, with their capabilities and data scope. Editable after seeding. */
export const DEFAULT_ROLES: {
  key: string;
  name: string;
  scope: "own" | "department" | "all";
  capabilities: Capability[];
}[] = [
  { key: "agent", name: "客服代表", scope: "own", capabilities: AGENT },
  { key: "supervisor", name: "客服主管", scope: "all", capabilities: SUPERVISOR },
  { key: "manager", name: "客服经理", scope: "all", capabilities: MANAGER },
  {
    key: "dispatcher",
    name: "派工员",
    scope: "department",
    capabilities: [...HANDLER, "ticket.assign", "stock.manage", "workorder.dispatch"],
  },
  { key: "engineer", name: "工程师", scope: "own", capabilities: [...HANDLER, "workorder.serve"] },
  {
    key: "qa_inspector",
    name: "质检专员",
    scope: "all",
    capabilities: [
      "ticket.view",
      "customer.view",
      "audit.view",
      "survey.callback",
      "survey.raw.view",
      "survey.manage",
      "qa.inspect",
    ],
  },
  {
    key: "department_head",
    name: "部门负责人",
    scope: "department",
    capabilities: [...HANDLER, "ticket.assign", "ticket.close", "report.view"],
  },
  {
    key: "management_rep",
    name: "管理者代表",
    scope: "all",
    capabilities: [...HANDLER, "ticket.assign", "audit.view", "report.view"],
  },
  {
    // 档案管理员: keeps the records of the regulations (M14) — retention, holds, purges — in 管理部.
    key: "records_custodian",
    name: "档案管理员",
    scope: "all",
    capabilities: ["ticket.view", "customer.view", "audit.view", "records.manage"],
  },
  { key: "general_manager", name: "总经理", scope: "all", capabilities: [...MANAGER] },
  {
    key: "finance",
    name: "财务",
    // The tickets and customers whose compensation or settlement it handles, not the whole company's.
    scope: "own",
    capabilities: ["ticket.view", "customer.view", "finance.confirm"],
  },
  // Everything but the work given to people: an administrator is not an engineer on the dispatch
  // board, a callback agent of the QA desk nor an inspector.
  {
    key: "admin",
    name: "系统管理员",
    scope: "all",
    capabilities: CAPABILITIES.filter(
      (c) => c !== "workorder.serve" && c !== "survey.callback" && c !== "qa.inspect",
    ),
  },
];
