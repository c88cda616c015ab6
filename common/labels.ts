import type { Capability } from "./capabilities";
import type {
  CauseCategory,
  Channel,
  CompensationKind,
  ComplaintClass,
  ComplaintSeverity,
  ComplaintStep,
  Priority,
  RepairReturnStatus,
  SlaMetric,
  TicketStatus,
  TicketType,
  WorkOrderKind,
  WorkOrderStatus,
} from "./enums";
import type { DomainEventType } from "./events";

// Labels of the domain vocabularies in the three UI languages, used by the console's i18n
// resources and by the server where it writes text for people (errors, exports, messages).
type L = { "zh-CN": string; "en-US": string; "zh-TW": string };
const l = (zhCN: string, enUS: string, zhTW: string): L => ({ "zh-CN": zhCN, "en-US": enUS, "zh-TW": zhTW });

export const STATUS_LABELS: Record<TicketStatus, L> = {
  new: l("新建", "New", "新建"),
  accepted: l("已受理", "Accepted", "已受理"),
  in_progress: l("处理中", "In progress", "處理中"),
  waiting_customer: l("待客户反馈", "Waiting for customer", "待客戶回饋"),
  on_hold: l("挂起", "On hold", "擱置"),
  resolved: l("已解决", "Resolved", "已解決"),
  callback_done: l("已回访", "Called back", "已回訪"),
  closed: l("已关闭", "Closed", "已關閉"),
};

export const TYPE_LABELS: Record<TicketType, L> = {
  inquiry: l("咨询", "Inquiry", "諮詢"),
  complaint: l("投诉", "Complaint", "投訴"),
  suggestion: l("建议", "Suggestion", "建議"),
  repair: l("报修", "Repair request", "報修"),
  return: l("退换货", "Return/exchange", "退換貨"),
  praise: l("表扬", "Praise", "表揚"),
  other: l("其他", "Other", "其他"),
};

export const CHANNEL_LABELS: Record<Channel, L> = {
  phone: l("电话", "Phone", "電話"),
  email: l("邮件", "Email", "郵件"),
  chat: l("在线客服", "Chat", "線上客服"),
  portal: l("客户门户", "Portal", "客戶入口"),
  walk_in: l("来访", "Walk-in", "來訪"),
  letter: l("来函/传真", "Letter/fax", "來函/傳真"),
  engineer_report: l("工程师反馈", "Engineer report", "工程師回報"),
  internal: l("内部", "Internal", "內部"),
};

export const PRIORITY_LABELS: Record<Priority, L> = {
  P1: l("P1 紧急", "P1 Urgent", "P1 緊急"),
  P2: l("P2 高", "P2 High", "P2 高"),
  P3: l("P3 中", "P3 Normal", "P3 中"),
  P4: l("P4 低", "P4 Low", "P4 低"),
};

export const SLA_METRIC_LABELS: Record<SlaMetric, L> = {
  first_response: l("首次响应", "First response", "首次回應"),
  solution: l("提出方案", "Solution proposal", "提出方案"),
  resolution: l("解决", "Resolution", "解決"),
  on_site: l("上门到场", "On-site arrival", "到場服務"),
  callback: l("回访", "Callback", "回訪"),
};

export const COMPLAINT_STEP_LABELS: Record<ComplaintStep, L> = {
  register: l("登记", "Register", "登記"),
  confirm: l("确认事实", "Confirm the facts", "確認事實"),
  responsibility: l("判定责任与处理方式", "Responsibility and handling", "判定責任與處理方式"),
  root_cause: l("原因分析", "Root cause", "原因分析"),
  corrective: l("纠正措施", "Corrective action", "糾正措施"),
  preventive: l("预防措施", "Preventive action", "預防措施"),
  countersign: l("部门会签", "Countersign", "部門會簽"),
  approval: l("核决审批", "Approval", "核決審批"),
  execution: l("执行", "Execution", "執行"),
  verification: l("效果确认", "Effect verification", "效果確認"),
  close: l("结案/标准化", "Close or standardise", "結案/標準化"),
  feedback: l("回复客户", "Tell the customer", "回覆客戶"),
};

export const COMPLAINT_CLASS_LABELS: Record<ComplaintClass, L> = {
  quality: l("质量异常", "Quality anomaly", "品質異常"),
  human: l("非质量异常（人为因素）", "Human factor", "非品質異常（人為因素）"),
  other: l("其他", "Other", "其他"),
};

export const COMPLAINT_SEVERITY_LABELS: Record<ComplaintSeverity, L> = {
  minor: l("轻微", "Minor", "輕微"),
  normal: l("一般", "Normal", "一般"),
  major: l("重大", "Major", "重大"),
};

export const COMPENSATION_KIND_LABELS: Record<CompensationKind, L> = {
  refund: l("退款", "Refund", "退款"),
  replacement: l("换货", "Replacement", "換貨"),
  return: l("退货", "Return", "退貨"),
  repair: l("维修", "Repair", "維修"),
  coupon: l("优惠券", "Coupon", "優惠券"),
  discount: l("折扣", "Discount", "折扣"),
  cash: l("现金", "Cash", "現金"),
};

export const CAUSE_CATEGORY_LABELS: Record<CauseCategory, L> = {
  man: l("人员", "People", "人員"),
  machine: l("设备", "Machine", "設備"),
  material: l("物料", "Material", "物料"),
  method: l("方法", "Method", "方法"),
  environment: l("环境", "Environment", "環境"),
  measurement: l("测量", "Measurement", "測量"),
};

