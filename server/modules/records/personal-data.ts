import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type { Executor } from "../../db/client";
import { queryRows } from "../../db/client";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { addSheet } from "../../lib/xlsx";
import { assertCustomer } from "../customers/contacts-and-purchases";
import { filePath } from "../tickets/attachments";
import { idArray, references } from "./references";

// A customer's personal data on request (PIPL 第四十五条): everything the system holds about the
// customer, found by following the database's references (references.ts) down from the customer's
// record — contacts, purchases, consents, tickets and their timelines, work orders, complaints and
// what hangs on them. Left out:
// records about staff's work rather than the customer (quality inspections, forbidden-phrase hits,
// SLA breach reasons, approvals' votes), and the answers to anonymous surveys (C107).

/** Tables about how staff worked a case, not about the customer. */
const ABOUT_STAFF = new Set([
  "qa_inspections",
  "qa_rectifications",
  "forbidden_phrase_hits",
  "sla_breaches",
  "approval_actions",
  "arrival_records",
  "engineer_week_summaries",
]);
/** How far references are followed: customer → ticket → complaint → compensation → return. */
const DEPTH = 4;

export type PersonalData = {
  customerId: string;
  exportedAt: string;
  tables: Record<string, Record<string, unknown>[]>;
};

/** Every row held about the customer, by table. */
export async function personalData(tx: Executor, orgId: string, customerId: string): Promise<PersonalData> {
  const refs = await references(tx);
  // An anonymous survey's invitation is not followed: its answer cannot be joined to the person (C107).
  const anonymous = new Set(
    (
      await queryRows<{ id: string }>(
        tx,
        sql`SELECT i.id::text FROM survey_invitations i
              JOIN survey_campaigns c ON c.org_id = i.org_id AND c.id = i.campaign_id
             WHERE i.org_id = ${orgId} AND c.anonymous`,
      )
    ).map((r) => r.id),
  );
  const found = new Map<string, Map<string, Record<string, unknown>>>();
  // A row is known by its id (or, in a table keyed otherwise, by its whole content).
  const keyOf = (r: Record<string, unknown>) => (r.id === undefined ? JSON.stringify(r) : String(r.id));
  const add = (table: string, rows: Record<string, unknown>[]) => {
    const into = found.get(table) ?? found.set(table, new Map()).get(table)!;
    const fresh = rows.filter(
      (r) => !into.has(keyOf(r)) && !(table === "survey_invitations" && anonymous.has(String(r.id))),
    );
    for (const r of fresh) into.set(keyOf(r), r);
    return fresh;
  };
  let frontier = new Map([
    ["customers", add("customers", await rowsWhere(tx, "customers", "id", orgId, [customerId], "uuid"))],
  ]);
  for (let level = 0; level < DEPTH && frontier.size; level++) {
    const next = new Map<string, Record<string, unknown>[]>();
    for (const { child, column, parent, columnType } of refs) {
      const parents = frontier.get(parent);
      if (!parents?.length || ABOUT_STAFF.has(child)) continue;
      const rows = await rowsWhere(
        tx,
        child,
        column,
        orgId,
        parents.map((p) => String(p.id)),
        columnType,
      );
      const fresh = add(child, rows);
      if (fresh.length) next.set(child, [...(next.get(child) ?? []), ...fresh]);
    }
    frontier = next;
  }
  const tables: PersonalData["tables"] = {};
  for (const [table, rows] of [...found].sort(([a], [b]) => a.localeCompare(b)))
    if (rows.size) tables[table] = [...rows.values()].map(({ search_vector: _, ...r }) => r);
  return { customerId, exportedAt: new Date().toISOString(), tables };
}

async function rowsWhere(
  tx: Executor,
  table: string,
  column: string,
  orgId: string,
  ids: string[],
  type: string,
) {
  return queryRows<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM ${sql.identifier(table)} WHERE org_id = ${orgId}
          AND ${sql.identifier(column)} = ANY(${idArray(ids, type)})`,
  );
}

const cell = (value: unknown) =>
  value === null || value === undefined
    ? ""
    : value instanceof Date
      ? value.toISOString()
      : typeof value === "object"
        ? JSON.stringify(value)
        : value;

/**
 * The zip a customer is given: personal-data.json (every row), personal-data.xlsx (a sheet per table)
 * and the files attached to their tickets. Unmasked — it is theirs — so it needs both the right to see
 * personal data and to export, and is audited.
 */
export async function exportPersonalData(
  ctx: Ctx,
  customerId: string,
): Promise<{ name: string; zip: Buffer }> {
  requireCapability(ctx.actor, "customer.pii.view");
  requireCapability(ctx.actor, "customer.export");
  return ctx.db.transaction(async (tx) => {
    await assertCustomer(tx, ctx.actor, customerId);
    const data = await personalData(tx, ctx.actor.orgId, customerId);
    const workbook = new ExcelJS.Workbook();
    for (const [table, rows] of Object.entries(data.tables)) {
      const keys = Object.keys(rows[0]);
      addSheet(
        workbook,
        table.slice(0, 31),
        keys.map((key) => ({ header: key, key, width: 18 })),
        rows.map((r) => Object.fromEntries(keys.map((k) => [k, cell(r[k])]))),
      );
    }
    const files: Record<string, Uint8Array> = {
      "personal-data.json": strToU8(JSON.stringify(data, null, 2)),
      "personal-data.xlsx": new Uint8Array(await workbook.xlsx.writeBuffer()),
    };
    for (const a of data.tables.attachments ?? []) {
      const content = await readFile(filePath(ctx.filesDir, String(a.sha256))).catch(() => null);
      if (content) files[`attachments/${a.id}-${a.file_name}`] = content;
    }
    await writeAudit(tx, ctx, {
      action: "customer.personal_data_exported",
      entityType: "customer",
      entityId: customerId,
      after: Object.fromEntries(Object.entries(data.tables).map(([t, rows]) => [t, rows.length])),
    });
    const name = String(data.tables.customers[0].name);
    return { name: `${name}-个人信息.zip`, zip: Buffer.from(zipSync(files)) };
  });
}
