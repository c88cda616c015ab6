import { z } from "zod";
import { API_TOKEN_DAYS, CAPABILITIES } from "../capabilities";
import { DATA_SCOPES } from "../enums";

/** Out of office (C029): the deputy takes new work from `from` until `until`. */
export const absenceInput = z.object({
  from: z.coerce.date(),
  until: z.coerce.date(),
  deputyId: z.uuid(),
});
export type AbsenceInput = z.input<typeof absenceInput>;

export const absenceDto = z.object({
  from: z.string(),
  until: z.string(),
  deputyId: z.string(),
  /** Away now (the deputy takes new work), as the server's clock says. */
  away: z.boolean(),
});
export type AbsenceDto = z.infer<typeof absenceDto>;

export const apiTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  days: z.union(API_TOKEN_DAYS.map((d) => z.literal(d))).default(90),
  readOnly: z.boolean().default(true),
});
export type ApiTokenInput = z.input<typeof apiTokenInput>;

export const meDto = z.object({
  kind: z.enum(["staff", "customer"]),
  id: z.string(),
  name: z.string(),
  org: z.object({ name: z.string(), timeZone: z.string() }),
  departmentId: z.string().nullable(),
  capabilities: z.array(z.string()),
  dataScope: z.string(),
  mustChangePassword: z.boolean(),
});

export const departmentDto = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  headUserId: z.string().nullable(),
  sortOrder: z.number(),
});

export const userDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: z.string().nullable(),
  servicePointId: z.string().nullable(),
  skills: z.array(z.string()),
  isDisabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  roleIds: z.array(z.string()),
  /** Out of office (C029), set or planned: shown on their row. */
  absence: absenceDto.nullable(),
});
export type UserDto = z.infer<typeof userDto>;

export const roleDto = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  capabilities: z.array(z.string()),
  dataScope: z.string(),
});

export const servicePointDto = z.object({
  id: z.string(),
  name: z.string(),
  isHeadquarters: z.boolean(),
  regions: z.array(z.string()),
});

export const departmentInput = z.object({
  name: z.string().trim().min(1).max(50),
  parentId: z.uuid().nullish(),
  headUserId: z.uuid().nullish(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export type DepartmentInput = z.input<typeof departmentInput>;

export const servicePointInput = z.object({
  name: z.string().trim().min(1).max(50),
  isHeadquarters: z.boolean().optional(),
  regions: z.array(z.string().trim().min(1)).optional(),
});
export type ServicePointInput = z.input<typeof servicePointInput>;

export const roleInput = z.object({
  name: z.string().trim().min(1).max(50),
  capabilities: z.array(z.enum(CAPABILITIES)),
  dataScope: z.enum(DATA_SCOPES),
});
export type RoleInput = z.input<typeof roleInput>;

export const userInput = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(50)
    .regex(/^[\w.@-]+$/),
  displayName: z.string().trim().min(1).max(50),
  email: z.email().nullish(),
  phone: z.string().trim().max(30).nullish(),
  departmentId: z.uuid().nullish(),
  servicePointId: z.uuid().nullish(),
  /** An engineer's skills: work-order kinds and product lines (M5 dispatch). */
  skills: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
  roleIds: z.array(z.uuid()).min(1),
});
export type UserInputBody = z.input<typeof userInput>;
export type UserInput = z.infer<typeof userInput>;

export const userUpdate = userInput
  .omit({ username: true })
  .partial()
  .extend({ isDisabled: z.boolean().optional() });
export type UserUpdate = z.input<typeof userUpdate>;

export const signInInput = z.object({
  org: z.string().default("default"),
  username: z.string().min(1),
  password: z.string().min(1),
});
export type SignInInput = z.input<typeof signInInput>;

export const passwordChangeInput = z.object({ currentPassword: z.string(), newPassword: z.string() });
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;
