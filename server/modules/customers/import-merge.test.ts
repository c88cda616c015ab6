import { and, eq, isNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { auditLog, customers, tickets } from "../../db/schema";
import { AppError } from "../../lib/errors";
import {
  createOrg,
  createStaff,
  createTestTicket,
  multipartFile,
  testApp,
  testDatabase,
  usernameOf,
} from "../../test/factories";
import { exportCustomers, importCustomers } from "./import-export";
import { findDuplicates, mergeCustomers } from "./merge-customers";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

async function sheet(rows: (string | null)[][]) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("客户");
  ws.addRow([
    "客户名称",
    "类别",
    "等级",
    "VIP",
    "电话",
    "邮箱",
    "地址",
    "地区",
    "行业",
    "标签",
    "联系人",
    "备注",
  ]);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const activeCount = async (orgId: string) =>
  (
    await database.db
      .select()
      .from(customers)
      .where(and(eq(customers.orgId, orgId), isNull(customers.mergedIntoId)))
  ).length;

describe("customer import and export", () => {
  it("a file with one bad row is refused whole with a row-by-row report; nothing is imported", async () => {
    const fresh = await createOrg(database);
    const supervisor = await createStaff(database, fresh, "supervisor");
    const file = await sheet([
      [
        "苏州光明电器有限公司",
        "企业",
        "重点",
        "是",
        "0512-66668888",
        "sales@gm.example.com",
        "苏州工业园区",
        "江苏",
        "照明",
        "节能关注型客户，经销商",
        "吴经理",
        null,
      ],
      ["", "企业", "普通", null, null, null, null, null, null, null, null, null],
      ["王先生", "个体户", "普通", null, "13511112222", null, null, null, null, null, null, null],
    ]);
    const error = await importCustomers(supervisor, file).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("IMPORT_FAILED");
    expect((error as AppError).details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "客户名称" }),
        expect.objectContaining({ row: 4, column: "类别" }),
      ]),
    );
    expect(await activeCount(fresh.orgId)).toBe(0);
  });

  it("a good file imports every row with its tags and contact, audited", async () => {
    const fresh = await createOrg(database);
    const supervisor = await createStaff(database, fresh, "supervisor");
    const file = await sheet([
      [
        "苏州光明电器有限公司",
        "企业",
        "重点",
        "是",
        "0512-66668888",
        "sales@gm.example.com",
        "苏州工业园区",
        "江苏",
        "照明",
        "节能关注型客户，经销商",
        "吴经理",
        null,
      ],
      ["王先生", "个人", "潜在", null, "13511112222", null, null, null, null, null, null, null],
    ]);
    expect(await importCustomers(supervisor, file)).toEqual({ imported: 2 });
    const rows = await database.db.select().from(customers).where(eq(customers.orgId, fresh.orgId));
    const company = rows.find((r) => r.name === "苏州光明电器有限公司")!;
    expect(company).toMatchObject({ grade: "key", isVip: true, tags: ["节能关注型客户", "经销商"] });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, fresh.orgId), eq(auditLog.action, "customer.imported")));
    expect(audits[0].after).toEqual({ count: 2 });
  });

  it("C005 an export is audited and masks personal data for an exporter without customer.pii.view", async () => {
    const fresh = await createOrg(database);
    const agent = await createStaff(database, fresh, "agent");
    await createTestTicket(agent, { newCustomer: { name: "钱女士", phone: "13622223333" } });
    await expect(exportCustomers(agent)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const supervisor = await createStaff(database, fresh, "supervisor");
    const read = async (buffer: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
      return workbook.worksheets[0].getRow(2).getCell(5).value;
    };
    expect(await read(await exportCustomers(supervisor))).toBe("13622223333");
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, fresh.orgId), eq(auditLog.action, "customer.exported")));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(supervisor.actor.userId);
  });

  it("import works over HTTP with multipart and reports errors in the envelope", async () => {
    const fresh = await createOrg(database);
    const supervisor = await createStaff(database, fresh, "supervisor");
    const http = await testApp(database, fresh);
    const client = await http.signIn(await usernameOf(database, supervisor.actor.userId));
    const bad = multipartFile(
      "file",
      "客户.xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      await sheet([["", "企业"]]),
    );
    const res = await http.app.inject({
      method: "POST",
      url: "/api/customers/import",
      payload: bad.payload,
      headers: { ...bad.headers, cookie: client.cookie, "x-csrf-token": client.csrf },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("IMPORT_FAILED");
    expect(res.json().error.message).toContain("未导入任何数据");
    expect(res.json().error.details[0]).toMatchObject({ row: 2, column: "客户名称" });
  });
});

describe("duplicates and merge", () => {
  it("finds a duplicate by phone and merges it keeping every ticket, contact and tag", async () => {
    const fresh = await createOrg(database);
    const supervisor = await createStaff(database, fresh, "supervisor");
    const first = await createTestTicket(supervisor, {
      newCustomer: { name: "李雷", phone: "138 0000 1234" },
    });
    const second = await createTestTicket(supervisor, {
      newCustomer: { name: "李 雷（公司）", phone: "13800001234" },
    });
    const duplicates = await findDuplicates(supervisor, first.customerId!);
    expect(duplicates.map((d) => d.id)).toEqual([second.customerId]);
    expect(duplicates[0].matchedOn).toEqual(["phone"]);
    const agent = await createStaff(database, fresh, "agent");
    await expect(
      mergeCustomers(agent, { sourceId: second.customerId!, targetId: first.customerId! }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const result = await mergeCustomers(supervisor, {
      sourceId: second.customerId!,
      targetId: first.customerId!,
    });
    expect(result.moved).toEqual({ contacts: 1, purchases: 0, tickets: 1 });
    const [moved] = await database.db.select().from(tickets).where(eq(tickets.id, second.id));
    expect(moved.customerId).toBe(first.customerId);
    expect(await activeCount(fresh.orgId)).toBe(1);
    await expect(
      mergeCustomers(supervisor, { sourceId: second.customerId!, targetId: first.customerId! }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
