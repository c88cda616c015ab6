// The demo data set (`npm run demo`): a lighting manufacturer's customer service over the last
// `days` days, lived through the domain functions the API calls at simulated moments (simulation.ts)
// by staff of every role in their departments — so that no page is empty for the role that owns
// it, and what the pages show (deadlines met and missed, callbacks, complaints at every step, work
// orders at every stage) follows from the rules as it would in a company. Deterministic for a seed.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import {
  addBusinessMinutes,
  localIsoDate,
  nextWorkingDay,
  startOfLocalDay,
  workingPeriods,
} from "../../common/business-time";
import type { ComplaintSeverity, Priority, TicketType } from "../../common/enums";
import { addDays, warrantyOn } from "../../common/field-service";
import type { Db } from "../db/client";
import {
  approvalRequests,
  callbackTasks,
  compensations,
  complaintCountersigns,
  complaintSteps,
  departments,
  qaInspections,
  recallUnits,
  rmas,
  roles,
  sanctions,
  servicePoints,
  surveyInvitations,
  tickets,
  users,
  workOrders,
} from "../db/schema";
import type { Ctx, CustomerActor, StaffActor } from "../lib/context";
import { officeCalendar } from "../lib/periods";
import { createAgreement } from "../modules/agreements/agreements";
import { runAgreementSchedule } from "../modules/agreements/schedule";
import {
  appraisalResultsOf,
  openAppraisal,
  publishAppraisal,
  scoreAppraisal,
} from "../modules/appraisal/periods";
import { decideSanction, proposeByRules, publishSanction } from "../modules/appraisal/sanctions";
import { recordSatisfactionCall } from "../modules/callbacks/call";
import { drawCallbackSample } from "../modules/callbacks/sample";
import { advanceRma, markCompensationPaid, proposeCompensation } from "../modules/complaints/compensations";
import { countersign } from "../modules/complaints/countersign";
import { decideApproval } from "../modules/complaints/decide-approval";
import { answerProposal, offerProposal } from "../modules/complaints/proposals";
import { listCategories } from "../modules/complaints/settings";
import { completeStep, openComplaint } from "../modules/complaints/workflow";
import { addPurchase } from "../modules/customers/contacts-and-purchases";
import { createCustomer } from "../modules/customers/save-customer";
import { createWorkOrder } from "../modules/field-service/create-work-order";
import { dispatchWorkOrder, suggestEngineers } from "../modules/field-service/dispatch";
import {
  arriveOnSite,
  completeWorkOrder,
  departForSite,
  respondToWorkOrder,
  returnFromSite,
  saveServiceReport,
  signWorkOrder,
  submitServiceReport,
} from "../modules/field-service/engineer";
import { recordPartUse } from "../modules/field-service/parts";
import { launchRecall } from "../modules/field-service/recalls";
import { giveBackProduct, markRepaired, takeBackProduct } from "../modules/field-service/repair-returns";
import { reviewServiceReport } from "../modules/field-service/reports";
import { confirmSettlement } from "../modules/field-service/settlement";
import { addTool, lendTool } from "../modules/field-service/tools";
import { hashPassword, oneTimePassword } from "../modules/identity/passwords";
import { loadStaffActor } from "../modules/identity/sessions";
import { createUser } from "../modules/identity/users";
import { receiveStock, saveSparePart, setMinStock } from "../modules/parts/stock";
import { drawDuePlans } from "../modules/quality/draw";
import { appealInspection, scoreInspection } from "../modules/quality/inspections";
import { sweepDueClocks } from "../modules/sla/clocks";
import { submitAnalysis } from "../modules/surveys/analysis";
import { answerSurvey } from "../modules/surveys/answers";
import {
  createCampaign,
  decideCampaign,
  launchDueCampaigns,
  submitCampaign,
} from "../modules/surveys/campaigns";
import { sendDueSurveys } from "../modules/surveys/invitations";
import { defaultTemplate } from "../modules/surveys/templates";
import { changeTicketStatus } from "../modules/tickets/change-status";
import { createTicket } from "../modules/tickets/create-ticket";
import { replyToTicket } from "../modules/tickets/reply-to-ticket";
import { transferTicket } from "../modules/tickets/transfer-ticket";
import { companyName, mobile, PRODUCTS, personName, pick, type Rng, random, ticketText } from "./sample-text";
import { Simulation, type Story } from "./simulation";

type Staff = Ctx & { actor: StaffActor };

/** One person per role at least, each where such a person works; engineers at their service points. */
export const DEMO_STAFF = [
  { username: "wangli", name: "王丽", role: "agent", department: "客服部" },
  { username: "zhaoqiang", name: "赵强", role: "agent", department: "客服部" },
  { username: "lina", name: "李娜", role: "agent", department: "客服部" },
  { username: "sunmei", name: "孙梅", role: "supervisor", department: "客服部" },
  { username: "zhoujun", name: "周军", role: "manager", department: "客服部", heads: true },
  { username: "wupai", name: "吴派", role: "dispatcher", department: "售后服务组", heads: true },
  { username: "liugong", name: "刘工", role: "engineer", department: "维修服务组", point: "华东本部" },
  { username: "hangong", name: "韩工", role: "engineer", department: "维修服务组", point: "华北" },
  { username: "magong", name: "马工", role: "engineer", department: "维修服务组", point: "华南" },
  { username: "zhengjian", name: "郑检", role: "qa_inspector", department: "质量管理部" },
  { username: "chenzhi", name: "陈质", role: "department_head", department: "质量管理部", heads: true },
  { username: "fengbiao", name: "冯标", role: "management_rep", department: "质量管理部" },
  { username: "qianzong", name: "钱总", role: "general_manager", department: "总经理室", heads: true },
  { username: "likuai", name: "李会", role: "finance", department: "财务部", heads: true },
  { username: "yangguan", name: "杨管", role: "admin", department: "管理部" },
  { username: "xudang", name: "徐档", role: "records_custodian", department: "管理部" },
] as const;

/** Where the demo's customers are: a city, its province (the service points' regions) and a street. */
const PLACES = [
  ["上海", "上海", "浦东新区张江路"],
  ["苏州", "江苏", "工业园区星湖街"],
  ["杭州", "浙江", "滨江区江南大道"],
  ["南京", "江苏", "江宁区天元路"],
  ["宁波", "浙江", "鄞州区天童南路"],
  ["合肥", "安徽", "高新区望江西路"],
  ["北京", "北京", "朝阳区酒仙桥路"],
  ["天津", "天津", "滨海新区黄海路"],
  ["广州", "广东", "天河区黄埔大道"],
  ["深圳", "广东", "南山区科技园路"],
  ["武汉", "湖北", "东湖高新区光谷大道"],
  ["成都", "四川", "高新区天府大道"],
] as const;

