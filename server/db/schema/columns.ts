import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

export const id = () => uuid("id").primaryKey().defaultRandom();
/** Every table carries org_id (DESIGN: Organisations) — the scope of every query. */
export const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id);
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** A tsvector built in TypeScript from search tokens (lib/search-tokens.ts). */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});
