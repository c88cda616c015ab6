import { getTableName } from "drizzle-orm";
import { customType, foreignKey, type PgColumn, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/**
 * A record's id; the primary key is (org_id, id) — orgPrimaryKey — so that every key, reference and
 * unique index leads with the organisation (DESIGN: "Growing past one machine").
 */
export const id = () => uuid("id").notNull().defaultRandom();
/** Every table carries org_id (DESIGN: Organisations) — the scope of every query. */
export const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id);

type OrgRecord = { orgId: PgColumn; id: PgColumn };

export const orgPrimaryKey = (t: OrgRecord) => primaryKey({ columns: [t.orgId, t.id] });

/**
 * References to records of the same organisation: (org_id, x_id) → (org_id, id). A row cannot point
 * into another organisation, whatever a route forgets to check (a foreign id fails the key, 23503,
 * answered 422). An empty reference (NULL) is not checked, as with a single-column key.
 */
export function orgReferences<T extends { orgId: PgColumn }>(
  t: T,
  references: { [K in keyof T]?: OrgRecord },
) {
  return Object.entries(references).map(([key, target]) => {
    const column = t[key as keyof T] as PgColumn;
    return foreignKey({
      name: `${getTableName(column.table)}_${column.name}_fk`,
      columns: [t.orgId, column],
      foreignColumns: [(target as OrgRecord).orgId, (target as OrgRecord).id],
    });
  });
}

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
