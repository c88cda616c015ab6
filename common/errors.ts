import type { Locale } from "./enums";
import { CAPABILITY_LABELS } from "./labels";

// Stable error codes and their messages. The server sends code + message in the caller's language;
// the console may re-translate by code. Placeholders: {name}.
const M = (zhCN: string, enUS: string, zhTW: string) => ({ "zh-CN": zhCN, "en-US": enUS, "zh-TW": zhTW });

export const ERROR_MESSAGES = {
  VALIDATION_FAILED: M("输入有误：{detail}", "Invalid input: {detail}", "輸入有誤：{detail}"),
  NOTHING_TO_CHANGE: M("没有需要修改的内容", "Nothing was changed", "沒有需要修改的內容"),
  COMPLAINT_NO_EARLIER_STEP: M(
    "没有可以退回的上一步",
    "There is no earlier step to send it back to",
    "沒有可以退回的上一步",
  ),
  MALFORMED_REQUEST: M(
    "请求格式有误，请刷新页面后重试",
    "The request could not be read; reload and try again",
    "請求格式有誤，請重新整理頁面後再試",
  ),
  BODY_TOO_LARGE: M("提交的内容过大", "What was sent is too large", "提交的內容過大"),
  UNAUTHENTICATED: M("请先登录", "Please sign in", "請先登入"),
  FORBIDDEN: M(
    "您没有执行此操作的权限（需要 {capability}）",
    "You may not do this (requires {capability})",
    "您沒有執行此操作的權限（需要 {capability}）",
  ),
  CSRF_TOKEN_INVALID: M(
    "页面已过期，请刷新后重试",
    "The page is out of date; reload and try again",
    "頁面已過期，請重新整理後再試",
  ),
  INVALID_CREDENTIALS: M("用户名或密码错误", "Wrong user name or password", "使用者名稱或密碼錯誤"),
  ACCOUNT_LOCKED: M(
    "连续登录失败次数过多，账号已锁定至 {until}",
    "Too many failed sign-ins; locked until {until}",
    "連續登入失敗次數過多，帳號已鎖定至 {until}",
  ),
  ACCOUNT_DISABLED: M(
    "账号已停用，请联系管理员",
    "This account is disabled; contact the administrator",
    "帳號已停用，請聯絡管理員",
  ),
  PASSWORD_CHANGE_REQUIRED: M(
    "首次登录请先修改密码",
    "Change your password before continuing",
    "首次登入請先修改密碼",
  ),
  PASSWORD_TOO_COMMON: M(
    "这个密码太常见或太有规律（如 password12、1234567890a、含用户名），容易被猜中，请换一个",
    "This password is too common or too patterned (like password12, 1234567890a, or your user name) and easily guessed; choose another",
    "這個密碼太常見或太有規律（如 password12、1234567890a、含使用者名稱），容易被猜中，請換一個",
  ),
  PASSWORD_TOO_WEAK: M(
    "密码至少 10 位，且须包含字母和数字",
    "Passwords need at least 10 characters with letters and digits",
    "密碼至少 10 位，且須包含字母和數字",
  ),
  PASSWORD_WRONG: M("当前密码不正确", "The current password is wrong", "目前密碼不正確"),
  NOT_FOUND: M("记录不存在", "Not found", "記錄不存在"),
  TICKET_NOT_FOUND: M("工单不存在", "Ticket not found", "工單不存在"),
  CUSTOMER_NOT_FOUND: M("客户不存在", "Customer not found", "客戶不存在"),
  WEBHOOK_NOT_FOUND: M("Webhook 不存在", "Webhook not found", "Webhook 不存在"),
  AUTOMATION_NOT_FOUND: M("自动化规则不存在", "Automation rule not found", "自動化規則不存在"),
  AUTOMATION_LIMIT: M(
    "同类规则最多 {limit} 条，请先合并或删除不用的规则",
    "At most {limit} rules of a kind: merge or delete some first",
    "同類規則最多 {limit} 條，請先合併或刪除不用的規則",
  ),
  AUTOMATION_DEFAULTS_EXIST: M(
    "已有这类规则：默认规则只在一条规则都没有时建立",
    "There are rules of this kind already: the default rules are made only when there are none",
    "已有這類規則：預設規則只在一條規則都沒有時建立",
  ),
  STANDARD_ANSWER_NOT_FOUND: M("标准答复不存在", "Standard answer not found", "標準答覆不存在"),
  USER_NOT_FOUND: M("用户不存在", "User not found", "使用者不存在"),
  DEPARTMENT_NOT_FOUND: M("部门不存在", "Department not found", "部門不存在"),
  USERNAME_TAKEN: M(
    "用户名 {username} 已被使用",
    "User name {username} is taken",
    "使用者名稱 {username} 已被使用",
  ),
  TICKET_NOT_HELD: M(
    "此工单已不由您处理，请刷新查看当前处理人",
    "You no longer handle this ticket; reload to see who does",
    "此工單已不由您處理，請重新整理查看目前處理人",
  ),
  TICKET_CONFLICT: M(
    "工单已被他人修改（当前状态：{status}），请刷新后再操作",
    "Someone else changed this ticket (now {status}); reload and try again",
    "工單已被他人修改（目前狀態：{status}），請重新整理後再操作",
  ),
  RECORD_ARCHIVED: M(
    "该记录已过保存期限并归档，只能查阅，不能修改",
    "This record is past its retention period and archived: it can be read, not changed",
    "該記錄已過保存期限並歸檔，只能查閱，不能修改",
  ),
  CUSTOMER_HELD: M(
    "该客户的工单 {number} 正在法律保全中，不能删除其个人信息",
    "Case {number} of this customer is under a legal hold: their personal data cannot be erased",
    "該客戶的工單 {number} 正在法律保全中，不能刪除其個人資訊",
  ),
  CUSTOMER_ANONYMISED: M(
    "该客户的个人信息已按本人要求删除，档案不能再修改",
    "This customer's personal data was erased on their request: the record cannot be changed",
    "該客戶的個人資訊已按本人要求刪除，檔案不能再修改",
  ),
  DATA_REQUEST_CLOSED: M("该申请已处理完毕", "This request has already been closed", "該申請已處理完畢"),
  HOLD_EXISTS: M("该工单已在法律保全中", "This case is already under a legal hold", "該工單已在法律保全中"),
  TICKET_TRANSITION_INVALID: M(
    "当前状态“{from}”不能执行此操作",
    "This action is not possible while the ticket is {from}",
    "目前狀態「{from}」不能執行此操作",
  ),
  RESOLUTION_REQUIRED: M(
    "解决工单前请填写处理结果",
    "Record the resolution before resolving",
    "解決工單前請填寫處理結果",
  ),
  REASON_REQUIRED: M("请填写原因", "A reason is required", "請填寫原因"),
  FORBIDDEN_PHRASE: M(
    "回复中含有服务忌语“{phrase}”，请修改后再发送",
    "The reply contains the forbidden phrase “{phrase}”; rephrase it before sending",
    "回覆中含有服務忌語「{phrase}」，請修改後再傳送",
  ),
  ATTACHMENT_TOO_LARGE: M(
    "附件超过 {limit} MB 上限",
    "Attachment exceeds the {limit} MB limit",
    "附件超過 {limit} MB 上限",
  ),
  API_TOKEN_READ_ONLY: M(
    "该 API 令牌只能读取数据，不能修改",
    "This API token can only read; it cannot change anything",
    "該 API 令牌只能讀取資料，不能修改",
  ),
  ATTACHMENT_CONTENT_MISMATCH: M(
    "文件内容与其类型（{type}）不符，请确认文件未损坏后重新上传",
    "The file's content does not match its type ({type}); check the file and upload it again",
    "檔案內容與其類型（{type}）不符，請確認檔案未損壞後重新上傳",
  ),
  ATTACHMENT_TYPE_NOT_ALLOWED: M(
    "不支持的附件类型：{type}",
    "File type not allowed: {type}",
    "不支援的附件類型：{type}",
  ),
  PROMISE_IN_PAST: M(
    "承诺时间须晚于当前时间",
    "The promised time must be in the future",
    "承諾時間須晚於目前時間",
  ),
  IMPORT_FAILED: M(
    "导入失败，共 {count} 行有误，未导入任何数据",
    "Import failed: {count} rows have errors; nothing was imported",
    "匯入失敗，共 {count} 列有誤，未匯入任何資料",
  ),
  MERGE_SAME_CUSTOMER: M(
    "不能将客户与自身合并",
    "A customer cannot be merged into itself",
    "不能將客戶與自身合併",
  ),
  PORTAL_CODE_INVALID: M("验证码错误或已过期", "The code is wrong or has expired", "驗證碼錯誤或已過期"),
  IDEMPOTENCY_KEY_INVALID: M(
    "Idempotency-Key 应为 8 到 200 个可见字符",
    "Idempotency-Key must be 8 to 200 printable characters",
    "Idempotency-Key 應為 8 到 200 個可見字元",
  ),
  IDEMPOTENCY_KEY_REUSED: M(
    "这个 Idempotency-Key 已用于另一个请求",
    "This Idempotency-Key was used for a different request",
    "這個 Idempotency-Key 已用於另一個請求",
  ),
  IDEMPOTENCY_IN_PROGRESS: M(
    "同一请求正在处理中，请稍候",
    "The same request is still being processed; please wait",
    "同一請求正在處理中，請稍候",
  ),
  DUPLICATE_RECORD: M("该记录已存在，不能重复", "This record already exists", "該記錄已存在，不能重複"),
  RECORD_IN_USE: M(
    "该记录仍被其他记录引用，不能删除",
    "Other records still refer to this one; it cannot be deleted",
    "該記錄仍被其他記錄引用，不能刪除",
  ),
  RECORD_IN_USE_BY: M(
    "该记录仍被{record}引用，不能删除",
    "A {record} still refers to this record; it cannot be deleted",
    "該記錄仍被{record}引用，不能刪除",
  ),
  REFERENCE_INVALID: M("所选的记录不存在", "The record referred to does not exist", "所選的記錄不存在"),
  TOO_MANY_ATTEMPTS: M(
    "尝试次数过多，请 {minutes} 分钟后再试",
    "Too many attempts; try again in {minutes} minutes",
    "嘗試次數過多，請 {minutes} 分鐘後再試",
  ),
  RATE_LIMITED: M(
    "操作过于频繁，请稍后再试",
    "Too many requests; try again later",
    "操作過於頻繁，請稍後再試",
  ),
  DEPARTMENT_IN_USE: M(
    "部门下仍有人员或子部门，不能删除",
    "The department still has members or sub-departments",
    "部門下仍有人員或子部門，不能刪除",
  ),
  SLA_POLICY_INVALID: M(
    "时效规则有误：{detail}",
    "Invalid service-time policy: {detail}",
    "時效規則有誤：{detail}",
  ),
  SLA_POLICY_IN_USE: M(
    "该时效规则已用于工单，不能删除，可改为停用",
    "This policy has been applied to tickets and cannot be deleted; deactivate it instead",
    "該時效規則已用於工單，不能刪除，可改為停用",
  ),
  RECEIVED_AT_INVALID: M(
    "收到时间不能晚于现在，也不能早于 30 天前",
    "The time received cannot be in the future or more than 30 days ago",
    "收到時間不能晚於現在，也不能早於 30 天前",
  ),
  COMPLAINT_CATEGORY_IN_USE: M(
    "该投诉类别已有客诉使用，不能删除",
    "Complaints use this category; it cannot be deleted",
    "該投訴類別已有客訴使用，不能刪除",
  ),
  APPROVAL_RULES_INVALID: M(
    "核决权限设置有误：{detail}",
    "Invalid approval authority: {detail}",
    "核決權限設定有誤：{detail}",
  ),
  COMPLAINT_EXISTS: M(
    "该工单已有客诉处理单",
    "This ticket already has a complaint record",
    "該工單已有客訴處理單",
  ),
  COMPLAINT_NOT_A_COMPLAINT: M(
    "只有投诉类工单可以建立客诉处理单",
    "Only complaint tickets can have a complaint record",
    "只有投訴類工單可以建立客訴處理單",
  ),
  COMPLAINT_STEP_NOT_ACTIVE: M(
    "当前步骤是“{step}”，不能处理其他步骤",
    "The current step is “{step}”; other steps cannot be handled now",
    "目前步驟是「{step}」，不能處理其他步驟",
  ),
  COMPLAINT_STEP_REQUIRED: M(
    "重大投诉必须完成此步骤，不能标记为不需要",
    "A major complaint requires this step; it cannot be marked not needed",
    "重大投訴必須完成此步驟，不能標記為不需要",
  ),
  COMPLAINT_NOT_STEP_OWNER: M(
    "此步骤由{department}负责，您不能处理",
    "This step belongs to {department}; you cannot handle it",
    "此步驟由{department}負責，您不能處理",
  ),
  APPROVAL_NOT_YOUR_LEVEL: M(
    "本级审批需由“{role}”进行",
    "This level must be approved by “{role}”",
    "本級審批需由「{role}」進行",
  ),
  APPROVAL_OWN_REQUEST: M(
    "不能审批自己提交的申请",
    "You cannot approve your own request",
    "不能審批自己提交的申請",
  ),
  APPROVAL_ALREADY_ACTED: M(
    "您已审批过此申请，每人只能审批一次",
    "You have already acted on this request; each approver acts once",
    "您已審批過此申請，每人只能審批一次",
  ),
  APPROVAL_NOT_PENDING: M("该审批已结束", "This approval is no longer pending", "該審批已結束"),
  COMPLAINT_ABOUT_YOU: M(
    "该投诉针对您本人，由您的上级处理",
    "This complaint is about you; your manager handles it",
    "該投訴針對您本人，由您的上級處理",
  ),
  COMPLAINT_ACCUSED_HANDLES: M(
    "被投诉人不能处理针对自己的投诉，请转交他人",
    "The person complained about cannot handle the complaint; hand it to someone else",
    "被投訴人不能處理針對自己的投訴，請轉交他人",
  ),
  COMPLAINT_STILL_OPEN: M(
    "客诉处理尚未结案（当前步骤：{step}），不能解决工单",
    "The complaint is still being handled (current step: {step}); the ticket cannot be resolved yet",
    "客訴處理尚未結案（目前步驟：{step}），不能解決工單",
  ),
  COMPLAINT_CLOSED: M("该客诉已结案", "This complaint is closed", "該客訴已結案"),
  PROPOSAL_ANSWERED: M(
    "客户已答复过该方案",
    "The customer has already answered this proposal",
    "客戶已答覆過該方案",
  ),
  PROPOSAL_ALREADY_ACCEPTED: M(
    "客户已接受另一个方案",
    "The customer has already accepted another proposal",
    "客戶已接受另一個方案",
  ),
  PROPOSAL_NOT_ACCEPTED: M(
    "客户尚未接受任何解决方案，不能实施",
    "No solution has been accepted by the customer yet; execution cannot proceed",
    "客戶尚未接受任何解決方案，不能實施",
  ),
  TICKET_NOT_OPEN: M(
    "工单已解决或关闭，不能再派工",
    "The ticket is resolved or closed; no work order can be created",
    "工單已解決或關閉，不能再派工",
  ),
  WORK_ORDER_NOT_FOUND: M("派工单不存在", "Work order not found", "派工單不存在"),
  WORK_ORDER_CONFLICT: M(
    "派工单已被他人处理（当前状态：{status}），请刷新后再操作",
    "Someone else got to this work order first (now {status}); reload and try again",
    "派工單已被他人處理（目前狀態：{status}），請重新整理後再操作",
  ),
  NOT_YOUR_WORK_ORDER: M(
    "这张派工单不是派给您的",
    "This work order is not assigned to you",
    "這張派工單不是派給您的",
  ),
  ENGINEER_INVALID: M(
    "所选人员不是可派工的工程师",
    "The person chosen is not an engineer who can be dispatched",
    "所選人員不是可派工的工程師",
  ),
  WARRANTY_OVERRIDE_REASON: M(
    "收费与保修判定不一致时必须填写原因",
    "Charging against what the warranty says needs a reason",
    "收費與保固判定不一致時必須填寫原因",
  ),
  CHARGE_NOT_ALLOWED: M(
    "保修期内免费服务不能收取费用",
    "Free in-warranty work cannot carry charges",
    "保固期內免費服務不能收取費用",
  ),
  SIGNATURE_REQUIRED: M(
    "完工前须由客户签字确认，或填写无法签字的原因",
    "The customer must sign before completion, or give the reason there is no signature",
    "完工前須由客戶簽字確認，或填寫無法簽字的原因",
  ),
  SIGNATURE_INVALID: M(
    "签名图片无效（须为 PNG，且不超过 1 MB）",
    "The signature image is invalid (PNG, at most 1 MB)",
    "簽名圖片無效（須為 PNG，且不超過 1 MB）",
  ),
  WORK_DONE_REQUIRED: M("请先填写维修处理情况", "Record the work done first", "請先填寫維修處理情況"),
  SETTLEMENT_NOT_PENDING: M(
    "该派工单没有待确认的结算",
    "This work order has no settlement awaiting confirmation",
    "該派工單沒有待確認的結算",
  ),
  DISPATCH_APPROVAL_PENDING: M(
    "该派工单的联络单尚待审批，批准后才能派工",
    "This work order's approval (联络单) is still pending; it can be dispatched once approved",
    "該派工單的聯絡單尚待審批，核准後才能派工",
  ),
  SURVEY_NOT_FOUND: M(
    "没有找到该调查，请检查链接",
    "No such survey; check the link",
    "沒有找到該調查，請檢查連結",
  ),
  SURVEY_ANSWERED: M(
    "该调查已经提交过，感谢您的参与",
    "This survey has already been answered; thank you",
    "該調查已經提交過，感謝您的參與",
  ),
  SURVEY_EXPIRED: M("该调查链接已过期", "This survey link has expired", "該調查連結已過期"),
  SURVEY_ANSWER_INVALID: M("请回答：{question}", "Please answer: {question}", "請回答：{question}"),
  SURVEY_TEMPLATE_NOT_FOUND: M("没有找到该问卷", "No such questionnaire", "沒有找到該問卷"),
  SURVEY_TEMPLATE_DEFAULT: M(
    "该问卷已经是默认问卷",
    "This questionnaire is already the default",
    "該問卷已經是預設問卷",
  ),
  SURVEY_OPTIONS_MISSING: M(
    "选择题“{question}”至少需要两个选项",
    "The choice question “{question}” needs at least two options",
    "選擇題「{question}」至少需要兩個選項",
  ),
  SURVEY_BAND_INVALID: M(
    "分数段“{label}”无效：各分数段的起点须不同，且不超过满分 {max}",
    "The band “{label}” is invalid: bands need different minimums, at most the full score {max}",
    "分數段「{label}」無效：各分數段的起點須不同，且不超過滿分 {max}",
  ),
  CAMPAIGN_NOT_FOUND: M("没有找到该调查计划", "No such survey campaign", "沒有找到該調查計劃"),
  CAMPAIGN_DATES_INVALID: M(
    "截止日期须在开始日期之后，且间隔短于重复周期",
    "The close date must follow the start date and come before the next round",
    "截止日期須在開始日期之後，且間隔短於重複週期",
  ),
  CAMPAIGN_STATE: M(
    "调查计划当前状态（{status}）不允许此操作",
    "Not possible while the campaign is {status}",
    "調查計劃目前狀態（{status}）不允許此操作",
  ),
  CAMPAIGN_RECIPIENTS_MISSING: M(
    "请填写供应商或合作伙伴名单（每行：姓名，手机或邮箱）",
    "List the suppliers or partners (one per line: name, mobile or email)",
    "請填寫供應商或合作夥伴名單（每行：姓名，手機或郵箱）",
  ),
  CAMPAIGN_NOT_APPROVER: M(
    "调查计划须由{department}负责人审核，且不能由计划人本人审核",
    "The campaign is approved by the head of {department}, not by its planner",
    "調查計劃須由{department}負責人審核，且不能由計劃人本人審核",
  ),
  SURVEY_NOT_DUE: M(
    "工单解决后才能登记客户满意度",
    "Satisfaction is recorded once the ticket is resolved",
    "工單解決後才能登記客戶滿意度",
  ),
  CALLBACK_TASK_NOT_FOUND: M("没有找到该回访任务", "No such callback task", "沒有找到該回訪任務"),
  CALLBACK_TASK_CLOSED: M(
    "该回访任务已经完成",
    "This callback has already been recorded",
    "該回訪任務已經完成",
  ),
  CALLBACK_ON_TICKET: M(
    "完工回访请在工单页面登记回访结果",
    "A closing callback is recorded on its ticket's page",
    "完工回訪請在工單頁面登記回訪結果",
  ),
  CALLBACK_NOT_YOURS: M(
    "该回访任务已分配给其他回访专员",
    "This callback is assigned to another callback agent",
    "該回訪任務已分配給其他回訪專員",
  ),
  CALLBACK_BY_HANDLER: M(
    "抽样回访须由未经手该工单的人员完成",
    "A sampled callback must be made by someone who did not handle the case",
    "抽樣回訪須由未經手該工單的人員完成",
  ),
  QA_PLAN_NOT_FOUND: M("没有找到该质检计划", "No such inspection plan", "沒有找到該質檢計劃"),
  QA_SCORECARD_NOT_FOUND: M("没有找到该质检评分表", "No such inspection scorecard", "沒有找到該質檢評分表"),
  QA_NAME_TAKEN: M("名称“{name}”已被使用", "The name “{name}” is already in use", "名稱「{name}」已被使用"),
  QA_WEIGHTS_NOT_100: M(
    "各评分项权重之和须为 100（现为 {sum}）",
    "The criteria's weights must add up to 100 (they add up to {sum})",
    "各評分項權重之和須為 100（現為 {sum}）",
  ),
  QA_ALREADY_DRAWN: M("{period} 已经抽过样", "{period} has already been drawn", "{period} 已經抽過樣"),
  QA_INSPECTION_NOT_FOUND: M("没有找到该质检记录", "No such inspection", "沒有找到該質檢記錄"),
  QA_NOT_YOUR_INSPECTION: M(
    "该质检任务已分配给其他质检员",
    "This inspection is assigned to another inspector",
    "該質檢任務已分配給其他質檢員",
  ),
  QA_ALREADY_SCORED: M("该质检已经评分", "This inspection has already been scored", "該質檢已經評分"),
  QA_SAME_DEPARTMENT: M(
    "质检员不能检查本部门或本人的工作（服务与监督两条线）",
    "An inspector may not inspect their own or their own department's work (service and supervision are separate lines)",
    "質檢員不能檢查本部門或本人的工作（服務與監督兩條線）",
  ),
  QA_SCORES_INCOMPLETE: M(
    "每个评分项都要打分：{items}",
    "Every criterion needs a score: {items}",
    "每個評分項都要打分：{items}",
  ),
  QA_RECTIFICATION_REQUIRED: M(
    "得分低于合格线 {passMark}，请填写整改要求和整改期限",
    "The score is below the pass mark of {passMark}: state what is to be rectified and by when",
    "得分低於合格線 {passMark}，請填寫整改要求和整改期限",
  ),
  QA_APPEAL_NOT_ALLOWED: M(
    "只有被检查人可以对已评分的质检申诉一次",
    "Only the person inspected may appeal a scored inspection, once",
    "只有被檢查人可以對已評分的質檢申訴一次",
  ),
  QA_APPEAL_CLOSED: M(
    "申诉期限已于 {until} 截止",
    "The appeal period ended on {until}",
    "申訴期限已於 {until} 截止",
  ),
  QA_APPEAL_NOT_PENDING: M(
    "该质检没有待处理的申诉",
    "This inspection has no appeal to decide",
    "該質檢沒有待處理的申訴",
  ),
  QA_REVISED_TOTAL_REQUIRED: M(
    "改判时请填写改判后的得分",
    "A revised decision needs the revised score",
    "改判時請填寫改判後的得分",
  ),
  QA_RECTIFICATION_NOT_FOUND: M("没有找到该整改任务", "No such rectification", "沒有找到該整改任務"),
  QA_RECTIFICATION_NOT_YOURS: M(
    "只有整改责任人可以提交整改结果",
    "Only the person responsible can report the rectification",
    "只有整改責任人可以提交整改結果",
  ),
  QA_RECTIFICATION_STATE: M(
    "该整改任务当前不能这样处理（{status}）",
    "The rectification cannot be handled this way now ({status})",
    "該整改任務目前不能這樣處理（{status}）",
  ),
  QA_DUE_IN_PAST: M(
    "整改期限不能早于今天",
    "The rectification deadline cannot be in the past",
    "整改期限不能早於今天",
  ),
  APPRAISAL_WEIGHTS_NOT_100: M(
    "KPI 与评分项的权重之和须为 100（现为 {sum}）",
    "The weights of the KPIs and criteria must add up to 100 (they add up to {sum})",
    "KPI 與評分項的權重之和須為 100（現為 {sum}）",
  ),
  APPRAISAL_PERIOD_FUTURE: M("该考核期尚未开始", "This appraisal period has not begun", "該考核期尚未開始"),
  APPRAISAL_EXISTS: M(
    "{period} 的考核已经建立",
    "The appraisal of {period} already exists",
    "{period} 的考核已經建立",
  ),
  APPRAISAL_NOT_FOUND: M("没有找到该考核", "No such appraisal", "沒有找到該考核"),
  APPRAISAL_PUBLISHED: M(
    "考核结果已经公示，不能再修改",
    "The results are published and can no longer be changed",
    "考核結果已經公示，不能再修改",
  ),
  APPRAISAL_OWN: M("不能给自己评分", "Nobody scores their own appraisal", "不能給自己評分"),
  APPRAISAL_ADJUSTMENT_REASON: M(
    "调整得分须写明理由",
    "An adjustment needs its reason",
    "調整得分須寫明理由",
  ),
  APPRAISAL_UNSCORED: M(
    "以下人员尚未评分，不能公示：{names}",
    "These people are not scored yet, so the results cannot be published: {names}",
    "以下人員尚未評分，不能公示：{names}",
  ),
  APPRAISAL_APPEAL_NOT_ALLOWED: M(
    "只有本人可以对已公示的考核结果申诉一次",
    "Only the person appraised may appeal a published result, once",
    "只有本人可以對已公示的考核結果申訴一次",
  ),
  APPRAISAL_APPEAL_CLOSED: M(
    "申诉期限已于 {until} 截止",
    "The appeal period ended on {until}",
    "申訴期限已於 {until} 截止",
  ),
  APPRAISAL_APPEAL_NOT_PENDING: M(
    "该考核结果没有待处理的申诉",
    "This result has no appeal to answer",
    "該考核結果沒有待處理的申訴",
  ),
  APPRAISAL_REVISED_FINAL_REQUIRED: M(
    "改判时请填写改判后的得分",
    "A revised result needs the revised score",
    "改判時請填寫改判後的得分",
  ),
  SANCTION_LEAK_EVIDENCE: M(
    "泄露客户信息的处罚须附操作日志中的证据",
    "A penalty for leaking customer data needs its evidence from the audit log",
    "洩露客戶資訊的處罰須附操作日誌中的證據",
  ),
  SANCTION_EVIDENCE_NOT_FOUND: M(
    "所附证据不在本组织的操作日志中",
    "The evidence given is not in this organisation's audit log",
    "所附證據不在本組織的操作日誌中",
  ),
  SANCTION_NOT_FOUND: M("没有找到该奖惩记录", "No such reward or penalty", "沒有找到該獎懲記錄"),
  SANCTION_STATE: M(
    "该奖惩记录当前不能这样处理（{status}）",
    "The reward or penalty cannot be handled this way now ({status})",
    "該獎懲記錄目前不能這樣處理（{status}）",
  ),
  SANCTION_OWN: M(
    "不能审批自己提出或与自己有关的奖惩",
    "Nobody approves a reward or penalty they proposed or that concerns them",
    "不能審批自己提出或與自己有關的獎懲",
  ),
  REPORT_RANGE_INVALID: M(
    "开始日期不能晚于结束日期",
    "The start cannot be after the end",
    "開始日期不能晚於結束日期",
  ),
  REPORT_RANGE_TOO_LONG: M(
    "一次最多比较 {max} 个周期，请缩短时间范围",
    "At most {max} periods side by side: shorten the range",
    "一次最多比較 {max} 個週期，請縮短時間範圍",
  ),
  REPORT_EMAIL_REQUIRED: M(
    "请填写接收报表的邮箱（您的账号没有邮箱）",
    "Give the address to send the report to (your account has none)",
    "請填寫接收報表的郵箱（您的帳號沒有郵箱）",
  ),
  REPORT_SUBSCRIPTION_NOT_FOUND: M("没有找到该订阅", "No such subscription", "沒有找到該訂閱"),
  IMPROVEMENT_ACTION_NOT_FOUND: M("没有找到该改进措施", "No such improvement action", "沒有找到該改進措施"),
  IMPROVEMENT_ACTION_DONE: M(
    "该改进措施已经完成",
    "This improvement action is already done",
    "該改進措施已經完成",
  ),
  ANALYSIS_NO_ANSWERS: M(
    "本季度还没有有效的调查答卷，无法提交分析报告",
    "The quarter has no valid answers yet: there is nothing to submit",
    "本季度還沒有有效的調查答卷，無法提交分析報告",
  ),
  ANALYSIS_SUBMITTED: M(
    "{quarter} 的分析报告已经提交",
    "The analysis of {quarter} has been submitted",
    "{quarter} 的分析報告已經提交",
  ),
  CHECKLIST_INCOMPLETE: M(
    "检查清单尚有必做项未完成：{items}",
    "Required checklist items are not done yet: {items}",
    "檢查清單尚有必做項未完成：{items}",
  ),
  CHECKLIST_ITEM_CLOSED: M(
    "该检查项现在不能勾选（安装前的项目接单后可做，现场项目须在现场，安装后的项目在服务报告提交前）",
    "This checklist item cannot be ticked now (preparations after acceptance, on-site items on site, follow-up until the report is submitted)",
    "該檢查項現在不能勾選（安裝前的項目接單後可做，現場項目須在現場，安裝後的項目在服務報告提交前）",
  ),
  WEEK_SUMMARY_CLOSED: M(
    "只能填写本周或上周的工作总结",
    "A weekly summary can be written for this week or the last only",
    "只能填寫本週或上週的工作總結",
  ),
  NO_SHOW_TOO_EARLY: M(
    "预约时间未到，不能登记爽约",
    "The appointment has not passed yet; a missed visit can be recorded only after it",
    "預約時間未到，不能登記爽約",
  ),
  USER_DISABLE_SELF: M(
    "不能停用自己的账号：请由另一位管理员操作",
    "You cannot disable your own account: ask another administrator",
    "不能停用自己的帳號：請由另一位管理員操作",
  ),
  LAST_ADMINISTRATOR: M(
    "这是最后一位可以管理用户的在用账号，停用或去掉其角色后将无人能管理系统",
    "This is the last active account that can manage users; without it nobody could administer the system",
    "這是最後一位可以管理使用者的在用帳號，停用或去掉其角色後將無人能管理系統",
  ),
  APPOINTMENT_IN_PAST: M(
    "预约时间已过，请选择现在之后的时间",
    "The appointment time has passed; choose a time from now on",
    "預約時間已過，請選擇現在之後的時間",
  ),
  DELAY_NOT_LATER: M(
    "预计到达时间须晚于原预约时间",
    "The expected arrival must be later than the appointment",
    "預計到達時間須晚於原預約時間",
  ),
  RECALL_NO_UNITS: M(
    "没有符合条件的设备，请调整召回范围",
    "No installed unit matches; widen the recall's selection",
    "沒有符合條件的設備，請調整召回範圍",
  ),
  RECALL_TOO_LARGE: M(
    "一次召回最多 {max} 台设备，请按批次或序列号范围分批发起",
    "A recall takes at most {max} units at once; split it by batch or serial range",
    "一次召回最多 {max} 台設備，請按批次或序號範圍分批發起",
  ),
  REPAIR_RETURN_CONFLICT: M(
    "返修单已被他人处理（当前状态：{status}），请刷新后再操作",
    "Someone else got to this repair return first (now {status}); reload and try again",
    "返修單已被他人處理（目前狀態：{status}），請重新整理後再操作",
  ),
  RECEIPT_NOT_TAKEN_BACK_REASON: M(
    "未收回返修收据时须说明原因",
    "Say why the repair receipt was not taken back",
    "未收回返修收據時須說明原因",
  ),
  REPLENISHMENT_NOT_OPEN: M(
    "该补货单已入库或已取消",
    "This replenishment order has already been received or cancelled",
    "該補貨單已入庫或已取消",
  ),
  AGREEMENT_CONTRACT_TAKEN: M(
    "该合同编号已登记过服务协定",
    "A service agreement with this contract number already exists",
    "該合約編號已登記過服務協定",
  ),
  AGREEMENT_ENDED: M(
    "该服务协定已终止",
    "This service agreement has already been terminated",
    "該服務協定已終止",
  ),
  TOOL_CODE_TAKEN: M("该工具编号已存在", "This tool number is already in use", "該工具編號已存在"),
  TOOL_LENT: M(
    "该工具已借出，归还后才能再借",
    "This tool is lent out; it can be lent again once returned",
    "該工具已借出，歸還後才能再借",
  ),
  SPARE_PART_CODE_TAKEN: M("该备件编码已存在", "This part code is already in use", "該備件編碼已存在"),
  STOCK_INSUFFICIENT: M("备件库存不足", "Not enough of this part in stock", "備件庫存不足"),
  STOCK_NOT_RESERVED: M(
    "预留的备件数量不足",
    "Fewer units of this part are reserved than asked for",
    "預留的備件數量不足",
  ),
  COMPENSATION_NOT_PAYABLE: M(
    "只有已批准的退款或现金补偿可以登记付款",
    "Only an approved refund or cash compensation can be marked paid",
    "只有已核准的退款或現金補償可以登記付款",
  ),
  SLA_CALENDAR_INVALID: M(
    "工作日历有误：{detail}",
    "Invalid business calendar: {detail}",
    "工作日曆有誤：{detail}",
  ),
  INTERNAL: M(
    "服务器内部错误，请稍后再试（编号 {ref}）",
    "Internal error; try again later (ref {ref})",
    "伺服器內部錯誤，請稍後再試（編號 {ref}）",
  ),
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** A message parameter: plain, or already translated (e.g. a status label). */
export type MessageParam = string | number | Record<Locale, string>;

export function errorMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, MessageParam> = {},
): string {
  const template: string = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const raw = params[key] ?? "";
    // A capability is named in words, not by its id (CAPABILITY_LABELS).
    const value =
      key === "capability" && typeof raw === "string" && raw in CAPABILITY_LABELS
        ? CAPABILITY_LABELS[raw as keyof typeof CAPABILITY_LABELS]
        : raw;
    return typeof value === "object" ? value[locale] : String(value);
  });
}

/** The one error envelope every API error uses. */
export type ErrorEnvelope = { error: { code: ErrorCode; message: string; details?: unknown } };
