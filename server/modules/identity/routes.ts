import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParam } from "../../../common/schemas/fields";
import {
  absenceDto,
  absenceInput,
  apiTokenInput,
  departmentDto,
  departmentInput,
  meDto,
  passwordChangeInput,
  roleDto,
  roleInput,
  servicePointDto,
  servicePointInput,
  signInInput,
  userDto,
  userInput,
  userUpdate,
} from "../../../common/schemas/identity";
import {
  clearSessionCookies,
  ctxOf,
  type Services,
  setSessionCookies,
  staffCtx,
} from "../../lib/request-context";
import { getAbsence, setAbsence } from "./absence";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { organisationDirectory } from "./directory";
import {
  createDepartment,
  deleteDepartment,
  listRoles,
  saveRole,
  saveServicePoint,
  updateDepartment,
} from "./org-structure";
import { signIn, signOut, whoAmI } from "./sessions";
import { changeOwnPassword, createUser, listUsers, resetPassword, updateUser } from "./users";

const noContent = { 204: z.null() };

export async function identityRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["identity"];

  r.post(
    "/api/auth/sign-in",
    {
      config: { access: "public" },
      schema: {
        tags,
        body: signInInput,
        response: { 200: z.object({ mustChangePassword: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const session = await signIn(services.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      setSessionCookies(reply, session, services.secureCookies);
      return { mustChangePassword: session.mustChangePassword };
    },
  );

  r.post(
    "/api/auth/sign-out",
    { config: { access: "public", beforePasswordChange: true }, schema: { tags, response: noContent } },
    async (request, reply) => {
      if (request.sessionId && request.actor)
        await signOut(services.db, request.actor.orgId, request.sessionId);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/auth/me",
    {
      config: { access: { staff: true, portal: true }, beforePasswordChange: true },
      schema: { tags, response: { 200: meDto } },
    },
    async (request) => whoAmI(ctxOf(services, request), request.mustChangePassword),
  );

  r.post(
    "/api/auth/password",
    {
      config: { access: { staff: true, portal: true }, beforePasswordChange: true },
      schema: {
        tags,
        body: passwordChangeInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await changeOwnPassword(ctxOf(services, request), request.body, request.sessionId);
      return reply.status(204).send(null);
    },
  );

  // Pickers (assignee, department) need the directory; any staff member may read it.
  r.get(
    "/api/directory",
    {
      config: { access: { staff: true } },
      schema: {
        tags,
        response: {
          200: z.object({
            departments: z.array(departmentDto),
            users: z.array(
              z.object({ id: z.string(), displayName: z.string(), departmentId: z.string().nullable() }),
            ),
            servicePoints: z.array(servicePointDto),
          }),
        },
      },
    },
    async (request) => organisationDirectory(staffCtx(services, request)),
  );

  // Out of office (C029): one's own, or anyone's for an administrator (the domain checks which).
  const absenceAccess = { staff: true } as const;
  const userParam = z.object({ id: z.uuid() });
  r.get(
    "/api/users/:id/absence",
    {
      config: { access: absenceAccess },
      schema: { tags, params: userParam, response: { 200: z.object({ absence: absenceDto.nullable() }) } },
    },
    async (request) => ({ absence: await getAbsence(staffCtx(services, request), request.params.id) }),
  );
  r.put(
    "/api/users/:id/absence",
    {
      config: { access: absenceAccess },
      schema: {
        tags,
        params: userParam,
        body: absenceInput,
        response: { 200: z.object({ absence: absenceDto.nullable() }) },
      },
    },
    async (request) => ({
      absence: await setAbsence(staffCtx(services, request), request.params.id, request.body),
    }),
  );
  r.delete(
    "/api/users/:id/absence",
    { config: { access: absenceAccess }, schema: { tags, params: userParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await setAbsence(staffCtx(services, request), request.params.id, null);
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/departments",
    {
      config: { access: { staff: "org.manage" } },
      schema: { tags, body: departmentInput, response: { 201: departmentDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await createDepartment(staffCtx(services, request), request.body)),
  );
  r.patch(
    "/api/departments/:id",
    {
      config: { access: { staff: "org.manage" } },
      schema: { tags, params: idParam, body: departmentInput.partial(), response: noContent },
    },
    async (request, reply) => {
      await updateDepartment(staffCtx(services, request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.delete(
    "/api/departments/:id",
    { config: { access: { staff: "org.manage" } }, schema: { tags, params: idParam, response: noContent } },
    async (request, reply) => {
      await deleteDepartment(staffCtx(services, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/service-points",
    {
      config: { access: { staff: "org.manage" } },
      schema: { tags, body: servicePointInput, response: { 201: servicePointDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await saveServicePoint(staffCtx(services, request), null, request.body)),
  );
  r.put(
    "/api/service-points/:id",
    {
      config: { access: { staff: "org.manage" } },
      schema: { tags, params: idParam, body: servicePointInput, response: { 200: servicePointDto } },
    },
    async (request) => saveServicePoint(staffCtx(services, request), request.params.id, request.body),
  );

  r.get(
    "/api/users",
    { config: { access: { staff: "user.manage" } }, schema: { tags, response: { 200: z.array(userDto) } } },
    async (request) => listUsers(staffCtx(services, request)),
  );
  r.post(
    "/api/users",
    {
      config: { access: { staff: "user.manage" } },
      schema: {
        tags,
        body: userInput,
        response: { 201: z.object({ id: z.string(), oneTimePassword: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(staffCtx(services, request), request.body)),
  );
  r.patch(
    "/api/users/:id",
    {
      config: { access: { staff: "user.manage" } },
      schema: { tags, params: idParam, body: userUpdate, response: noContent },
    },
    async (request, reply) => {
      await updateUser(staffCtx(services, request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/users/:id/reset-password",
    {
      config: { access: { staff: "user.manage" } },
      schema: { tags, params: idParam, response: { 200: z.object({ oneTimePassword: z.string() }) } },
    },
    async (request) => resetPassword(staffCtx(services, request), request.params.id),
  );

  r.get(
    "/api/roles",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(roleDto) } } },
    async (request) => listRoles(staffCtx(services, request)),
  );
  r.post(
    "/api/roles",
    {
      config: { access: { staff: "user.manage" } },
      schema: { tags, body: roleInput, response: { 201: roleDto } },
    },
    async (request, reply) =>
      reply.status(201).send(await saveRole(staffCtx(services, request), null, request.body)),
  );
  r.put(
    "/api/roles/:id",
    {
      config: { access: { staff: "user.manage" } },
      schema: { tags, params: idParam, body: roleInput, response: { 200: roleDto } },
    },
    async (request) => saveRole(staffCtx(services, request), request.params.id, request.body),
  );

  const tokenDto = z.object({
    id: z.string(),
    name: z.string(),
    owner: z.string(),
    readOnly: z.boolean(),
    expiresAt: z.string(),
    expired: z.boolean(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  });
  r.get(
    "/api/api-tokens",
    { config: { access: { staff: true } }, schema: { tags, response: { 200: z.array(tokenDto) } } },
    async (request) => listApiTokens(staffCtx(services, request)),
  );
  r.post(
    "/api/api-tokens",
    {
      config: { access: { staff: "apiToken.create" } },
      schema: {
        tags,
        body: apiTokenInput,
        response: { 201: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(staffCtx(services, request), request.body)),
  );
  r.delete(
    "/api/api-tokens/:id",
    { config: { access: { staff: true } }, schema: { tags, params: idParam, response: noContent } },
    async (request, reply) => {
      await revokeApiToken(staffCtx(services, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
