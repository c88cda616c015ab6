import { z } from "zod";
import { WORK_ORDER_STATUSES } from "../enums";
import { pageQuery } from "./pagination";

const hours = z.number().int().min(1).max(720).nullish();

export const agreementInput = z.object({
  contractNo: z.string().trim().min(1).max(50),
  customerId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  warrantyMonths: z.number().int().min(1).max(240).nullish(),
  responseHours: hours,
  arrivalHours: hours,
  visitKind: z.enum(["maintenance", "inspection"]).default("maintenance"),
  visitsPerYear: z.number().int().min(0).max(52).default(0),
  leadDays: z.number().int().min(0).max(60).default(7),
  siteAddress: z.string().trim().min(1).max(500),
  priceTerms: z.string().trim().max(2000).nullish(),
  ownerId: z.uuid().nullish(),
});
export type AgreementInput = z.input<typeof agreementInput>;

export const terminateInput = z.object({ reason: z.string().trim().min(1).max(500) });
export type TerminateInput = z.input<typeof terminateInput>;

export const agreementListQuery = pageQuery.extend({ customerId: z.uuid().optional() });
export type AgreementListQuery = z.input<typeof agreementListQuery>;

const s = z.string().nullable();

const n = z.number().nullable();

export const agreementDto = z.object({
  id: z.string(),
  contractNo: z.string(),
  customerId: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  warrantyMonths: n,
  responseHours: n,
  arrivalHours: n,
  visitKind: z.enum(["maintenance", "inspection"]),
  visitsPerYear: z.number(),
  leadDays: z.number(),
  siteAddress: z.string(),
  priceTerms: s,
  ownerId: s,
  terminatedAt: s,
  terminationReason: s,
  state: z.enum(["upcoming", "active", "ended", "terminated"]),
  createdAt: z.string(),
});

export const detailDto = agreementDto.extend({
  customer: z.string(),
  owner: s,
  visits: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      dueOn: z.string(),
      workOrderId: s,
      workOrderNumber: s,
      workOrderStatus: z.enum(WORK_ORDER_STATUSES).nullable(),
      doneOn: s,
      onTime: z.boolean().nullable(),
    }),
  ),
  fulfilment: z.object({
    visitsDue: z.number(),
    visitsDone: z.number(),
    visitsOnTime: z.number(),
    arrivals: z.number(),
    arrivalsMet: n,
  }),
});
