import { z } from "zod";
import { pageQuery } from "./pagination";

export const auditQuery = pageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  // The log is read in longer pages.
  pageSize: pageQuery.shape.pageSize.unwrap().default(50),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditDto = z.object({
  id: z.number(),
  actorType: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