const PARTS = [
  { code: "DRV-40W", name: "LED 驱动电源 40W", priceFen: 8_500 },
  { code: "LED-MOD", name: "LED 灯珠模组", priceFen: 12_000 },
  { code: "SNS-PIR", name: "人体感应器", priceFen: 6_800 },
  { code: "CTL-BOX", name: "智能照明控制模块", priceFen: 32_000 },
  { code: "GLS-COV", name: "钢化玻璃灯罩", priceFen: 4_500 },
] as const;

const CAUSES = ["驱动电源损坏", "灯珠虚焊", "接线端子松动", "感应器失灵", "密封圈老化进水"];
const WORK = [
  "更换驱动电源，通电测试正常",
  "更换灯珠模组，亮度恢复",
  "紧固接线并做绝缘处理",
  "更换密封圈并烘干灯腔",
];

/** A small PNG: a signature drawn on the screen, as the signature pad sends it. */
const SIGNATURE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export type DemoOptions = {
  orgId: string;
  filesDir: string;
  publicUrl: string;
  /** How many days of history, up to now. */
  days?: number;
  /** Tickets received on a working day, on average. */
  ticketsPerDay?: number;
  seed?: number;
  /** Told of each simulated day as it starts. */
  progress?: (day: Date) => void;
};

export type DemoResult = {
  password: string;
  staff: { username: string; name: string; role: string; department: string }[];
  counts: { customers: number; tickets: number };
};

