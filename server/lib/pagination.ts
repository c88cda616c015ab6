import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { PageQuery } from "../../common/schemas/pagination";
import type { Executor } from "../db/client";

export const offsetOf = (q: PageQuery) => (q.page - 1) * q.pageSize;

/** How many rows of a table match: the total of a page (joins need their own count). */
export async function countRows(db: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(table).where(where);
  return total;
}

/** A page as list endpoints answer it. */
export const pageOf = <T>(q: PageQuery, items: T[], total: number) => ({
  items,
  page: q.page,
  pageSize: q.pageSize,
  total,
});
