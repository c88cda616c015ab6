import { eq } from "drizzle-orm";
import { DEFAULT_CALENDAR } from "../../common/business-time";
import { DEFAULT_ROLES } from "../../common/capabilities";
import type { Db } from "../db/client";
import {
  businessCalendars,
  departments,
  forbiddenPhrases,
  organizations,
  roles,
  servicePoints,
  standardAnswers,
  userRoles,
  users,
} from "../db/schema";
import { insertAutomationDefaults } from "../modules/automations/defaults";
import { insertComplaintDefaults } from "../modules/complaints/settings";
import { hashPassword, oneTimePassword } from "../modules/identity/passwords";
import { insertFormDefaults } from "../modules/records/forms";
import { insertRetentionDefaults } from "../modules/records/retention";
import { insertDefaultPolicies } from "../modules/sla/policies";

// The defaults SPEC M0/M2 asks for: editable after seeding.
const DEPARTMENTS: { name: string; children?: string[] }[] = [
  { name: "客服部" },
  { name: "售后服务部", children: ["售后服务组", "维修服务组"] },
  { name: "质量管理部" },
  { name: "技术部" },
  { name: "生产部" },
  { name: "销售部" },
  { name: "经营科" },
  { name: "财务部" },
  { name: "市场部" },
  { name: "管理部" },
  { name: "总经理室" },
  { name: "法务部" },
];

const SERVICE_POINTS: { name: string; isHeadquarters?: boolean; regions: string[] }[] = [
  {
    name: "华东本部",
    isHeadquarters: true,
    regions: ["上海", "江苏", "浙江", "安徽", "江西", "福建", "山东"],
  },
  { name: "华北", regions: ["北京", "天津", "河北", "山西", "内蒙古"] },
  { name: "华中", regions: ["河南", "湖北", "湖南"] },
  { name: "华南", regions: ["广东", "广西", "海南"] },
  { name: "西北", regions: ["陕西", "甘肃", "青海", "宁夏", "新疆"] },
  { name: "东北", regions: ["辽宁", "吉林", "黑龙江"] },
  { name: "西南", regions: ["重庆", "四川", "贵州", "云南", "西藏"] },
];

// Seed 000 咨询服务管理规定 三 names the first two; the rest are common 服务忌语.
const FORBIDDEN_PHRASES = [
  "我不知道",
  "这事情不归我管",
  "不归我管",
  "你自己看着办",
  "我也没办法",
  "这不是我们的问题",
];

const STANDARD_ANSWERS = [
  { category: "问候", title: "开场问候", body: "您好，这里是客服中心，很高兴为您服务，请问有什么可以帮您？" },
  {
    category: "时间承诺",
    title: "稍后回复",
    body: "您反映的问题我已详细记录，需要与相关部门核实，我会在约定时间前给您答复。",
  },
  {
    category: "报修",
    title: "报修受理",
    body: "您的报修已受理，我们将在 24 小时内安排工程师与您联系预约上门时间。",
  },
  {
    category: "结束语",
    title: "结束问候",
    body: "感谢您的来电，如有其他问题欢迎随时联系我们，祝您生活愉快！",
  },
];

export type SeededOrganization = {
  orgId: string;
  adminUserId: string;
  adminUsername: string;
  adminPassword: string;
};

/** Creates an organisation with its default departments, service points, roles and an administrator. */
export async function seedOrganization(
  db: Db,
  input: { slug: string; name: string; adminPassword?: string },
): Promise<SeededOrganization> {
  const adminPassword = input.adminPassword ?? oneTimePassword();
  const passwordHash = await hashPassword(adminPassword);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values({ slug: input.slug, name: input.name }).returning();
    const orgId = org.id;
    let sortOrder = 0;
    let serviceDeptId = "";
    for (const dept of DEPARTMENTS) {
      const [parent] = await tx
        .insert(departments)
        .values({ orgId, name: dept.name, sortOrder: sortOrder++ })
        .returning({ id: departments.id });
      if (dept.name === "客服部") serviceDeptId = parent.id;
      for (const child of dept.children ?? []) {
        await tx
          .insert(departments)
          .values({ orgId, parentId: parent.id, name: child, sortOrder: sortOrder++ });
      }
    }
    await tx.insert(servicePoints).values(SERVICE_POINTS.map((p) => ({ orgId, ...p })));
    const insertedRoles = await tx
      .insert(roles)
      .values(
        DEFAULT_ROLES.map((r) => ({
          orgId,
          key: r.key,
          name: r.name,
          capabilities: r.capabilities,
          dataScope: r.scope,
        })),
      )
      .returning({ id: roles.id, key: roles.key });
    await tx.insert(forbiddenPhrases).values(FORBIDDEN_PHRASES.map((phrase) => ({ orgId, phrase })));
    await tx.insert(standardAnswers).values(STANDARD_ANSWERS.map((a) => ({ orgId, ...a })));
    await tx.insert(businessCalendars).values([
      { orgId, name: "标准工作日历", ...DEFAULT_CALENDAR, isDefault: true },
      { orgId, name: "7×24 值班日历", ...DEFAULT_CALENDAR, is24x7: true, exceptions: {} },
    ]);
    await insertDefaultPolicies(tx, orgId);
    await insertComplaintDefaults(tx, orgId);
    await insertRetentionDefaults(tx, orgId);
    await insertFormDefaults(tx, orgId);
    await insertAutomationDefaults(tx, orgId);
    const [admin] = await tx
      .insert(users)
      .values({
        orgId,
        username: "admin",
        displayName: "系统管理员",
        departmentId: serviceDeptId,
        passwordHash,
        mustChangePassword: true,
      })
      .returning({ id: users.id });
    const adminRole = insertedRoles.find((r) => r.key === "admin")!;
    await tx.insert(userRoles).values({ orgId, userId: admin.id, roleId: adminRole.id });
    return { orgId, adminUserId: admin.id, adminUsername: "admin", adminPassword };
  });
}

/** First start: seeds the default organisation once; later starts find it and do nothing. */
export async function ensureDefaultOrganization(
  db: Db,
  adminPassword?: string,
): Promise<SeededOrganization | null> {
  const seeded = () =>
    db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "default"));
  if ((await seeded()).length) return null;
  try {
    return await seedOrganization(db, { slug: "default", name: "默认组织", adminPassword });
  } catch (error) {
    // Several servers started at once on an empty database: one seeds, the others find it seeded.
    if ((await seeded()).length) return null;
    throw error;
  }
}
