// `npm run demo`: loads a realistic demo data set into the default organisation — staff for each
// role, customers with contacts and installed base, and tickets in every state with real timelines,
// all created through the same domain functions the API uses.
import { and, eq } from "drizzle-orm";
import { loadConfig } from "../../config";
import type { Ctx, StaffActor } from "../../lib/context";
import { addPurchase } from "../../modules/customers/contacts-and-purchases";
import { createCustomer } from "../../modules/customers/save-customer";
import { hashPassword, oneTimePassword } from "../../modules/identity/passwords";
import { loadStaffActor } from "../../modules/identity/sessions";
import { createUser } from "../../modules/identity/users";
import { changeTicketStatus } from "../../modules/tickets/change-status";
import { createTicket } from "../../modules/tickets/create-ticket";
import { replyToTicket } from "../../modules/tickets/reply-to-ticket";
import { transferTicket } from "../../modules/tickets/transfer-ticket";
import { openConfiguredDatabase } from "../client";
import { departments, organizations, roles, users } from "../schema";
import { ensureDefaultOrganization } from "./organization";
import { companyName, mobile, PRODUCTS, personName, pick, random, ticketText } from "./sample-text";

const STAFF = [
  { username: "wangli", name: "王丽", role: "agent", department: "客服部" },
  { username: "zhaoqiang", name: "赵强", role: "agent", department: "客服部" },
  { username: "sunmei", name: "孙梅", role: "supervisor", department: "客服部" },
  { username: "zhoujun", name: "周军", role: "manager", department: "客服部" },
  { username: "liugong", name: "刘工", role: "engineer", department: "维修服务组" },
  { username: "chenzhi", name: "陈质", role: "department_head", department: "质量管理部" },
  { username: "wupai", name: "吴派", role: "dispatcher", department: "售后服务组" },
];

const config = loadConfig();
const database = await openConfiguredDatabase(config);
const seeded = await ensureDefaultOrganization(database.db, config.adminPassword);
if (seeded && !config.adminPassword)
  console.log(`Administrator admin, one-time password: ${seeded.adminPassword}`);
const [org] = await database.db.select().from(organizations).where(eq(organizations.slug, "default"));
const [existing] = await database.db
  .select()
  .from(users)
  .where(and(eq(users.orgId, org.id), eq(users.username, "wangli")));
if (existing) {
  console.log("The demo data set is already loaded.");
  await database.close();
  process.exit(0);
}

const system: Ctx = {
  db: database.db,
  actor: { type: "system", orgId: org.id, name: "演示数据" },
  ip: null,
  filesDir: `${config.dataDir}/files`,
};
const deptIds = new Map(
  (await database.db.select().from(departments).where(eq(departments.orgId, org.id))).map((d) => [
    d.name,
    d.id,
  ]),
);
const roleIds = new Map(
  (await database.db.select().from(roles).where(eq(roles.orgId, org.id))).map((r) => [r.key, r.id]),
);
const password = oneTimePassword();
const passwordHash = await hashPassword(password);
const staff = new Map<string, Ctx & { actor: StaffActor }>();
for (const person of STAFF) {
  const { id } = await createUser(system, {
    username: person.username,
    displayName: person.name,
    departmentId: deptIds.get(person.department),
    roleIds: [roleIds.get(person.role)!],
  });
  // Demo accounts share one generated password and skip the first-sign-in change.
  await database.db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, id));
  staff.set(person.username, { ...system, actor: (await loadStaffActor(database.db, org.id, id))! });
}

const rng = random(20261122);
const customerIds: string[] = [];
for (let i = 0; i < 40; i++) {
  const isCompany = rng() < 0.7;
  const { customerId } = await createCustomer(system, {
    kind: isCompany ? "enterprise" : "individual",
    name: isCompany ? companyName(rng) : personName(rng),
    grade: pick(rng, ["key", "normal", "normal", "potential"] as const),
    isVip: rng() < 0.1,
    phone: mobile(rng),
    tags: rng() < 0.3 ? ["节能关注型客户"] : [],
    contactName: isCompany ? personName(rng) : null,
  });
  customerIds.push(customerId);
  if (rng() < 0.8) {
    const delivered = new Date(
      Date.UTC(2024 + Math.floor(rng() * 3), Math.floor(rng() * 12), 1 + Math.floor(rng() * 27)),
    );
    await addPurchase(system, customerId, {
      orderNo: `SO${delivered.getUTCFullYear()}${String(Math.floor(rng() * 1e5)).padStart(5, "0")}`,
      product: pick(rng, PRODUCTS),
      model: `KF-${100 + Math.floor(rng() * 900)}`,
      serialNo: `SN${Math.floor(rng() * 1e8)}`,
      quantity: 1 + Math.floor(rng() * 50),
      deliveredOn: delivered.toISOString().slice(0, 10),
    });
  }
}

const agents = [staff.get("wangli")!, staff.get("zhaoqiang")!];
const quality = staff.get("chenzhi")!;
for (let i = 0; i < 120; i++) {
  const agent = pick(rng, agents);
  const text = ticketText(rng);
  const ticket = await createTicket(agent, {
    ...text,
    channel: pick(rng, ["phone", "phone", "phone", "walk_in", "letter"] as const),
    priority: pick(rng, ["P1", "P2", "P3", "P3", "P4"] as const),
    isGreenChannel: text.type === "complaint" && rng() < 0.1,
    customerId: pick(rng, customerIds),
  });
  const stage = rng();
  if (stage < 0.25) continue;
  await changeTicketStatus(agent, ticket.id, { action: "start" });
  if (text.type === "complaint" && rng() < 0.5) {
    await transferTicket(agent, ticket.id, {
      assigneeId: quality.actor.userId,
      reason: "疑似产品质量问题，转质量管理部调查",
    });
    await replyToTicket(quality, ticket.id, {
      body: "您好，我们已安排质量工程师对样品进行检测，三个工作日内给您答复。",
    });
    continue;
  }
  await replyToTicket(agent, ticket.id, { body: "您好，您反映的问题已记录，我们正在处理，请保持电话畅通。" });
  if (stage < 0.5) continue;
  await changeTicketStatus(agent, ticket.id, {
    action: "resolve",
    text: "已远程指导客户排除故障 / 已安排更换配件。",
  });
  if (stage < 0.75) continue;
  await changeTicketStatus(agent, ticket.id, {
    action: "record_callback",
    text: "客户确认问题已解决，表示满意。",
    satisfied: true,
  });
  await changeTicketStatus(agent, ticket.id, { action: "close" });
}

console.log(`Demo data loaded: ${STAFF.length} staff, 40 customers, 120 tickets.`);
console.log(`Demo staff (${STAFF.map((s) => s.username).join(", ")}) sign in with the password: ${password}`);
await database.close();