export const WORK_ORDER_KIND_LABELS: Record<WorkOrderKind, L> = {
  install: l("安装调试", "Installation", "安裝調試"),
  repair: l("维修", "Repair", "維修"),
  maintenance: l("保养", "Maintenance", "保養"),
  inspection: l("巡检", "Inspection", "巡檢"),
  training: l("培训", "Training", "培訓"),
  support: l("技术支持", "Technical support", "技術支援"),
};

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, L> = {
  pending: l("待派工", "To dispatch", "待派工"),
  assigned: l("已派工", "Dispatched", "已派工"),
  accepted: l("已接单", "Accepted", "已接單"),
  on_the_way: l("已出发", "On the way", "已出發"),
  on_site: l("服务中", "On site", "服務中"),
  in_workshop: l("返修中", "Taken back for repair", "返修中"),
  completed: l("已完工", "Completed", "已完工"),
  cancelled: l("已取消", "Cancelled", "已取消"),
};

export const REPAIR_RETURN_STATUS_LABELS: Record<RepairReturnStatus, L> = {
  received: l("已收回", "Taken in", "已收回"),
  repaired: l("已修复", "Repaired", "已修復"),
  returned: l("已送还", "Given back", "已送還"),
};

/**
 * What each capability lets one do, as the role editor and "you may not do this" messages name it;
 * also the other things a refusal can name (a staff account, a portal sign-in, approval authority).
 */
export const CAPABILITY_LABELS: Record<Capability | "staff" | "portal" | "approval", L> = {
  "ticket.create": l("登记工单", "Log tickets", "登記工單"),
  "ticket.view": l("查看工单", "View tickets", "查看工單"),
  "ticket.handle": l("处理工单", "Handle tickets", "處理工單"),
  "ticket.assign": l("分派工单", "Assign tickets", "分派工單"),
  "ticket.transfer": l("转交工单", "Transfer tickets", "轉交工單"),
  "ticket.close": l("关闭工单", "Close tickets", "關閉工單"),
  "ticket.reopen": l("重开工单", "Reopen tickets", "重開工單"),
  "customer.view": l("查看客户档案", "View customers", "查看客戶檔案"),
  "customer.edit": l("编辑客户档案", "Edit customers", "編輯客戶檔案"),
  "customer.pii.view": l("查看客户完整信息", "See customers' full personal data", "查看客戶完整資訊"),
  "customer.import": l("导入客户", "Import customers", "匯入客戶"),
  "customer.export": l("导出客户", "Export customers", "匯出客戶"),
  "customer.merge": l("合并重复客户", "Merge duplicate customers", "合併重複客戶"),
  "org.manage": l("管理组织架构", "Manage the organisation", "管理組織架構"),
  "user.manage": l("管理用户与角色", "Manage users and roles", "管理使用者與角色"),
  "settings.manage": l("管理系统设置", "Manage settings", "管理系統設定"),
  "audit.view": l("查看审计日志", "View the audit log", "查看稽核日誌"),
  "outbox.view": l("查看消息发件箱", "View the outbox", "查看訊息寄件匣"),
  "report.view": l("查看报表", "View reports", "查看報表"),
  "finance.confirm": l("确认付款与结算", "Confirm payments and settlements", "確認付款與結算"),
  "stock.manage": l("管理备件库存", "Manage spare parts stock", "管理備件庫存"),
  "workorder.dispatch": l("派工", "Dispatch work orders", "派工"),
  "workorder.serve": l("上门服务", "Serve on site", "到府服務"),
  "survey.callback": l("回访客户", "Call customers back", "回訪客戶"),
  "survey.raw.view": l("查看问卷原始答卷", "See survey answers as given", "查看問卷原始答卷"),
  "survey.manage": l("管理满意度调查", "Manage surveys", "管理滿意度調查"),
  "qa.inspect": l("质检评分", "Inspect quality", "質檢評分"),
  "qa.manage": l("管理质检与整改", "Manage quality inspection", "管理質檢與整改"),
  "appraisal.manage": l("管理考核", "Manage appraisals", "管理考核"),
  "sanction.approve": l("审批奖惩", "Approve rewards and penalties", "審批獎懲"),
  "records.manage": l("管理档案与保存期限", "Manage records and retention", "管理檔案與保存期限"),
  "apiToken.create": l("创建 API 令牌", "Create API tokens", "建立 API 權杖"),
  "webhook.manage": l("管理 Webhook", "Manage webhooks", "管理 Webhook"),
  "automation.manage": l("管理自动化规则", "Manage automations", "管理自動化規則"),
  staff: l("员工账号", "a staff account", "員工帳號"),
  portal: l("客户门户登录", "a customer portal sign-in", "客戶入口登入"),
  approval: l("审批权限", "approval authority", "審批權限"),
};

/** The domain events as an administrator picks them for a webhook. */
export const DOMAIN_EVENT_LABELS: Record<DomainEventType, L> = {
  "ticket.created": l("工单创建", "Ticket created", "工單建立"),
  "ticket.status_changed": l("工单状态变化", "Ticket status changed", "工單狀態變化"),
  "ticket.assigned": l("工单转派或受理", "Ticket assigned", "工單轉派或受理"),
  "ticket.reclassified": l("工单类型或优先级变化", "Ticket type or priority changed", "工單類型或優先級變化"),
  "ticket.replied": l("工单回复或备注", "Ticket replied to", "工單回覆或備註"),
  "customer.grade_changed": l("客户等级变化", "Customer grade changed", "客戶等級變化"),
  "complaint.step_done": l("投诉处理步骤完成", "Complaint step done", "投訴處理步驟完成"),
  "work_order.completed": l("上门服务完工", "Work order completed", "上門服務完工"),
  "survey.answered": l("满意度调查已回答", "Survey answered", "滿意度調查已回答"),
  "sla.breached": l("时限逾期", "Time limit breached", "時限逾期"),
  "automation.fired": l("自动化规则已执行", "Automation rule fired", "自動化規則已執行"),
};
