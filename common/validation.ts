import type { Locale } from "./enums";

// What is wrong with a field, said in the user's language with the field's name: "电话：应为电话号码
// （如 13800138000）", never "/newCustomer/phone phone". The server describes every rejected input
// this way; the console's own field rules say the same things before anything is sent.

/** A text in each of the console's languages; the server sends the caller's. */
export type Translated = Record<Locale, string>;
export const translated = (zhCN: string, enUS: string, zhTW: string): Translated => ({
  "zh-CN": zhCN,
  "en-US": enUS,
  "zh-TW": zhTW,
});
const M = translated;

/** A phone number as people write them: digits, spaces and dashes, an optional leading +. */
export const PHONE_PATTERN = /^[+\d][\d\s-]{4,19}$/;

export const FIELD_PROBLEMS = {
  required: M("必填", "is required", "必填"),
  too_short: M("至少 {limit} 个字", "needs at least {limit} characters", "至少 {limit} 個字"),
  too_long: M("最多 {limit} 个字", "allows at most {limit} characters", "最多 {limit} 個字"),
  too_few: M("至少选 {limit} 项", "needs at least {limit} items", "至少選 {limit} 項"),
  too_many: M("最多 {limit} 项", "allows at most {limit} items", "最多 {limit} 項"),
  too_small: M("不能小于 {limit}", "must be at least {limit}", "不能小於 {limit}"),
  too_big: M("不能大于 {limit}", "must be at most {limit}", "不能大於 {limit}"),
  whole: M("应为整数", "must be a whole number", "應為整數"),
  number: M("应为数字", "must be a number", "應為數字"),
  phone: M(
    "应为电话号码（如 13800138000）",
    "must be a phone number (e.g. 13800138000)",
    "應為電話號碼（如 13800138000）",
  ),
  email: M(
    "应为邮箱地址（如 name@example.com）",
    "must be an email address (e.g. name@example.com)",
    "應為電子郵件地址（如 name@example.com）",
  ),
  date: M("应为有效的日期", "must be a valid date", "應為有效的日期"),
  choice: M("不是可选的值", "is not one of the choices", "不是可選的值"),
  reference: M("所选的记录不存在", "refers to nothing that exists", "所選的記錄不存在"),
  before_start: M("不能早于开始日期", "cannot be before the start", "不能早於開始日期"),
  future: M("不能是将来的日期", "cannot be in the future", "不能是將來的日期"),
  past: M("不能是已经过去的时间", "cannot be in the past", "不能是已經過去的時間"),
  same_person: M("不能是本人", "cannot be the same person", "不能是本人"),
  unknown: M("不是可接受的字段", "is not an accepted field", "不是可接受的欄位"),
  duplicate: M("已存在，不能重复", "already exists", "已存在，不能重複"),
  same_place: M("不能与调出方相同", "cannot be the same as the source", "不能與調出方相同"),
  next_step: M("只能进入下一步", "can only move to the next step", "只能進入下一步"),
  control: M("不能包含控制字符", "cannot contain control characters", "不能包含控制字元"),
  encoding: M("包含无法识别的字符", "contains characters that are not valid text", "包含無法識別的字元"),
  internal_address: M(
    "指向内部网络地址，不允许（运维人员可用 KEFU_WEBHOOK_ALLOW_HOSTS 放行）",
    "points into the internal network, which is not allowed (an operator can allow it with KEFU_WEBHOOK_ALLOW_HOSTS)",
    "指向內部網路位址，不允許（維運人員可用 KEFU_WEBHOOK_ALLOW_HOSTS 放行）",
  ),
  unresolvable: M("无法解析该域名", "has a host name that cannot be resolved", "無法解析該網域名稱"),
  invalid: M("格式不正确", "is not valid", "格式不正確"),
} as const;
export type FieldProblem = keyof typeof FIELD_PROBLEMS;
const PROBLEMS = FIELD_PROBLEMS;

/** One rejected field: where it is in the input (a JSON pointer), what is wrong, and the limit broken. */
export type FieldIssue = { path: string; problem: FieldProblem; limit?: number };

