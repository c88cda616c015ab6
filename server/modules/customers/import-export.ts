import { and, desc, isNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { CUSTOMER_GRADES, CUSTOMER_KINDS } from "../../../common/enums";
import { customerInput } from "../../../common/schemas/customers";
import { describeIssues, fieldIssueOf } from "../../../common/validation";
import { customers } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can, requireCapability } from "../../lib/context";
import {
  addSheet,
  type ImportRowError,
  importFailed,
  MISSING_COLUMN,
  readFirstSheet,
  shouldBe,
} from "../../lib/xlsx";
import { visibleCustomers } from "./policy";
import { presentCustomer } from "./queries";
import { insertCustomer } from "./save-customer";

// The sheet layout (顾客资料一览表) both import and export use; the template is an empty export.
const COLUMNS = [
  { key: "name", header: "客户名称", width: 28 },
  { key: "kind", header: "类别", width: 8 },
  { key: "grade", header: "等级", width: 10 },
  { key: "isVip", header: "VIP", width: 6 },
  { key: "phone", header: "电话", width: 16 },
  { key: "email", header: "邮箱", width: 24 },
  { key: "address", header: "地址", width: 32 },
  { key: "region", header: "地区", width: 10 },
  { key: "industry", header: "行业", width: 12 },
  { key: "tags", header: "标签", width: 20 },
  { key: "contactName", header: "联系人", width: 10 },
  { key: "notes", header: "备注", width: 30 },
] as const;
const KIND_WORDS: Record<string, (typeof CUSTOMER_KINDS)[number]> = {
  企业: "enterprise",
  个人: "individual",
  enterprise: "enterprise",
  individual: "individual",
};
const GRADE_WORDS: Record<string, (typeof CUSTOMER_GRADES)[number]> = {
  重点: "key",
  重点客户: "key",
  普通: "normal",
  普通客户: "normal",
  潜在: "potential",
  潜在客户: "potential",
  key: "key",
  normal: "normal",
  potential: "potential",
};

/**
 * Imports customers from the first sheet. Every row is checked first; if any row is wrong the
 * whole file is refused with a row-by-row report and nothing is imported.
 */
export async function importCustomers(ctx: Ctx, file: Buffer) {
  requireCapability(ctx.actor, "customer.import");
  const { header, rows } = await readFirstSheet(file);
  const columnIndex = new Map(COLUMNS.map((c) => [c.key, header.indexOf(c.header)]));
  const errors: ImportRowError[] = [];
  if ((columnIndex.get("name") ?? -1) < 1)
    errors.push({ row: 1, column: "客户名称", message: MISSING_COLUMN });
  const parsed: { row: number; input: Parameters<typeof insertCustomer>[2] }[] = [];
  for (const { row: rowNumber, cell } of rows) {
    if (errors.length > 200) break;
    const get = (key: (typeof COLUMNS)[number]["key"]) => cell(columnIndex.get(key) ?? -1);
    if (COLUMNS.every((c) => !get(c.key))) continue;
    const kind = KIND_WORDS[get("kind") || "企业"];
    const grade = GRADE_WORDS[get("grade") || "普通"];
    if (!kind) errors.push({ row: rowNumber, column: "类别", message: shouldBe(get("kind"), "企业/个人") });
    if (!grade)
      errors.push({ row: rowNumber, column: "等级", message: shouldBe(get("grade"), "重点/普通/潜在") });
    const candidate = {
      kind,
      grade,
      name: get("name"),
      isVip: ["是", "vip", "y", "yes", "true", "1"].includes(get("isVip").toLowerCase()),
      phone: get("phone") || null,
      email: get("email") || null,
      address: get("address") || null,
      region: get("region") || null,
      industry: get("industry") || null,
      tags: get("tags")
        .split(/[,，、;；]/)
        .map((t) => t.trim())
        .filter(Boolean),
      notes: get("notes") || null,
    };
    const result = customerInput.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0]);
        errors.push({
          row: rowNumber,
          column: COLUMNS.find((c) => c.key === key)?.header ?? key,
          message: describeIssues([fieldIssueOf(issue, "")]),
        });
      }
    } else if (kind && grade) {
      parsed.push({ row: rowNumber, input: { ...result.data, contactName: get("contactName") || null } });
    }
  }
  if (errors.length) throw importFailed(errors);
  return ctx.db.transaction(async (tx) => {
    for (const { input } of parsed) await insertCustomer(tx, ctx, input);
    await writeAudit(tx, ctx, {
      action: "customer.imported",
      entityType: "customer",
      after: { count: parsed.length },
    });
    return { imported: parsed.length };
  });
}

/**
 * The customer list as xlsx. Personal data stays masked unless the exporter holds
 * customer.pii.view; every export is audited (C005).
 */
export async function exportCustomers(ctx: Ctx, options: { template?: boolean } = {}): Promise<Buffer> {
  requireCapability(ctx.actor, options.template ? "customer.import" : "customer.export");
  const unmasked = can(ctx.actor, "customer.pii.view");
  const rows = options.template
    ? []
    : await ctx.db
        .select()
        .from(customers)
        .where(and(visibleCustomers(ctx.actor), isNull(customers.mergedIntoId)))
        .orderBy(desc(customers.createdAt));
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    "客户",
    COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width })),
    rows.map((row) => ({
      ...(unmasked ? row : { ...row, ...presentCustomer(row) }),
      kind: row.kind === "enterprise" ? "企业" : "个人",
      grade: { key: "重点", normal: "普通", potential: "潜在" }[row.grade],
      isVip: row.isVip ? "是" : "",
      tags: row.tags.join("，"),
    })),
  );
  if (!options.template)
    await ctx.db.transaction((tx) =>
      writeAudit(tx, ctx, {
        action: "customer.exported",
        entityType: "customer",
        after: { count: rows.length, unmasked },
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
