import { z } from "zod";
import { pageQuery } from "./pagination";

export const partDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string(),
  priceFen: z.number(),
  isActive: z.boolean(),
});

export const stockDto = z.object({
  partId: z.string(),
  code: z.string(),
  name: z.string(),
  servicePointId: z.string(),
  servicePoint: z.string(),
  onHand: z.number(),
  reserved: z.number(),
  available: z.number(),
  minStock: z.number(),
  low: z.boolean(),
});

export const replenishmentDto = z.object({
  id: z.string(),
  number: z.string(),
  partId: z.string(),
  code: z.string(),
  name: z.string(),
  servicePointId: z.string(),
  servicePoint: z.string(),
  quantity: z.number(),
  supplier: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(["ordered", "received", "cancelled"]),
  receivedQuantity: z.number().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const sparePartInput = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  spec: z.string().trim().max(200).nullish(),
  unit: z.string().trim().min(1).max(10).default("个"),
  priceFen: z.number().int().min(0).max(100_000_000).default(0),
  isActive: z.boolean().default(true),
});
export type SparePartInput = z.input<typeof sparePartInput>;

export const receiveInput = z.object({
  partId: z.uuid(),
  servicePointId: z.uuid(),
  quantity: z.number().int().min(1).max(1_000_000),
  reference: z.string().trim().max(100).nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type ReceiveInput = z.input<typeof receiveInput>;

export const transferInput = receiveInput.extend({ toServicePointId: z.uuid() });
export type TransferInput = z.input<typeof transferInput>;

export const minStockInput = z.object({
  partId: z.uuid(),
  servicePointId: z.uuid(),
  minStock: z.number().int().min(0).max(1_000_000),
});
export type MinStockInput = z.input<typeof minStockInput>;

export const replenishmentInput = z.object({
  partId: z.uuid(),
  servicePointId: z.uuid(),
  quantity: z.number().int().min(1).max(1_000_000),
  supplier: z.string().trim().max(200).nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type ReplenishmentInput = z.input<typeof replenishmentInput>;

export const receiveReplenishmentInput = z.object({
  /** What arrived; what was ordered when not given. */
  quantity: z.number().int().min(1).max(1_000_000).nullish(),
});
export type ReceiveReplenishmentInput = z.input<typeof receiveReplenishmentInput>;

export const replenishmentListQuery = pageQuery.extend({
  status: z.enum(["ordered", "received", "cancelled"]).optional(),
});
export type ReplenishmentListQuery = z.input<typeof replenishmentListQuery>;