/** The names of the fields people fill in, by their key in the API's input. */
const FIELD_LABELS: Record<string, Record<Locale, string>> = {
  name: M("名称", "name", "名稱"),
  url: M("地址（URL）", "URL", "位址（URL）"),
  events: M("事件", "events", "事件"),
  event: M("触发事件", "event", "觸發事件"),
  afterHours: M("等待工作小时数", "working hours", "等待工作小時數"),
  conditions: M("条件", "conditions", "條件"),
  actions: M("动作", "actions", "動作"),
  route: M("分派", "routing", "分派"),
  userIds: M("通知人员", "people to notify", "通知人員"),
  recipients: M("通知对象", "recipients", "通知對象"),
  departmentIds: M("部门", "departments", "部門"),
  regions: M("地区", "regions", "地區"),
  textContains: M("内容包含", "text contains", "內容包含"),
  productContains: M("产品包含", "product contains", "產品包含"),
  standardAnswerId: M("标准答复", "standard answer", "標準答覆"),
  webhookEndpointId: M("Webhook", "webhook", "Webhook"),
  displayName: M("姓名", "name", "姓名"),
  username: M("用户名", "user name", "使用者名稱"),
  password: M("密码", "password", "密碼"),
  newPassword: M("新密码", "new password", "新密碼"),
  phone: M("电话", "phone", "電話"),
  mobile: M("手机号", "mobile", "手機號"),
  email: M("邮箱", "email", "電子郵件"),
  wechat: M("微信", "WeChat", "微信"),
  fax: M("传真", "fax", "傳真"),
  address: M("地址", "address", "地址"),
  region: M("地区", "region", "地區"),
  industry: M("行业", "industry", "行業"),
  nature: M("企业性质", "ownership", "企業性質"),
  kind: M("类别", "kind", "類別"),
  grade: M("客户等级", "grade", "客戶等級"),
  tags: M("标签", "tags", "標籤"),
  tag: M("标签", "tag", "標籤"),
  addTags: M("添加标签", "tags to add", "新增標籤"),
  roleKeys: M("通知角色", "roles to notify", "通知角色"),
  notes: M("备注", "notes", "備註"),
  note: M("说明", "note", "說明"),
  preferences: M("偏好", "preferences", "偏好"),
  mainProducts: M("主要产品", "main products", "主要產品"),
  source: M("来源", "source", "來源"),
  annualPurchaseFen: M("年采购额", "annual purchases", "年採購額"),
  newCustomer: M("新客户", "new customer", "新客戶"),
  customer: M("客户", "customer", "客戶"),
  customerId: M("客户", "customer", "客戶"),
  contact: M("联系人", "contact", "聯絡人"),
  contactId: M("联系人", "contact", "聯絡人"),
  contactName: M("联系人", "contact", "聯絡人"),
  title: M("标题", "title", "標題"),
  description: M("问题描述", "description", "問題描述"),
  type: M("类型", "type", "類型"),
  priority: M("优先级", "priority", "優先級"),
  channel: M("渠道", "channel", "渠道"),
  identityVerifiedBy: M("身份核实方式", "identity check", "身分核實方式"),
  receivedAt: M("来电时间", "received at", "來電時間"),
  assigneeId: M("处理人", "handler", "處理人"),
  departmentId: M("部门", "department", "部門"),
  reason: M("原因", "reason", "原因"),
  text: M("内容", "text", "內容"),
  body: M("内容", "text", "內容"),
  request: M("协办事项", "request", "協辦事項"),
  answer: M("答复", "answer", "答覆"),
  dueAt: M("期限", "due", "期限"),
  dueOn: M("期限", "due", "期限"),
  promisedAt: M("承诺时间", "promised time", "承諾時間"),
  repairRequest: M("报修信息", "repair request", "報修資訊"),
  product: M("产品", "product", "產品"),
  model: M("型号", "model", "型號"),
  serialNo: M("序列号", "serial number", "序號"),
  fault: M("故障描述", "fault", "故障描述"),
  siteAddress: M("上门地址", "site address", "到府地址"),
  preferredAt: M("期望上门时间", "preferred time", "期望到府時間"),
  appointmentAt: M("预约时间", "appointment", "預約時間"),
  engineerId: M("工程师", "engineer", "工程師"),
  estimateFen: M("预估费用", "estimate", "預估費用"),
  chargeableReason: M("收费说明", "charging reason", "收費說明"),
  purchaseId: M("购买记录", "purchase", "購買記錄"),
  deliveredOn: M("交付日期", "delivered on", "交付日期"),
  warrantyMonths: M("保修月数", "warranty months", "保固月數"),
  partId: M("备件", "part", "備件"),
  quantity: M("数量", "quantity", "數量"),
  priceFen: M("单价", "price", "單價"),
  amountFen: M("金额", "amount", "金額"),
  signerName: M("签字人", "signed by", "簽字人"),
  noSignatureReason: M("未签字原因", "why unsigned", "未簽字原因"),
  workDone: M("处理情况", "work done", "處理情況"),
  diagnosis: M("故障诊断", "diagnosis", "故障診斷"),
  startsOn: M("开始日期", "start", "開始日期"),
  endsOn: M("结束日期", "end", "結束日期"),
  paidOn: M("支付日期", "paid on", "支付日期"),
  contractNo: M("合同号", "contract number", "合約號"),
  agentId: M("被检查人", "person inspected", "被檢查人"),
  scorecardId: M("评分表", "scorecard", "評分表"),
  scores: M("评分", "scores", "評分"),
  findings: M("发现的问题", "findings", "發現的問題"),
  requirement: M("整改要求", "requirement", "整改要求"),
  response: M("整改情况", "response", "整改情況"),
  answers: M("答卷", "answers", "答卷"),
  satisfied: M("是否满意", "satisfied", "是否滿意"),
  comment: M("意见", "comment", "意見"),
  roleIds: M("角色", "roles", "角色"),
  categoryId: M("投诉类别", "category", "投訴類別"),
  causeCategory: M("原因类别", "cause", "原因類別"),
  coordinatorId: M("协调人", "coordinator", "協調人"),
  respondedAt: M("答复时间", "answered at", "答覆時間"),
  approverRole: M("审批角色", "approver", "審批角色"),
  toServicePointId: M("调入网点", "to service point", "調入網點"),
  dueBackOn: M("归还期限", "due back", "歸還期限"),
  countersignDepartmentIds: M("会签部门", "countersigning departments", "會簽部門"),
  file: M("文件", "file", "檔案"),
  ids: M("所选工单", "selected tickets", "所選工單"),
  deputyId: M("代理人", "deputy", "代理人"),
  from: M("开始时间", "from", "開始時間"),
  until: M("结束时间", "until", "結束時間"),
  phrase: M("服务忌语", "phrase", "服務忌語"),
  status: M("状态", "status", "狀態"),
  inspection: M("检验结果", "inspection", "檢驗結果"),
  questions: M("题目", "questions", "題目"),
  needed: M("是否需要", "needed", "是否需要"),
  index: M("检查项", "checklist item", "檢查項"),
  isDisabled: M("停用", "disabled", "停用"),
  isGreenChannel: M("绿色通道", "green channel", "綠色通道"),
  isVip: M("VIP", "VIP", "VIP"),
  dataScope: M("数据范围", "data scope", "資料範圍"),
  capabilities: M("权限", "permissions", "權限"),
  count: M("数量", "count", "數量"),
  total: M("得分", "total", "得分"),
  passed: M("合格", "passed", "合格"),
  method: M("方式", "method", "方式"),
  decision: M("决定", "decision", "決定"),
  severity: M("严重程度", "severity", "嚴重程度"),
  period: M("期间", "period", "期間"),
  month: M("月份", "month", "月份"),
  userId: M("用户", "user", "使用者"),
  ownerId: M("负责人", "owner", "負責人"),
  ownerUserId: M("客户经理", "account owner", "客戶經理"),
  servicePointId: M("服务网点", "service point", "服務網點"),
  resolution: M("处理结果", "resolution", "處理結果"),
  ip: M("IP", "IP", "IP"),
  code: M("代码", "code", "代碼"),
  at: M("时间", "time", "時間"),
  recordType: M("记录类型", "record type", "記錄類型"),
  custodianDepartmentId: M("保管部门", "custodian department", "保管部門"),
  retentionYears: M("保存期限（年）", "retention (years)", "保存期限（年）"),
  purgeEnabled: M("到期清理", "purge when due", "到期清理"),
  ticketNumber: M("工单编号", "ticket number", "工單編號"),
};

