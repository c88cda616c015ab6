import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, orgId, orgPrimaryKey, orgReferences, updatedAt } from "./columns";
import { servicePoints, users } from "./identity";

/** 备件目录: the spare parts catalogue (C078). */
export const spareParts = pgTable(
  "spare_parts",
  {
    id: id(),
    orgId: orgId(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    spec: text("spec"),
    unit: text("unit").notNull().default("个"),
    /** Price charged for out-of-warranty work, in fen. */
    priceFen: bigint("price_fen", { mode: "number" }).notNull().default(0),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [orgPrimaryKey(t), uniqueIndex("spare_parts_org_code").on(t.orgId, t.code)],
);

/**
 * Stock of a part at a service point (the headquarters' is the central warehouse). Reserved units
 * are planned for work orders; what can still be reserved is on hand minus reserved. Neither ever
 * goes negative: every change is one conditional update, and the checks hold even so.
 */
export const partStock = pgTable(
  "part_stock",
  {
    orgId: orgId(),
    partId: uuid("part_id").notNull(),
    servicePointId: uuid("service_point_id").notNull(),
    onHand: integer("on_hand").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
    /** 最低库存: below this (on hand), the point's stock keepers are alerted to replenish. */
    minStock: integer("min_stock").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...orgReferences(t, { partId: spareParts, servicePointId: servicePoints }),
    primaryKey({ columns: [t.orgId, t.partId, t.servicePointId] }),
    check("part_stock_not_negative", sql`${t.reserved} >= 0 AND ${t.onHand} >= ${t.reserved}`),
    index("part_stock_point").on(t.orgId, t.servicePointId),
  ],
);

/** Every movement of stock, for the stock card (库存台账) and audit. */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: id(),
    orgId: orgId(),
    partId: uuid("part_id").notNull(),
    servicePointId: uuid("service_point_id").notNull(),
    kind: text("kind", {
      enum: ["receive", "reserve", "release", "consume", "transfer_out", "transfer_in", "adjust"],
    }).notNull(),
    /** Signed change of on-hand (reserve/release change only reserved and carry the reserved delta). */
    quantity: integer("quantity").notNull(),
    /** What it was for: the work order, the replenishment order, the other point of a transfer. */
    reference: text("reference"),
    note: text("note"),
    actorId: uuid("actor_id"),
    createdAt: createdAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, { partId: spareParts, servicePointId: servicePoints, actorId: users }),
    index("stock_movements_part").on(t.orgId, t.partId, t.createdAt),
  ],
);

/**
 * 补货单 (C078): a replenishment ordered for a point, usually when its stock fell below the minimum;
 * receiving it puts the units into that point's stock, once.
 */
export const replenishmentOrders = pgTable(
  "replenishment_orders",
  {
    id: id(),
    orgId: orgId(),
    /** BH-YYYYMM-NNNN, the reference of its receipt in the stock movements. */
    number: text("number").notNull(),
    partId: uuid("part_id").notNull(),
    servicePointId: uuid("service_point_id").notNull(),
    quantity: integer("quantity").notNull(),
    supplier: text("supplier"),
    note: text("note"),
    status: text("status", { enum: ["ordered", "received", "cancelled"] })
      .notNull()
      .default("ordered"),
    createdBy: uuid("created_by"),
    /** What actually arrived (may differ from what was ordered). */
    receivedQuantity: integer("received_quantity"),
    receivedBy: uuid("received_by"),
    /** When it was received or cancelled. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    orgPrimaryKey(t),
    ...orgReferences(t, {
      partId: spareParts,
      servicePointId: servicePoints,
      createdBy: users,
      receivedBy: users,
    }),
    uniqueIndex("replenishment_orders_number").on(t.orgId, t.number),
    index("replenishment_orders_status").on(t.orgId, t.status, t.createdAt),
  ],
);
