import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

export const id = () => uuid("id").primaryKey().defaultRandom();
/** Every table carries org_id (DESIGN: Organisations) — the scope of every query. */
export const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id);
/**
 * A moment the application records: taken from its clock when a row is inserted (so that one clock,
 * the one domain functions read, dates everything — the demo's simulated history relies on it), with
 * the database's now() as the default for rows written in SQL.
 */
export const recordedAt = (name: string) =>
  timestamp(name, { withTimezone: true })
    .notNull()
    .defaultNow()
    .$defaultFn(() => new Date());
export const createdAt = () => recordedAt("created_at");
export const updatedAt = () => recordedAt("updated_at");

/** A tsvector built in TypeScript from search tokens (lib/search-tokens.ts). */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});