/** What people call the field with this key, if it is one they fill in or read in the log. */
export const fieldLabel = (key: string, locale: Locale): string | undefined => FIELD_LABELS[key]?.[locale];

/** "新客户 · 电话", "第 2 项": the path's known names; the raw path only for keys no form shows. */
function fieldName(path: string, locale: Locale): string {
  const segments = path.split("/").filter(Boolean);
  const named = segments
    .map((segment) =>
      /^\d+$/.test(segment)
        ? M(`第 ${Number(segment) + 1} 项`, `item ${Number(segment) + 1}`, `第 ${Number(segment) + 1} 項`)[
            locale
          ]
        : FIELD_LABELS[segment]?.[locale],
    )
    .filter(Boolean);
  return named.length ? named.join(" · ") : segments.join(".");
}

const SEPARATOR = M("；", "; ", "；");

/** Each issue as "field problem" in each language, ready to be a message parameter. */
export function describeIssues(issues: readonly FieldIssue[]): Record<Locale, string> {
  const say = (locale: Locale) =>
    issues
      .map((issue) => {
        const problem = PROBLEMS[issue.problem][locale].replace("{limit}", String(issue.limit ?? ""));
        const field = fieldName(issue.path, locale);
        return locale === "en-US" ? `${field} ${problem}` : `${field}${field ? "：" : ""}${problem}`;
      })
      .join(SEPARATOR[locale]);
  return { "zh-CN": say("zh-CN"), "en-US": say("en-US"), "zh-TW": say("zh-TW") };
}

