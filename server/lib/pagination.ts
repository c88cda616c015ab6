import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Executor } from "../db/client";

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() });

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