export async function loadDemo(db: Db, options: DemoOptions): Promise<DemoResult> {
  const { orgId, filesDir, publicUrl, days = 90, ticketsPerDay = 3, seed = 20261122 } = options;
  const rng = random(seed);
  const system: Ctx = { db, actor: { type: "system", orgId, name: "演示数据" }, ip: null, filesDir };
  const calendar = await officeCalendar(db, orgId);
  const end = new Date();
  const firstDay = localIsoDate(new Date(end.getTime() - days * 86_400_000), calendar.timeZone);
  const start = startOfLocalDay(firstDay, calendar.timeZone);
  const simulation = new Simulation(start, end);

  // ---- The organisation: staff in their departments, service points, parts, tools.
  const deptIds = new Map(
    (
      await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(eq(departments.orgId, orgId))
    ).map((d) => [d.name, d.id]),
  );
  const points = await db
    .select({ id: servicePoints.id, name: servicePoints.name, regions: servicePoints.regions })
    .from(servicePoints)
    .where(eq(servicePoints.orgId, orgId));
  const pointIds = new Map(points.map((p) => [p.name, p.id]));
  const roleIds = new Map(
    (await db.select({ id: roles.id, key: roles.key }).from(roles).where(eq(roles.orgId, orgId))).map((r) => [
      r.key,
      r.id,
    ]),
  );
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const staff = new Map<string, Staff>();
  const byId = new Map<string, Staff>();
  for (const person of DEMO_STAFF) {
    const departmentId = deptIds.get(person.department)!;
    const { id } = await createUser(system, {
      username: person.username,
      displayName: person.name,
      departmentId,
      servicePointId: "point" in person ? pointIds.get(person.point) : null,
      skills: person.role === "engineer" ? ["repair", "installation", ...PRODUCTS.slice(0, 6)] : undefined,
      roleIds: [roleIds.get(person.role)!],
    });
    // Demo accounts share one generated password and skip the first-sign-in change.
    await db
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(and(eq(users.orgId, orgId), eq(users.id, id)));
    if ("heads" in person)
      await db
        .update(departments)
        .set({ headUserId: id })
        .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)));
    const ctx: Staff = { db, actor: (await loadStaffActor(db, orgId, id))!, ip: null, filesDir };
    staff.set(person.username, ctx);
    byId.set(id, ctx);
  }
  const who = (username: (typeof DEMO_STAFF)[number]["username"]) => staff.get(username)!;
  const agents = [who("wangli"), who("zhaoqiang"), who("lina")];
  const supervisor = who("sunmei");
  const dispatcher = who("wupai");
  const quality = who("chenzhi");
  const finance = who("likuai");
  const inspector = who("zhengjian");
  /** The service points the demo's engineers work from. */
  const engineerPoints = points.filter((p) => DEMO_STAFF.some((s) => "point" in s && s.point === p.name));
  const categories = new Map((await listCategories(db, orgId)).map((c) => [c.name, c.id]));

  // Times: working minutes from an instant, a working moment of a day.
  const after = (from: Date, minMinutes: number, maxMinutes: number) =>
    addBusinessMinutes(calendar, from, minMinutes + Math.floor(rng() * (maxMinutes - minMinutes)));
  /** The working days before the day of `at`, latest first. */
  const workingDaysBefore = (at: Date, count: number) => {
    const found: string[] = [];
    for (
      let day = addDays(localIsoDate(at, calendar.timeZone), -1);
      found.length < count;
      day = addDays(day, -1)
    )
      if (workingPeriods(calendar, parseLocal(day)).length) found.push(day);
    return found;
  };
  /** A unit whose two-year warranty (C083) had ended before the history began is charged for. */
  const inWarranty = (purchase: { warrantyEndsOn: string | null; deliveredOn: string | null }) =>
    warrantyOn(purchase, firstDay).inWarranty;
  const workingDayAfter = (from: Date, earliestHour = 9, latestHour = 17) => {
    const day = nextWorkingDay(calendar, from);
    const minute = earliestHour * 60 + Math.floor(rng() * (latestHour - earliestHour) * 60);
    return addBusinessMinutes(
      calendar,
      new Date(startOfLocalDay(day, calendar.timeZone).getTime() + minute * 60_000),
      0,
    );
  };

  // ---- Customers, their installed base, parts in stock, tools: the first morning.
  type Customer = {
    id: string;
    contactId: string;
    name: string;
    province: string;
    address: string;
    purchases: { id: string; product: string; deliveredOn: string | null; warrantyEndsOn: string | null }[];
  };
  const customers: Customer[] = [];
  const partIds: string[] = [];
  simulation.add(start, async function* setUp() {
    for (let i = 0; i < 60; i++) {
      const [city, province, street] = pick(rng, PLACES);
      const isCompany = rng() < 0.7;
      const name = isCompany ? companyName(rng) : personName(rng);
      const address = `${city}市${street}${1 + Math.floor(rng() * 800)}号`;
      const { customerId, contactId } = await createCustomer(system, {
        kind: isCompany ? "enterprise" : "individual",
        name,
        grade: pick(rng, ["key", "normal", "normal", "potential"] as const),
        isVip: rng() < 0.1,
        phone: mobile(rng),
        region: province,
        address,
        tags: rng() < 0.3 ? ["节能关注型客户"] : [],
        contactName: isCompany ? personName(rng) : null,
      });
      const customer: Customer = { id: customerId, contactId, name, province, address, purchases: [] };
      for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) {
        const deliveredOn = localIsoDate(
          new Date(end.getTime() - (60 + Math.floor(rng() * 1100)) * 86_400_000),
          calendar.timeZone,
        );
        const product = pick(rng, PRODUCTS);
        const purchase = await addPurchase(system, customerId, {
          orderNo: `SO${deliveredOn.slice(0, 4)}${String(Math.floor(rng() * 1e5)).padStart(5, "0")}`,
          product,
          model: `KF-${100 + Math.floor(rng() * 900)}`,
          serialNo: `SN${Math.floor(rng() * 1e8)}`,
          quantity: 1 + Math.floor(rng() * 50),
          deliveredOn,
        });
        customer.purchases.push({ ...purchase, product });
      }
      customers.push(customer);
    }
    for (const part of PARTS) {
      const saved = await saveSparePart(dispatcher, null, { ...part, unit: "个" });
      partIds.push(saved.id);
      for (const { id: servicePointId } of engineerPoints) {
        await receiveStock(dispatcher, {
          partId: saved.id,
          servicePointId,
          quantity: 6 + Math.floor(rng() * 10),
          reference: "期初库存",
        });
        await setMinStock(dispatcher, { partId: saved.id, servicePointId, minStock: 4 });
      }
    }
    const today = localIsoDate(new Date(), calendar.timeZone);
    const meter = await addTool(dispatcher, {
      code: "GJ-001",
      name: "照度计 TES-1330A",
      servicePointId: pointIds.get("华东本部"),
      checkIntervalDays: 365,
      lastCheckedOn: today,
    });
    await addTool(dispatcher, {
      code: "GJ-002",
      name: "绝缘电阻测试仪",
      servicePointId: pointIds.get("华北"),
      checkIntervalDays: 60,
      lastCheckedOn: today,
    });
    await addTool(dispatcher, { code: "GJ-003", name: "升降作业平台", servicePointId: pointIds.get("华南") });
    yield after(new Date(), 60, 600);
    await lendTool(dispatcher, meter.id, {
      customerId: customers[0].id,
      dueBackOn: localIsoDate(new Date(Date.now() + 30 * 86_400_000), calendar.timeZone),
    });
    for (const customer of customers.filter((_, i) => i % 20 === 3)) {
      await createAgreement(system, {
        contractNo: `FW-${today.slice(0, 4)}-${String(customers.indexOf(customer) + 1).padStart(3, "0")}`,
        customerId: customer.id,
        title: `${customer.name} 照明设备年度维保协议`,
        startsOn: today,
        endsOn: localIsoDate(new Date(Date.now() + 365 * 86_400_000), calendar.timeZone),
        responseHours: 2,
        arrivalHours: 24,
        visitKind: "maintenance",
        visitsPerYear: 4,
        leadDays: 7,
        siteAddress: customer.address,
        ownerId: dispatcher.actor.userId,
      });
    }
    // QA plans the quarter's survey of key customers; the head of 质量管理部 approves it (C104).
    yield after(new Date(), 60, 400);
    const campaign = await createCampaign(inspector, {
      name: "重点客户季度满意度调查",
      templateId: (await defaultTemplate(db, orgId)).id,
      departmentId: inspector.actor.departmentId!,
      respondents: "customer",
      grades: ["key"],
      share: 1,
      recipients: [],
      anonymous: false,
      cadence: "quarterly",
      startOn: addDays(today, 14),
      closeOn: addDays(today, 34),
    });
    await submitCampaign(inspector, campaign.id);
    yield after(new Date(), 60, 400);
    await decideCampaign(quality, campaign.id, { approve: true, note: "同意，按季度执行" });
  });

  // ---- Tickets: arriving through the working days, each living its life.
  let ticketCount = 0;
  for (let day = firstDay; day <= localIsoDate(end, calendar.timeZone); day = addDays(day, 1)) {
    const periods = workingPeriods(calendar, parseLocal(day));
    if (!periods.length) continue;
    const midnight = startOfLocalDay(day, calendar.timeZone).getTime();
    const arrivals = Math.max(1, Math.round(ticketsPerDay * (0.6 + rng() * 0.8)));
    for (let i = 0; i < arrivals; i++) {
      const period = pick(rng, periods);
      const minute = period.start + Math.floor(rng() * (period.end - period.start));
      const at = new Date(midnight + minute * 60_000);
      if (at > end) continue;
      ticketCount++;
      const plan = {
        text: ticketText(rng),
        roll: rng(),
        agent: pick(rng, agents),
        customerIndex: rng(),
        // This week's work is partly where it stands on a Friday: waiting, on hold, mid-complaint.
        unfinished: at.getTime() > end.getTime() - 8 * 86_400_000 && rng() < 0.6,
      };
      simulation.add(at, () => ticketStory(plan));
    }
  }
  // And, whatever the dice said, what each role finds on a Friday: every engineer has a visit
  // accepted for the next working day, finance a charged repair to settle, the general manager a
  // complaint's compensation to approve.
  const lastDays = workingDaysBefore(end, 4);
  const textOf = (type: TicketType) => {
    for (;;) {
      const text = ticketText(rng);
      if (text.type === type) return text;
    }
  };
  const showcase = (day: string, hour: number, plan: Showcase) => {
    const at = new Date(startOfLocalDay(day, calendar.timeZone).getTime() + hour * 3_600_000);
    if (at > end) return;
    ticketCount++;
    simulation.add(at, () =>
      ticketStory({
        text: textOf(plan.type!),
        roll: 1,
        agent: agents[0],
        customerIndex: 0,
        unfinished: true,
        ...plan,
      }),
    );
  };
  for (const point of engineerPoints)
    showcase(lastDays[0], 9.5, { type: "repair", regions: point.regions, stand: 0.8 });
  showcase(lastDays[3], 9, { type: "complaint", stopAt: "approval-last", refund: 650_000 });
  showcase(lastDays[3], 11, { type: "complaint", stopAt: "execution", refund: 80_000 });
  showcase(lastDays[3], 10, { type: "repair", outOfWarranty: true, unfinished: false });
  // A take-back three days ago: the product is still in the workshop, or just repaired.
  showcase(lastDays[2], 9, { type: "repair", takeBack: true, unfinished: false });

  // ---- A recall (C084): three weeks ago a batch of one product, delivered in one season, was found
  // faulty; the dispatcher recalls it, one free visit per unit, a few customers a day.
  simulation.add(
    workingDayAfter(new Date(end.getTime() - 22 * 86_400_000), 10, 11),
    async function* recall() {
      const units = customers
        .flatMap((c) => c.purchases)
        .filter((p) => p.product === PRODUCTS[4] && p.deliveredOn)
        .sort((a, b) => a.deliveredOn!.localeCompare(b.deliveredOn!));
      const batch = units.slice(Math.max(0, units.length - 6));
      if (!batch.length) return;
      const campaign = await launchRecall(dispatcher, {
        title: `${PRODUCTS[4]}驱动电源批次隐患`,
        reason: "该批次驱动电源电容耐温不足，长期高温运行可能失效，免费更换驱动电源",
        product: PRODUCTS[4],
        deliveredFrom: batch[0].deliveredOn,
        deliveredTo: batch[batch.length - 1].deliveredOn,
      });
      const byTicket = new Map<string, { id: string; chargeable: boolean }[]>();
      for (const unit of await db
        .select({ ticketId: recallUnits.ticketId, id: workOrders.id, chargeable: workOrders.chargeable })
        .from(recallUnits)
        .innerJoin(
          workOrders,
          and(eq(workOrders.orgId, recallUnits.orgId), eq(workOrders.id, recallUnits.workOrderId)),
        )
        .where(and(eq(recallUnits.orgId, campaign.orgId), eq(recallUnits.campaignId, campaign.id)))
        .orderBy(asc(workOrders.number)))
        byTicket.set(unit.ticketId, [...(byTicket.get(unit.ticketId) ?? []), unit]);
      let i = 0;
      for (const [ticketId, orders] of byTicket)
        simulation.add(after(new Date(), 60 + i * 480, 120 + i++ * 480), async function* recallTicket() {
          const agent = pick(rng, agents);
          await changeTicketStatus(agent, ticketId, { action: "accept" });
          await changeTicketStatus(agent, ticketId, { action: "start" });
          // The last visit completed resolves the ticket, as for any repair; the callback follows.
          for (const order of orders) if (!(yield* visitStory(order, 1, false))) return;
          yield callbackTime();
          await changeTicketStatus(agent, ticketId, {
            action: "record_callback",
            text: "客户确认召回设备已免费处理，运行正常。",
            satisfied: true,
          });
        });
    },
  );

  async function* ticketStory(
    plan: {
      text: ReturnType<typeof ticketText>;
      roll: number;
      agent: Staff;
      customerIndex: number;
      unfinished: boolean;
    } & Showcase,
  ): Story {
    const { text } = plan;
    const agent = plan.agent;
    /** Who handles it now: the first responder, or the colleague it was passed to. */
    let holder = agent;
    const customer =
      customers.find(
        (c) =>
          plan.regions?.includes(c.province) ||
          (plan.outOfWarranty && c.purchases.some((p) => !inWarranty(p))),
      ) ?? customers[Math.floor(plan.customerIndex * customers.length)];
    const type: TicketType =
      plan.type ??
      (text.type === "inquiry" && plan.roll < 0.1
        ? pick(rng, ["suggestion", "praise", "other"] as const)
        : text.type);
    const priority: Priority = pick(rng, ["P1", "P2", "P2", "P3", "P3", "P3", "P4"] as const);
    const viaPortal = !plan.type && rng() < 0.15;
    const input = {
      type,
      title: text.title,
      description: text.description,
      priority,
      isGreenChannel: type === "complaint" && rng() < 0.1,
      customerId: customer.id,
      contactId: customer.contactId,
    };
    let ticket: { id: string };
    if (viaPortal) {
      const actor: CustomerActor = {
        type: "customer",
        orgId,
        customerId: customer.id,
        contactId: customer.contactId,
        name: customer.name,
      };
      ticket = await createTicket({ ...system, actor }, { ...input, channel: "portal" });
      if (plan.unfinished && !plan.type && rng() < 0.4) return; // still in the pool, for whoever takes it
      yield after(new Date(), 5, 120);
      await changeTicketStatus(agent, ticket.id, { action: "accept" });
    } else {
      ticket = await createTicket(agent, {
        ...input,
        channel:
          type === "repair" && rng() < 0.2
            ? "engineer_report"
            : pick(rng, ["phone", "phone", "phone", "walk_in", "letter"] as const),
      });
    }
    yield after(new Date(), 3, 90);
    await changeTicketStatus(agent, ticket.id, { action: "start" });
    await replyToTicket(agent, ticket.id, {
      body: "您好，您反映的问题已记录，我们正在处理，请保持电话畅通。",
    });
    if (type === "repair" && (plan.type || rng() < 0.8)) {
      if (!(yield* repairStory(ticket.id, agent, customer, plan.unfinished, plan))) return;
    } else if (type === "complaint") {
      const settled = yield* complaintStory(ticket.id, agent, plan.unfinished, plan);
      if (!settled) return;
      yield after(new Date(), 10, 120);
      await changeTicketStatus(agent, ticket.id, {
        action: "resolve",
        text: "投诉已按处理方案办结，客户已知悉。",
      });
    } else {
      if (rng() < 0.12) {
        // Passed on to a colleague, who now holds it (首问负责: the first responder still follows it).
        const colleague = pick(
          rng,
          agents.filter((a) => a !== agent),
        );
        await transferTicket(agent, ticket.id, {
          assigneeId: colleague.actor.userId,
          reason: "涉及对方负责的区域客户，转交处理",
        });
        holder = colleague;
        yield after(new Date(), 10, 240);
        await replyToTicket(colleague, ticket.id, { body: "您好，我是接手处理的客服，已核实相关情况。" });
        yield* resolveLater(ticket.id, colleague, priority);
      } else {
        if (plan.unfinished) {
          await changeTicketStatus(
            agent,
            ticket.id,
            rng() < 0.5
              ? { action: "wait_customer" }
              : { action: "hold", text: "等待客户提供现场照片与订单号" },
          );
          return;
        }
        if (rng() < 0.15) {
          await changeTicketStatus(agent, ticket.id, { action: "wait_customer" });
          yield after(new Date(), 120, 960);
          await changeTicketStatus(agent, ticket.id, { action: "resume" });
        }
        yield* resolveLater(ticket.id, agent, priority);
      }
    }
    // The first responder's closing callback the next working day (C085), then closing.
    yield callbackTime();
    // (A repair's unsatisfied customer signs so on site and is visited again there and then.)
    const satisfied = type === "repair" || rng() < 0.93;
    await changeTicketStatus(agent, ticket.id, {
      action: "record_callback",
      text: satisfied ? "客户确认问题已解决，表示满意。" : "客户表示问题仍未彻底解决，要求再次处理。",
      satisfied,
    });
    if (!satisfied) {
      yield* resolveLater(ticket.id, holder, priority);
      yield callbackTime();
      await changeTicketStatus(agent, ticket.id, {
        action: "record_callback",
        text: "客户确认已解决。",
        satisfied: true,
      });
    }
    yield after(new Date(), 5, 120);
    await changeTicketStatus(agent, ticket.id, { action: "close" });
  }

  /** The callback within its working day (C085), now and then late. */
  const callbackTime = () => (rng() < 0.08 ? after(new Date(), 460, 900) : after(new Date(), 200, 440));

  /** Resolution after a while that mostly meets the priority's deadline, and sometimes does not. */
  async function* resolveLater(ticketId: string, holder: Staff, priority: Priority): Story {
    const typical = { P1: 120, P2: 360, P3: 900, P4: 1500 }[priority];
    const late = rng() < 0.12;
    yield after(new Date(), late ? typical * 1.5 : typical * 0.1, late ? typical * 3 : typical * 0.9);
    await changeTicketStatus(holder, ticketId, {
      action: "resolve",
      text: pick(rng, [
        "已远程指导客户完成设置，功能恢复正常。",
        "已提供产品资料与报价单。",
        "已核实并向客户说明处理结果。",
      ]),
    });
  }

  // ---- On-site service: dispatched by 售后服务组, done by the engineer of the customer's region.
  async function* repairStory(
    ticketId: string,
    agent: Staff,
    customer: Customer,
    unfinished: boolean,
    forced: Pick<Showcase, "stand" | "outOfWarranty" | "takeBack">,
  ): AsyncGenerator<Date, boolean, void> {
    /** Where this week's unfinished job stands: on the board, dispatched, or accepted. */
    const stand = forced.stand ?? (unfinished ? rng() : 1);
    const purchase =
      (forced.outOfWarranty && customer.purchases.find((p) => !inWarranty(p))) ||
      pick(rng, customer.purchases);
    const order = await createWorkOrder(agent, ticketId, {
      purchaseId: purchase.id,
      fault: `${purchase.product}${pick(rng, ["不亮", "频闪", "亮度不足", "进水起雾", "遥控失灵"])}`,
      siteAddress: customer.address,
    });
    return yield* visitStory(order, stand, forced.takeBack ?? rng() < 0.08);
  }

  /**
   * A work order from the board to its settlement: dispatched to the suggested engineer, accepted,
   * the visit, now and then the product taken back to the workshop and brought back repaired (C075),
   * the signature, the paperwork. Returns whether the job was done.
   */
  async function* visitStory(
    order: { id: string; chargeable: boolean },
    stand: number,
    takeBack: boolean,
  ): AsyncGenerator<Date, boolean, void> {
    if (stand < 0.3) return false;
    yield after(new Date(), 10, 180);
    // The dispatcher takes the board's suggestion: same region, then skill, then least load (C067).
    const [suggested] = await suggestEngineers(dispatcher, order.id);
    const engineer = byId.get(suggested.id)!;
    const appointment = workingDayAfter(new Date(), 9, 16);
    await dispatchWorkOrder(dispatcher, order.id, {
      engineerId: engineer.actor.userId,
      appointmentAt: appointment,
    });
    if (stand < 0.6) return false;
    yield after(new Date(), 5, 90);
    await respondToWorkOrder(engineer, order.id, { accept: true });
    if (stand < 1) return false;
    yield new Date(appointment.getTime() - 60 * 60_000);
    await departForSite(engineer, order.id, {});
    const lateness = rng() < 0.12 ? 30 + rng() * 60 : -20 + rng() * 28;
    yield new Date(appointment.getTime() + lateness * 60_000);
    await arriveOnSite(engineer, order.id);
    yield after(new Date(), 30, 150);
    if (takeBack) {
      // Not to be fixed on site: the customer signs the receipt, the workshop repairs it, the
      // engineer brings it back and finishes the visit there.
      const receipt = await takeBackProduct(engineer, order.id, {
        signerName: "客户现场负责人",
        image: SIGNATURE,
        accessories: "灯体一套、遥控器一个",
        condition: "外壳完好，驱动电源有焦痕",
        expectedBackOn: nextWorkingDay(calendar, new Date(Date.now() + 3 * 86_400_000)),
      });
      yield after(new Date(), 600, 1800);
      await markRepaired(dispatcher, receipt.id, { repairNote: "更换驱动电源，老化测试 8 小时正常" });
      yield workingDayAfter(new Date(), 9, 15);
      await giveBackProduct(engineer, receipt.id, { receiptTakenBack: true });
      yield after(new Date(), 20, 60);
    }
    if (rng() < 0.5) await recordPartUse(engineer, order.id, { partId: pick(rng, partIds), quantity: 1 });
    await saveServiceReport(engineer, order.id, {
      diagnosis: "现场通电检测，确认故障现象与报修一致。",
      faultCause: pick(rng, CAUSES),
      workDone: pick(rng, WORK),
      testResult: "连续点亮 30 分钟正常",
      maintenanceAdvice: "每半年清洁灯罩，检查接线端子。",
    });
    const satisfied = rng() < 0.95;
    await signWorkOrder(engineer, order.id, {
      signerName: "客户现场负责人",
      opinion: satisfied ? "维修及时，态度很好" : "亮度仍不理想",
      satisfied,
      image: SIGNATURE,
    });
    // Out of warranty (C083), the work is charged: labour and travel besides the parts (C076).
    const charged = order.chargeable;
    const done = await completeWorkOrder(
      engineer,
      order.id,
      charged ? { labourFen: 20_000, travelFen: 5_000 } : {},
    );
    yield after(new Date(), 20, 90);
    await returnFromSite(engineer, order.id);
    if (!satisfied) {
      // Signed as not satisfied: the board has another visit to send (C077); the story goes on from it.
      const [again] = await db
        .select({ id: workOrders.id })
        .from(workOrders)
        .where(
          and(
            eq(workOrders.orgId, done.orgId),
            eq(workOrders.previousWorkOrderId, done.id),
            eq(workOrders.status, "pending"),
          ),
        );
      yield after(new Date(), 30, 240);
      await dispatchWorkOrder(dispatcher, again.id, {
        engineerId: engineer.actor.userId,
        appointmentAt: workingDayAfter(new Date(), 9, 16),
      });
      yield after(new Date(), 5, 60);
      await respondToWorkOrder(engineer, again.id, { accept: true });
      yield workingDayAfter(new Date(), 9, 11);
      await arriveOnSite(engineer, again.id);
      yield after(new Date(), 30, 90);
      await saveServiceReport(engineer, again.id, { workDone: "更换整灯，亮度达标" });
      await signWorkOrder(engineer, again.id, {
        signerName: "客户现场负责人",
        satisfied: true,
        image: SIGNATURE,
      });
      await completeWorkOrder(engineer, again.id, {});
    }
    // The paperwork goes on beside the ticket's callback: report, review, settlement (C073, C076).
    simulation.add(workingDayAfter(new Date(), 9, 12), async function* paperwork() {
      await submitServiceReport(engineer, order.id);
      yield after(new Date(), 30, 900);
      await reviewServiceReport(dispatcher, order.id, { approve: true });
      if (!charged) return;
      yield after(new Date(), 2250, 6750); // customers pay within one to three weeks
      await confirmSettlement(finance, order.id, { voucherNo: `SK-${Math.floor(rng() * 1e6)}` });
    });
    return true;
  }

  // ---- Complaints: a record with its steps, the departments' work, approvals and compensation.
  /** The complaint's record through its steps; an unfinished one stops at a step, as if today. */
  async function* complaintStory(
    ticketId: string,
    agent: Staff,
    unfinished: boolean,
    forced: Pick<Showcase, "stopAt" | "refund">,
  ): AsyncGenerator<Date, boolean, void> {
    const stopAt =
      forced.stopAt ??
      (unfinished
        ? pick(rng, [
            "confirm",
            "corrective",
            "approval",
            "approval-last",
            "approval-last",
            "execution",
            "feedback",
          ])
        : null);
    const severity: ComplaintSeverity = pick(
      rng,
      unfinished
        ? (["normal", "major"] as const)
        : (["minor", "minor", "normal", "normal", "major"] as const),
    );
    const category = rng() < 0.7 ? "产品问题" : "服务问题";
    yield after(new Date(), 10, 120);
    const complaint = await openComplaint(agent, ticketId, {
      classification: category === "产品问题" ? "quality" : "human",
      categoryId: categories.get(category)!,
      severity,
      customerRequest: pick(rng, ["更换不良品", "退货退款", "赔偿返工费用", "书面致歉并说明原因"]),
      customerWords: "希望尽快给出处理结果",
      sampleReceived: category === "产品问题",
    });
    let compensated = false;
    let rejected = false;
    for (let guard = 0; guard < 30; guard++) {
      yield after(new Date(), 20, 300);
      const [active] = await db
        .select()
        .from(complaintSteps)
        .where(
          and(
            eq(complaintSteps.orgId, complaint.orgId),
            eq(complaintSteps.complaintId, complaint.id),
            eq(complaintSteps.status, "active"),
          ),
        )
        .orderBy(asc(complaintSteps.seq));
      if (!active) return true;
      if (active.step === stopAt) return false;
      // Quality's steps are its head's; 客服部's (a service complaint) the first responder's own.
      const holder = active.departmentId === quality.actor.departmentId ? quality : agent;
      switch (active.step) {
        case "countersign": {
          const pending = await db
            .select()
            .from(complaintCountersigns)
            .where(
              and(
                eq(complaintCountersigns.orgId, complaint.orgId),
                eq(complaintCountersigns.complaintId, complaint.id),
                eq(complaintCountersigns.status, "pending"),
              ),
            );
          for (const row of pending) await countersign(holderOf(row.departmentId), row.id, { sign: true });
          break;
        }
        case "approval": {
          const [request] = await db
            .select()
            .from(approvalRequests)
            .where(
              and(
                eq(approvalRequests.orgId, complaint.orgId),
                eq(approvalRequests.complaintId, complaint.id),
                eq(approvalRequests.status, "pending"),
              ),
            );
          // Stopping at approval: the chain's last level still has it in their inbox.
          if (stopAt === "approval-last" && request.level === request.chain.length - 1) return false;
          const approver = approverFor(request.chain[request.level]);
          if (!rejected && rng() < 0.15) {
            rejected = true;
            await decideApproval(approver, request.id, {
              decision: "reject",
              comment: "预防措施需补充来料检验要求",
            });
          } else await decideApproval(approver, request.id, { decision: "approve", comment: "同意" });
          break;
        }
        case "execution": {
          const proposal = await offerProposal(agent, complaint.id, { body: "更换不良品并承担往返运费" });
          yield after(new Date(), 60, 600);
          await answerProposal(agent, proposal.id, {
            accepted: true,
            respondent: "客户联系人",
            channel: "phone",
          });
          await completeStep(holder, complaint.id, {
            step: "execution",
            record: { result: "已按方案更换并签收" },
          });
          break;
        }
        case "preventive":
          if (!compensated && (forced.refund || rng() < 0.6)) {
            compensated = true;
            await proposeCompensation(agent, complaint.id, {
              kind: forced.refund ? "refund" : pick(rng, ["refund", "replacement", "refund"] as const),
              // Above ¥5,000 the general manager approves last (核决权限).
              amountFen: forced.refund ?? pick(rng, [30_000, 80_000, 200_000, 650_000]),
              note: "不良品退换及返工费用",
            });
          }
          await completeStep(holder, complaint.id, {
            step: "preventive",
            record: { action: "来料按批次抽检，更新检验规程" },
          });
          break;
        default:
          await completeStep(holder, complaint.id, {
            step: active.step,
            record: STEP_RECORDS[active.step] ?? {},
            ...(active.step === "root_cause"
              ? { causeCategory: pick(rng, ["man", "machine", "material", "method"] as const) }
              : {}),
          });
      }
    }
    return false;
  }
  const holderOf = (departmentId: string) =>
    [...staff.values()].find(
      (s) => s.actor.departmentId === departmentId && s.actor.capabilities.has("ticket.handle"),
    ) ?? supervisor;
  /** Whoever of the demo's staff holds the approval level's role. */
  const approverFor = (roleKey: string) => who(DEMO_STAFF.find((p) => p.role === roleKey)!.username);

  // ---- What happens every day: the scheduled jobs of this organisation, and the people who answer
  // what they bring. The deadline sweep runs twice a working day (the server's runs every
  // minute; clocks only move in working time). Agreement visits are left to the server's schedule.
  for (let day = firstDay; day <= localIsoDate(end, calendar.timeZone); day = addDays(day, 1)) {
    const midnight = startOfLocalDay(day, calendar.timeZone).getTime();
    simulation.add(new Date(midnight + 8 * 3_600_000), () => dailyJobs(day));
    if (!workingPeriods(calendar, parseLocal(day)).length) continue;
    for (const hour of [11, 16])
      simulation.add(new Date(midnight + hour * 3_600_000), async () => {
        await sweepDueClocks(db);
      });
  }

  async function* dailyJobs(day: string): Story {
    await launchDueCampaigns(db);
    await drawCallbackSample(db, orgId, addDays(day, -1));
    await sendDueSurveys(db, publicUrl);
    await drawDuePlans(db, orgId);
    await proposeByRules(db, orgId, addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7));
    if (!workingPeriods(calendar, parseLocal(day)).length) return;
    // Sampled satisfaction callbacks due today, made by whoever they were given to (C086–C087).
    const due = await db
      .select({ id: callbackTasks.id, assigneeId: callbackTasks.assigneeId, number: tickets.number })
      .from(callbackTasks)
      .innerJoin(tickets, and(eq(tickets.orgId, callbackTasks.orgId), eq(tickets.id, callbackTasks.ticketId)))
      .where(
        and(
          eq(callbackTasks.orgId, orgId),
          eq(callbackTasks.reason, "satisfaction_sample"),
          eq(callbackTasks.status, "open"),
          eq(callbackTasks.dueOn, day),
        ),
      )
      .orderBy(asc(tickets.number));
    for (const task of due) {
      const caller = task.assigneeId ? byId.get(task.assigneeId) : undefined;
      if (!caller) continue;
      const at = after(new Date(), 30, 480);
      const reached = rng() < 0.85;
      const rating = ratingOf(rng);
      simulation.add(at, async () => {
        // Still on the caller's list (closing the ticket's own callback may have settled it)?
        const [still] = await db
          .select({ id: callbackTasks.id })
          .from(callbackTasks)
          .where(
            and(
              eq(callbackTasks.orgId, orgId),
              eq(callbackTasks.id, task.id),
              eq(callbackTasks.status, "open"),
            ),
          );
        if (!still) return;
        await recordSatisfactionCall(
          caller,
          task.id,
          reached
            ? { outcome: "answered", answers: answersOf(rating) }
            : { outcome: "unreachable", note: "连续两次拨打无人接听" },
        );
      });
    }
    // Survey links sent yesterday: about four in ten customers answer.
    const sent = await db
      .select({ token: surveyInvitations.token })
      .from(surveyInvitations)
      .leftJoin(
        tickets,
        and(eq(tickets.orgId, surveyInvitations.orgId), eq(tickets.id, surveyInvitations.ticketId)),
      )
      .where(
        and(
          eq(surveyInvitations.orgId, orgId),
          isNull(surveyInvitations.answeredAt),
          sql`${surveyInvitations.sentAt} >= ${new Date(Date.now() - 86_400_000).toISOString()}::timestamptz`,
        ),
      )
      .orderBy(
        asc(tickets.number),
        asc(surveyInvitations.recipientName),
        asc(surveyInvitations.recipientAddress),
      );
    for (const invitation of sent) {
      if (rng() >= 0.4) continue;
      const rating = ratingOf(rng);
      simulation.add(after(new Date(), 60, 900), async () => {
        await answerSurvey(db, invitation.token, { answers: answersOf(rating) }).catch(() => undefined);
      });
    }
    // Quality inspections drawn for the inspector, scored within days; a few fail and are rectified.
    const open = await db
      .select({ id: qaInspections.id, agentId: qaInspections.agentId })
      .from(qaInspections)
      .where(
        and(
          eq(qaInspections.orgId, orgId),
          eq(qaInspections.status, "open"),
          eq(qaInspections.inspectorId, inspector.actor.userId),
          sql`${qaInspections.createdAt} < ${new Date(Date.now() - 86_400_000).toISOString()}::timestamptz`,
        ),
      )
      .orderBy(asc(qaInspections.createdAt), asc(qaInspections.id));
    for (const inspection of open.filter((i) => !scoring.has(i.id)).slice(0, 3)) {
      scoring.add(inspection.id);
      const base = 82 + Math.floor(rng() * 12);
      const failed = rng() < 0.1;
      simulation.add(after(new Date(), 30, 480), async () => {
        const scores = Object.fromEntries(
          ["attitude", "accuracy", "process", "forbidden", "timeliness"].map((k) => [
            k,
            failed ? 40 + Math.floor(rng() * 20) : Math.min(100, base + Math.floor(rng() * 8)),
          ]),
        );
        await scoreInspection(inspector, inspection.id, {
          method: "form_check",
          scores,
          findings: failed ? "未按规定向客户说明处理时限，记录不完整。" : "处理规范，答复准确。",
          rectification: failed
            ? {
                requirement: "补全处理记录，复习首问负责制流程",
                dueOn: nextWorkingDay(calendar, new Date(Date.now() + 5 * 86_400_000)),
              }
            : undefined,
        });
        // Some who fail appeal to the QA manager, with their reasons (C113).
        const agent = byId.get(inspection.agentId);
        if (failed && agent && rng() < 0.5)
          await appealInspection(agent, inspection.id, {
            reason: "当时客户挂断电话，已在备注中说明处理时限，请复核。",
          });
      });
    }
    // Management decides the month's proposed rewards and penalties and publishes them (C119).
    if (day.slice(8) >= "05" && day.slice(8) <= "10") {
      const proposed = await db
        .select({ id: sanctions.id, userId: sanctions.userId, proposedBy: sanctions.proposedBy })
        .from(sanctions)
        .where(and(eq(sanctions.orgId, orgId), eq(sanctions.status, "proposed")))
        .orderBy(asc(sanctions.createdAt), asc(sanctions.id));
      for (const sanction of proposed) {
        const manager = who("zhoujun");
        const decider = [sanction.userId, sanction.proposedBy].includes(manager.actor.userId)
          ? who("qianzong")
          : manager;
        const approve = rng() < 0.85;
        await decideSanction(decider, sanction.id, {
          approve,
          note: approve ? "核实无误，同意" : "情节轻微，口头提醒即可",
        });
        if (approve) await publishSanction(decider, sanction.id);
      }
    }
    // Follow-ups opened for unsatisfied customers (C093): their first responder calls and settles them.
    const followUps = await db
      .select({ id: tickets.id, assigneeId: tickets.assigneeId })
      .from(tickets)
      .where(and(eq(tickets.orgId, orgId), eq(tickets.channel, "internal"), eq(tickets.status, "accepted")))
      .orderBy(asc(tickets.number));
    for (const followUp of followUps) {
      const holder = followUp.assigneeId ? byId.get(followUp.assigneeId) : undefined;
      if (!holder || following.has(followUp.id)) continue;
      following.add(followUp.id);
      simulation.add(after(new Date(), 30, 300), () => followUpStory(followUp.id, holder));
    }
    // Finance pays approved refunds within a week; goods for replacements come back (C058–C059).
    const payable = await db
      .select({ id: compensations.id, kind: compensations.kind })
      .from(compensations)
      .where(and(eq(compensations.orgId, orgId), eq(compensations.status, "approved")))
      .orderBy(asc(compensations.createdAt));
    // (This week's approvals are still on finance's list.)
    for (const c of Date.now() < end.getTime() - 5 * 86_400_000 ? payable : []) {
      if (c.kind !== "refund" || rng() < 0.6) continue;
      await markCompensationPaid(finance, c.id, {
        voucherNo: `记-${day.replaceAll("-", "")}-${Math.floor(rng() * 900) + 100}`,
        paidOn: day,
      });
    }
    const returns = await db
      .select({ id: rmas.id, status: rmas.status })
      .from(rmas)
      .where(and(eq(rmas.orgId, orgId), eq(rmas.status, "awaiting_goods")))
      .orderBy(asc(rmas.number));
    for (const r of returns) if (rng() < 0.3) await advanceRma(quality, r.id, { status: "received" });
    // QA submits the quarter's satisfaction analysis by the 30th of its last month (C098, C106).
    const quarterMonth = Number(day.slice(5, 7));
    if (quarterMonth % 3 === 0 && day.slice(8) >= "25" && !analysed.has(day.slice(0, 7))) {
      analysed.add(day.slice(0, 7));
      await submitAnalysis(inspector, `${day.slice(0, 4)}-Q${quarterMonth / 3}`, {
        summary: "本季度客户总体满意，主要不满集中在上门时效与备件等待；已制定改进措施并跟踪落实。",
      });
    }
    // Early in a month the manager opens last month's appraisal, scores everyone and publishes it;
    // the month before now stays a draft being scored.
    const month = day.slice(0, 7);
    if (!appraised.has(month) && `${addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7)}-01` >= firstDay) {
      appraised.add(month);
      yield after(new Date(), 60, 300);
      const manager = who("zhoujun");
      const opened = await openAppraisal(manager, {
        cadence: "month",
        day: addDays(`${day.slice(0, 7)}-01`, -1),
      });
      const { period, results } = await appraisalResultsOf(manager, opened.id);
      for (const result of results) {
        const scorer = result.userId === manager.actor.userId ? who("qianzong") : manager;
        await scoreAppraisal(scorer, result.id, {
          manual: Object.fromEntries(period.scheme.criteria.map((c) => [c.id, 75 + Math.floor(rng() * 21)])),
        });
      }
      if (month < localIsoDate(end, calendar.timeZone).slice(0, 7))
        await publishAppraisal(manager, opened.id);
    }
  }
  const appraised = new Set<string>();
  const analysed = new Set<string>();
  const scoring = new Set<string>();
  const following = new Set<string>();

  async function* followUpStory(ticketId: string, holder: Staff): Story {
    await changeTicketStatus(holder, ticketId, { action: "start" });
    await replyToTicket(holder, ticketId, {
      body: "您好，看到您对上次服务的评价，我们已安排专人跟进，向您致歉。",
    });
    yield after(new Date(), 60, 600);
    await changeTicketStatus(holder, ticketId, {
      action: "resolve",
      text: "已致电客户了解不满原因并改进，客户表示理解。",
    });
    yield callbackTime();
    await changeTicketStatus(holder, ticketId, {
      action: "record_callback",
      text: "客户认可改进措施。",
      satisfied: true,
    });
    await changeTicketStatus(holder, ticketId, { action: "close" });
  }

  await simulation.run((at) => options.progress?.(at));
  // Now: the sweep catches up with deadlines passed since the last working hour, and the agreements'
  // schedule (it reads the database's clock, today) puts the visits now due on the board.
  await sweepDueClocks(db);
  await runAgreementSchedule(db);
  return {
    password,
    staff: DEMO_STAFF.map(({ username, name, role, department }) => ({ username, name, role, department })),
    counts: { customers: customers.length, tickets: ticketCount },
  };
}