/** The shape of a zod issue this needs (zod 4 and fastify-type-provider-zod's copy of it). */
type ZodIssueLike = {
  code: string;
  path?: readonly PropertyKey[];
  message?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
};

/** What a zod issue means for the person filling the form. Schemas name a format by their message ("phone"). */
export function fieldIssueOf(issue: ZodIssueLike, pointer?: string): FieldIssue {
  const path = pointer ?? `/${(issue.path ?? []).map(String).join("/")}`;
  const limitOf = (n: number | bigint | undefined) => (n === undefined ? undefined : Number(n));
  const problem = ((): { problem: FieldProblem; limit?: number } => {
    switch (issue.code) {
      case "invalid_type":
        if (/received undefined|received null/.test(issue.message ?? "")) return { problem: "required" };
        if (issue.expected === "number" || issue.expected === "int") return { problem: "number" };
        if (issue.expected === "date") return { problem: "date" };
        return { problem: "invalid" };
      case "too_small": {
        const limit = limitOf(issue.minimum);
        if (issue.origin === "string")
          return limit === 1 ? { problem: "required" } : { problem: "too_short", limit };
        if (issue.origin === "array" || issue.origin === "set") return { problem: "too_few", limit };
        if (issue.origin === "date") return { problem: "date" };
        return { problem: "too_small", limit };
      }
      case "too_big": {
        const limit = limitOf(issue.maximum);
        if (issue.origin === "string") return { problem: "too_long", limit };
        if (issue.origin === "array" || issue.origin === "set") return { problem: "too_many", limit };
        if (issue.origin === "date") return { problem: "date" };
        return { problem: "too_big", limit };
      }
      case "invalid_format":
        if (issue.format === "email") return { problem: "email" };
        if (issue.format === "uuid" || issue.format === "guid") return { problem: "reference" };
        if (issue.format === "regex" && issue.message === "phone") return { problem: "phone" };
        if (issue.format === "date" || issue.format === "datetime") return { problem: "date" };
        return { problem: "invalid" };
      case "invalid_value":
        return { problem: "choice" };
      case "not_multiple_of":
        return { problem: "whole" };
      case "unrecognized_keys":
        return { problem: "unknown" };
      default:
        // A refinement names its problem in its message: { message: "required", path: ["assigneeId"] }.
        return issue.message && issue.message in PROBLEMS
          ? { problem: issue.message as FieldProblem }
          : { problem: "invalid" };
    }
  })();
  return { path, ...problem };
}
