import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError, constraintError } from "../lib/errors";
import { createOrg, testDatabase } from "../test/factories";
import { queryRows } from "./client";
import { customers, tickets, users } from "./schema";

/**
 * Tables outside any organisation: the organisations themselves, sign-in attempts counted by address
 * before anyone is known, and the runs of periodic tasks that serve every organisation.
 */
const WITHOUT_ORG = ["organizations", "rate_limits", "schedule_runs", "search_index_state"];

describe("every key leads with the organisation (issue 17, item 9)", () => {
  it("the catalog has no primary key, foreign key or unique index without org_id first", async () => {
    const { db } = await testDatabase();
    const tables = await queryRows<{ table: string; hasOrg: boolean }>(
      db,
      sql`SELECT c.relname AS table,
                 EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped) AS "hasOrg"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    );
    expect(tables.length).toBeGreaterThan(70);
    const orgTables = tables.filter((t) => !WITHOUT_ORG.includes(t.table));
    expect(orgTables.filter((t) => !t.hasOrg).map((t) => t.table)).toEqual([]);

    // Keys and unique indexes, each with its columns in order; foreign keys with the columns they point at.
    const keys = await queryRows<{
      table: string;
      name: string;
      kind: string;
      columns: string[];
      target: string | null;
      targetColumns: string[] | null;
    }>(
      db,
      sql`SELECT c.relname AS table, k.conname AS name, k.contype AS kind,
                 (SELECT array_agg(a.attname ORDER BY o.n) FROM unnest(k.conkey) WITH ORDINALITY o(att, n)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = o.att)::text[] AS columns,
                 f.relname AS target,
                 (SELECT array_agg(a.attname ORDER BY o.n) FROM unnest(k.confkey) WITH ORDINALITY o(att, n)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = o.att)::text[] AS "targetColumns"
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class f ON f.oid = k.confrelid
           WHERE n.nspname = 'public' AND k.contype IN ('p', 'f', 'u')
          UNION ALL
          SELECT c.relname, i.relname, 'i',
                 (SELECT array_agg(a.attname ORDER BY o.n) FROM unnest(x.indkey::int2[]) WITH ORDINALITY o(att, n)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = o.att)::text[],
                 NULL, NULL
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND x.indisunique AND NOT x.indisprimary`,
    );
    const ofOrgTables = keys.filter((k) => !WITHOUT_ORG.includes(k.table));
    // Every organisation's table has a primary key.
    const withPrimary = new Set(ofOrgTables.filter((k) => k.kind === "p").map((k) => k.table));
    expect(orgTables.filter((t) => !withPrimary.has(t.table)).map((t) => t.table)).toEqual([]);

    const offending = ofOrgTables.filter((k) => {
      if (k.columns?.[0] !== "org_id") return true;
      if (k.kind !== "f") return false;
      // org_id → organizations(id) is the organisation itself; any other reference is (org_id, …) → (org_id, …).
      if (k.target === "organizations") return k.columns.length !== 1;
      return k.targetColumns?.[0] !== "org_id" || k.columns.length < 2;
    });
    expect(offending.map((k) => `${k.table}.${k.name} (${k.columns})`)).toEqual([]);
    // Each table's other references are counted, so a table the check skipped would show here.
    expect(ofOrgTables.filter((k) => k.kind === "f" && k.target !== "organizations").length).toBeGreaterThan(
      160,
    );
  });

  it("a row cannot point into another organisation even where no route checks: the database refuses, and the API answers 422 naming the field", async () => {
    const database = await testDatabase();
    const { db } = database;
    const [a, b] = [await createOrg(database), await createOrg(database)];
    const insertCustomer = (ownerUserId: string) =>
      db
        .insert(customers)
        .values({ orgId: a.orgId, kind: "individual", name: "张三", ownerUserId })
        .returning();
    // The organisation's own user is accepted…
    const [own] = await insertCustomer(a.adminId);
    expect(own.ownerUserId).toBe(a.adminId);
    // …another organisation's is not, even written straight to the database.
    const refused = await insertCustomer(b.adminId).catch((e: unknown) => e);
    const error = constraintError(refused);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 422, details: [{ path: "/ownerUserId", problem: "reference" }] });

    // A ticket of organisation A cannot name organisation B's customer, nor be moved to B's department.
    const [foreign] = await db
      .insert(customers)
      .values({ orgId: b.orgId, kind: "individual", name: "李四" })
      .returning();
    const ticket = db.insert(tickets).values({
      orgId: a.orgId,
      number: "T-1",
      type: "inquiry",
      channel: "phone",
      priority: "P3",
      title: "咨询",
      description: "咨询",
      customerId: foreign.id,
    });
    expect(constraintError(await ticket.catch((e: unknown) => e))).toMatchObject({ status: 422 });
    const move = db
      .update(users)
      .set({ departmentId: b.departments.get("客服部") })
      .where(sql`${users.id} = ${a.adminId}`);
    expect(constraintError(await move.catch((e: unknown) => e))).toMatchObject({
      details: [{ path: "/departmentId", problem: "reference" }],
    });
  });
});