/** A ticket the demo needs whatever the dice say, so that a role's page is not empty on the last day. */
type Showcase = {
  type?: TicketType;
  /** A customer in these regions (a service point's). */
  regions?: string[];
  /** A repair of a unit out of warranty (charged). */
  outOfWarranty?: boolean;
  /** Where the repair stands: < 0.3 on the board, < 0.6 dispatched, < 1 accepted. */
  stand?: number;
  /** The engineer takes the product back to the workshop (C075). */
  takeBack?: boolean;
  stopAt?: string;
  /** A complaint's refund, in fen (above ¥5,000 the general manager approves last). */
  refund?: number;
  unfinished?: boolean;
};

const STEP_RECORDS: Record<string, Record<string, unknown>> = {
  confirm: { facts: "已与客户核实，抽检样品确认问题属实" },
  responsibility: { handling: "由责任部门分析原因并制定纠正措施" },
  root_cause: { cause: "供应商来料批次不稳定，进货检验未覆盖" },
  corrective: { action: "隔离并全检库存同批次产品" },
  verification: { effective: true, note: "后续三批次抽检合格" },
  close: { documents: "进货检验规程已更新" },
  feedback: { message: "已电话告知客户处理结果，客户认可" },
};

/** A customer's rating 1–5, mostly content. */
const ratingOf = (rng: Rng) => {
  const r = rng();
  return r < 0.55 ? 5 : r < 0.85 ? 4 : r < 0.95 ? 3 : r < 0.98 ? 2 : 1;
};
const answersOf = (rating: number) => ({
  service: rating,
  timeliness: Math.max(1, rating - (rating > 3 ? 0 : 1)),
  result: rating,
  quality: rating,
  recommend: rating >= 4 ? "会" : "不会",
});

const parseLocal = (day: string) => ({
  y: Number(day.slice(0, 4)),
  m: Number(day.slice(5, 7)),
  d: Number(day.slice(8)),
});
