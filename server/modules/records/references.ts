import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { queryRows } from "../../db/client";

// The database's own map of what hangs on what: every reference (org_id, column) → (org_id, id)
// between organisations' tables. The records module follows it downwards from a record — to export
// everything about a customer, to purge a record with what cannot exist without it — so that a table
// added later is included without anyone remembering to.

export type Reference = {
  child: string;
  column: string;
  parent: string;
  /** A row that must have this reference cannot exist without its parent (NOT NULL). */
  required: boolean;
  /** The SQL type of the referencing column, and of the child's id column (null when it has none). */
  columnType: string;
  childIdType: string | null;
};

let cached: Promise<Reference[]> | undefined;

/** Every two-column (org_id, x) reference in the public schema; the schema does not change while running. */
export function references(tx: Executor): Promise<Reference[]> {
  cached ??= queryRows<Reference>(
    tx,
    sql`SELECT c.relname AS child, a.attname AS column, p.relname AS parent, a.attnotnull AS required,
               format_type(a.atttypid, a.atttypmod) AS "columnType",
               (SELECT format_type(i.atttypid, i.atttypmod) FROM pg_attribute i
                 WHERE i.attrelid = c.oid AND i.attname = 'id' AND NOT i.attisdropped) AS "childIdType"
          FROM pg_constraint k
          JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[2]
         WHERE n.nspname = 'public' AND k.contype = 'f' AND array_length(k.conkey, 1) = 2
         ORDER BY c.relname, a.attname`,
  ).catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** An array parameter of the given SQL type (uuid by default), for `column = ANY(…)`; elements quoted. */
export const idArray = (ids: readonly string[], type = "uuid") =>
  sql`CAST(${`{${ids.map((x) => JSON.stringify(x)).join(",")}}`} AS ${sql.raw(`${type}[]`)})`;
