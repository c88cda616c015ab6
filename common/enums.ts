// Domain vocabularies shared by server and console. Labels live in the console's locales.

export const TICKET_TYPES = [
  "inquiry",
  "complaint",
  "suggestion",
  "repair",
  "return",
  "praise",
  "other",
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Number prefixes per type (seed 000 第八条: 编号 = 类别 + 年度月份 + 流水号). */
export const TICKET_PREFIX: Record<TicketType, string> = {
  inquiry: "ZX",
  complaint: "KS",
  suggestion: "JY",
  repair: "BX",
  return: "TH",
  praise: "BY",
  other: "QT",
};

export const CHANNELS = [
  "phone",
  "email",
  "chat",
  "portal",
  "walk_in",
  "letter",
  "engineer_report",
  "internal",
] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels an agent logs by hand; email and chat arrive through their own integrations. */
export const STAFF_INTAKE_CHANNELS = ["phone", "walk_in", "letter", "engineer_report", "internal"] as const;

export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = [
  "new",
  "accepted",
  "in_progress",
  "waiting_customer",
  "on_hold",
  "resolved",
  "callback_done",
  "closed",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** What can be done to a ticket's status (the rules of each: server/modules/tickets/lifecycle.ts). */
export const TICKET_ACTIONS = [
  "accept",
  "start",
  "wait_customer",
  "hold",
  "resume",
  "resolve",
  "record_callback",
  "close",
  "reopen",
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const OPEN_STATUSES: readonly TicketStatus[] = [
  "new",
  "accepted",
  "in_progress",
  "waiting_customer",
  "on_hold",
];

export const CUSTOMER_KINDS = ["enterprise", "individual"] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CUSTOMER_GRADES = ["key", "normal", "potential"] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];

/**
 * What a customer may agree to (C153): being contacted about their service, satisfaction surveys,
 * marketing (product news, offers). Without a record the first two follow from the service itself and
 * stand until withdrawn; marketing needs the customer's yes (未经授权不得用于其他用途).
 */
export const CONSENT_PURPOSES = ["service_contact", "survey", "marketing"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_DEFAULTS: Record<ConsentPurpose, boolean> = {
  service_contact: true,
  survey: true,
  marketing: false,
};
/** How the customer said it. */
export const CONSENT_SOURCES = ["phone", "in_person", "paper", "email", "wechat", "portal"] as const;

/**
 * Records kept under a retention policy (M14, C151): each type has a custodian department and a
 * period, counted from when the record was finished (a ticket closed, a survey answered, a callback
 * made, an inspection scored). What cannot exist without the record (a ticket's timeline, work orders,
 * complaint) is kept and purged with it.
 */
export const RECORD_TYPES = ["ticket", "survey_response", "customer_callback", "qa_inspection"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
/** Service records are kept at least 3 years (seed 002 §6, C151); an organisation may keep them longer. */
export const MIN_RETENTION_YEARS = 3;
export const MAX_RETENTION_YEARS = 30;
/** A record is purged no sooner than this after it was archived: the archive shows what is coming, and a hold can still be placed. */
export const PURGE_GRACE_DAYS = 30;

/**
 * The company's standard forms (C154): each printed or saved as PDF with its form number, version and
 * the 制表/审查/核准 boxes the organisation chose; the signed paper original can be scanned and attached.
 */
export const FORM_KINDS = ["service_report", "return_receipt", "complaint_record", "callback_form"] as const;
export type FormKind = (typeof FORM_KINDS)[number];
/** 制表 (prepared), 审查 (reviewed), 核准 (approved): the signature boxes at a form's foot. */
export const FORM_BOXES = ["prepared", "reviewed", "approved"] as const;
export type FormBox = (typeof FORM_BOXES)[number];

/** A customer's request about their personal data (PIPL): put right, or erased. */
export const DATA_REQUEST_KINDS = ["correction", "deletion"] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_STATUSES = ["open", "done", "refused"] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

export const DATA_SCOPES = ["own", "department", "all"] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const LOCALES = ["zh-CN", "en-US", "zh-TW"] as const;
export type Locale = (typeof LOCALES)[number];

export const TICKET_QUEUES = [
  "mine",
  "first_responsibility",
  "department",
  "unassigned",
  "green_channel",
  "at_risk",
  "overdue",
  "all",
] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];
/** The queues the workbench counts: all but "all". */
export const COUNTED_QUEUES = TICKET_QUEUES.filter((q): q is Exclude<TicketQueue, "all"> => q !== "all");

/**
 * The clocks of a service-time policy (SPEC M3) and the event that stops each:
 * first response — handling starts (accepted, started or a reply; seed 004 第一章 3);
 * solution — a plan goes to the customer (waiting for their feedback) or the ticket is resolved;
 * on-site — an engineer checks in on site (or resolved); resolution — resolved; callback — starts when resolved, stops when the callback is recorded.
 */
export const SLA_METRICS = ["first_response", "solution", "resolution", "on_site", "callback"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const SLA_UNITS = ["minutes", "hours", "working_days"] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

/** 客诉 (SPEC M4): cause class (C048), category (C049), severity (C051). */
export const COMPLAINT_CLASSES = ["quality", "human", "other"] as const;
export type ComplaintClass = (typeof COMPLAINT_CLASSES)[number];
export const COMPLAINT_SEVERITIES = ["minor", "normal", "major"] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
/**
 * The steps of a complaint (SPEC M4, seed 000 第七条): register → confirm facts → responsibility and
 * handling → root cause → corrective → preventive → countersign by the departments involved (C056) →
 * approval → execution → effect verification →
 * close or standardise → tell the customer.
 */
export const COMPLAINT_STEPS = [
  "register",
  "confirm",
  "responsibility",
  "root_cause",
  "corrective",
  "preventive",
  "countersign",
  "approval",
  "execution",
  "verification",
  "close",
  "feedback",
] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
/** An RMA moves forward through these, one at a time (C059). */
export const RMA_STATUSES = ["awaiting_goods", "received", "inspected", "shipped", "closed"] as const;
export type RmaStatus = (typeof RMA_STATUSES)[number];
export const COMPENSATION_KINDS = [
  "refund",
  "replacement",
  "return",
  "repair",
  "coupon",
  "discount",
  "cash",
] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];
/** Compensations finance pays out (C058); the others are goods, work or vouchers. */
export const PAYABLE_KINDS: readonly CompensationKind[] = ["refund", "cash"];
/** An approved refund or cash compensation still to be paid. */
export const isPayable = (c: { kind: CompensationKind; status: string }) =>
  c.status === "approved" && PAYABLE_KINDS.includes(c.kind);
/** Root-cause categories for the Pareto of causes (人机料法环测, 5M1E). */
export const CAUSE_CATEGORIES = [
  "man",
  "machine",
  "material",
  "method",
  "environment",
  "measurement",
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

/** 派工单 kinds (C081), each an engineer skill of its own. */
export const WORK_ORDER_KINDS = [
  "install",
  "repair",
  "maintenance",
  "inspection",
  "training",
  "support",
] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];
/**
 * A work order's way (C066): 待派工 → 已派工 → 已接单 → 已出发 (外出工地登记) → 服务中 (arrived) → 已完工
 * (the customer signed). A declined one goes back to 待派工; a cancelled one stops. A product that
 * cannot be fixed on site is taken back: 返修中 until it is given back, then 服务中 again (C075).
 */
export const WORK_ORDER_STATUSES = [
  "pending",
  "assigned",
  "accepted",
  "on_the_way",
  "on_site",
  "in_workshop",
  "completed",
  "cancelled",
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
/**
 * 预约 → 受理 → 派工 → 服务 → 客户确认 → 结算 → 评价 → 归档 (C066): the stages a work order goes
 * through, each reached at a time by someone.
 */
export const WORK_ORDER_STAGES = [
  "received",
  "dispatched",
  "accepted",
  "arrived",
  "confirmed",
  "completed",
  "settled",
  "evaluated",
  "archived",
] as const;
export type WorkOrderStage = (typeof WORK_ORDER_STAGES)[number];
/** Work the engineer still has in hand: counted as their load. */
export const ACTIVE_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = [
  "assigned",
  "accepted",
  "on_the_way",
  "on_site",
  "in_workshop",
];
/** How a ticket was resolved (C065): by phone or remotely, or on site (a work order was completed). */
export const RESOLUTION_MODES = ["remote", "on_site"] as const;
export type ResolutionMode = (typeof RESOLUTION_MODES)[number];
/** 安装前/安装中/安装后 (C081): when a checklist item is done — before the visit, on site, afterwards. */
export const CHECKLIST_PHASES = ["before", "during", "after"] as const;
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];
/** An appointment kept on time, kept late, or missed (C069). */
export const ARRIVAL_OUTCOMES = ["on_time", "late", "no_show"] as const;
export type ArrivalOutcome = (typeof ARRIVAL_OUTCOMES)[number];
/** A callback (回访) to be made, made, or tried without reaching anybody. */
export const CALLBACK_TASK_STATUSES = ["open", "done", "unreachable"] as const;
/** 客户回访名单 (C089–C092): the month's sample, dormant customers, warranties ending, delivered projects. */
export const CUSTOMER_CALLBACK_LISTS = ["monthly_sample", "dormant", "warranty_due", "project"] as const;
export type CustomerCallbackList = (typeof CUSTOMER_CALLBACK_LISTS)[number];
export type CallbackTaskStatus = (typeof CALLBACK_TASK_STATUSES)[number];
/** 客户产品返修 (C075): taken back with a signed receipt, repaired, given back with the receipt. */
export const REPAIR_RETURN_STATUSES = ["received", "repaired", "returned"] as const;
export type RepairReturnStatus = (typeof REPAIR_RETURN_STATUSES)[number];
export const SETTLEMENT_STATUSES = ["none", "to_confirm", "confirmed"] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** 满意度调查 question kinds (SPEC M6): a 5-point scale, one choice, several choices, free text. */
export const SURVEY_QUESTION_KINDS = ["scale", "single", "multiple", "text"] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];
/**
 * How an answer came in (SPEC M6): the customer's link, entered by staff from a call, a visit or paper,
 * or imported from a survey agency's or the customer's own results (C108).
 */
export const SURVEY_CHANNELS = ["link", "phone", "on_site", "sales_visit", "paper", "import"] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];
/** The ways staff enter a customer's answers (C101). */
export const STAFF_CHANNELS = ["phone", "on_site", "sales_visit", "paper"] as const;
/** What sent a survey. */
export const SURVEY_TRIGGERS = [
  "ticket_resolved",
  "work_order_completed",
  "callback",
  "campaign",
  "manual",
] as const;
export type SurveyTrigger = (typeof SURVEY_TRIGGERS)[number];

/** Who a survey asks (C107): customers, or employees, suppliers and partners. */
export const RESPONDENT_KINDS = ["customer", "employee", "supplier", "partner"] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];
/** 调查计划 (C104): planned, put to the department manager, approved (then launched on its dates) or not. */
export const CAMPAIGN_STATUSES = ["draft", "pending", "approved", "rejected", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** How often a campaign runs again (C102): once, every quarter, half-year or year. */
export const CAMPAIGN_CADENCES = ["once", "quarterly", "half_yearly", "yearly"] as const;
export type CampaignCadence = (typeof CAMPAIGN_CADENCES)[number];

/** What a quality inspection (质检, SPEC M7) looks at: a closed ticket, a completed work order, a closed complaint. */
export const QA_SUBJECTS = ["ticket", "work_order", "complaint"] as const;
export type QaSubject = (typeof QA_SUBJECTS)[number];
/** How an inspection was made (C111): 现场观察, 表单核对, 客户暗访 (a mystery customer). */
export const QA_METHODS = ["observation", "form_check", "mystery"] as const;
export type QaMethod = (typeof QA_METHODS)[number];
/** How often an inspection plan draws (C109): 服务检查每周, 主管每月抽查, 人力资源部每季度. */
export const QA_CADENCES = ["week", "month", "quarter"] as const;
export type QaCadence = (typeof QA_CADENCES)[number];
/** To be scored; scored (the agent may appeal once); appealed; final (appeal decided or not made). */
export const QA_INSPECTION_STATUSES = ["open", "scored", "appealed", "final"] as const;
export type QaInspectionStatus = (typeof QA_INSPECTION_STATUSES)[number];
/**
 * 整改 (C112): to do; done and waiting for the re-check; passed; failed the re-check → re-training first;
 * withdrawn when an appeal found the work up to the mark.
 */
export const RECTIFICATION_STATUSES = ["open", "submitted", "passed", "retraining", "withdrawn"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** 奖励 (C119): 表彰, 奖金, 晋升, 加薪, 荣誉证书, 服务之星. */
export const REWARD_TYPES = [
  "commendation",
  "bonus",
  "promotion",
  "raise",
  "certificate",
  "service_star",
] as const;
/** 处罚 (C119, C122): 批评, 警告, 扣款, 降级, 调岗, 解除合同, 泄露客户信息. */
export const PENALTY_TYPES = [
  "criticism",
  "warning",
  "deduction",
  "demotion",
  "transfer",
  "termination",
  "data_leak",
] as const;
export type SanctionType = (typeof REWARD_TYPES)[number] | (typeof PENALTY_TYPES)[number];
/** Proposed by a supervisor, approved or rejected by management, then published (C119). */
export const SANCTION_STATUSES = ["proposed", "approved", "rejected", "published"] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];
/** Who proposed it: a person, or a rule of seed 004 第七章 (C120, C121). */
export const SANCTION_SOURCES = [
  "manual",
  "late_responses",
  "satisfaction",
  "major_complaint",
  "service_star",
] as const;
export type SanctionSource = (typeof SANCTION_SOURCES)[number];
