import { randomUUID } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq, isNull, lte } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { beforeAll, inject } from "vitest";
import type { z } from "zod";
import type { Locale } from "../../common/enums";
import type { CreateTicketInput } from "../../common/schemas/tickets";
import { type AppOptions, buildApp } from "../app";
import { type Database, openDatabase } from "../db/client";
import { departments, jobs, outboxMessages, roles, surveyInvitations, userRoles, users } from "../db/schema";
import type { JobDefinition } from "../jobs/runner";
import type { Ctx, StaffActor } from "../lib/context";
import { AppError } from "../lib/errors";
import { configureSecrets } from "../lib/secrets";
import { hashPassword } from "../modules/identity/passwords";
import { loadStaffActor } from "../modules/identity/sessions";
import { sendDueSurveys } from "../modules/surveys/invitations";
import { createTicket } from "../modules/tickets/create-ticket";
import { seedOrganization } from "../seed/organization";
import { wireModules } from "../wiring";
import { closeAtEnd } from "./cleanup";

export const TEST_PASSWORD = "Kefu-test-2026";
/** One sealing key for every test (lib/secrets.ts): what one test sealed, another app can open. */
const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

/**
 * One database per test file: in-memory PGlite loaded from the run's migrated template, or the run's
 * PostgreSQL database (global-setup).
 */
export async function testDatabase(): Promise<Database> {
  wireModules();
  configureSecrets({ dataDir: "", secretKey: TEST_SECRET_KEY });
  const url = inject("testDatabaseUrl");
  const template = inject("pgliteTemplate");
  const database = await openDatabase(
    url ? { url, poolSize: 4 } : { template: template ? new Blob([await readFile(template)]) : undefined },
  );
  closeAtEnd(() => database.close());
  return database;
}

export type TestOrg = {
  orgId: string;
  slug: string;
  adminId: string;
  filesDir: string;
  departments: Map<string, string>;
};

/** A fresh organisation with the default seed; every test builds its own. */
export async function createOrg(database: Database): Promise<TestOrg> {
  const slug = `org-${randomUUID().slice(0, 8)}`;
  const seeded = await seedOrganization(database.db, {
    slug,
    name: `测试组织 ${slug}`,
    adminPassword: TEST_PASSWORD,
  });
  await database.db
    .update(users)
    .set({ mustChangePassword: false })
    .where(and(eq(users.orgId, seeded.orgId), eq(users.id, seeded.adminUserId)));
  const deps = await database.db.select().from(departments).where(eq(departments.orgId, seeded.orgId));
  const filesDir = await mkdtemp(path.join(tmpdir(), "kefu-files-"));
  return {
    orgId: seeded.orgId,
    slug,
    adminId: seeded.adminUserId,
    filesDir,
    departments: new Map(deps.map((d) => [d.name, d.id])),
  };
}

/**
 * Where each seeded role works in a company, so that tests meet the departments' data scopes as users
 * do (a flow that works only when everyone sits in one department is broken).
 */
const HOME_DEPARTMENT: Record<string, string> = {
  agent: "客服部",
  supervisor: "客服部",
  manager: "客服部",
  dispatcher: "售后服务组",
  engineer: "维修服务组",
  qa_inspector: "质量管理部",
  management_rep: "质量管理部",
  department_head: "技术部",
  general_manager: "总经理室",
  finance: "财务部",
  admin: "管理部",
  records_custodian: "管理部",
};

// One argon2 hash of TEST_PASSWORD per process: every test user shares it (hashing is deliberately slow).
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

/** A staff member with one seeded role, in a department (by name; the role's usual one by default), password TEST_PASSWORD. */
export async function createStaff(
  database: Database,
  org: TestOrg,
  roleKey: string,
  options: { department?: string; name?: string } = {},
): Promise<Ctx & { actor: StaffActor }> {
  const [role] = await database.db
    .select()
    .from(roles)
    .where(and(eq(roles.orgId, org.orgId), eq(roles.key, roleKey)));
  const username = `${roleKey}-${randomUUID().slice(0, 6)}`;
  const [user] = await database.db
    .insert(users)
    .values({
      orgId: org.orgId,
      username,
      displayName: options.name ?? `${role.name}${username.slice(-3)}`,
      departmentId: org.departments.get(options.department ?? HOME_DEPARTMENT[roleKey] ?? "客服部") ?? null,
      passwordHash: await testPasswordHash(),
      mustChangePassword: false,
    })
    .returning();
  await database.db.insert(userRoles).values({ orgId: org.orgId, userId: user.id, roleId: role.id });
  const actor = (await loadStaffActor(database.db, org.orgId, user.id))!;
  return { db: database.db, actor, ip: "127.0.0.1", filesDir: org.filesDir };
}

export const usernameOf = async (database: Database, userId: string) =>
  (await database.db.select({ u: users.username }).from(users).where(eq(users.id, userId)))[0].u;

export function aTicket(overrides: Partial<CreateTicketInput> = {}): CreateTicketInput {
  return {
    type: "inquiry",
    channel: "phone",
    priority: "P3",
    title: "灯具亮度异常",
    description: "客户来电反映办公室灯具运行时异响，亮度忽明忽暗。",
    newCustomer: { name: "张三", phone: "13812345678" },
    ...overrides,
  };
}

/** Answers to the default questionnaire: every item rated alike, and it would recommend us. */
export const defaultAnswers = (rating: number) => ({
  service: rating,
  timeliness: rating,
  result: rating,
  quality: rating,
  recommend: "会",
});

export const createTestTicket = (ctx: Ctx, overrides: Partial<CreateTicketInput> = {}) =>
  createTicket(ctx, aTicket(overrides));

/** The one-time code last sent to a number (the outbox keeps it for the driver only). */
export async function lastCode(database: Database, org: TestOrg, recipient: string) {
  const [message] = await database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, org.orgId), eq(outboxMessages.recipient, recipient)))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  return message.secret!;
}

/** The whole HTTP app on the test database, with a helper that signs a user in and keeps cookies. */
export async function testApp(database: Database, org: TestOrg, options: Partial<AppOptions> = {}) {
  const app = await buildApp(
    {
      dataDir: path.dirname(org.filesDir),
      secureCookies: false,
      attachmentMaxBytes: 1024 * 1024,
      logLevel: "silent",
      secretKey: TEST_SECRET_KEY,
      ...options,
    },
    database,
  );
  closeAtEnd(() => app.close());
  const signIn = async (username: string): Promise<Client> => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { org: org.slug, username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
    return new Client(app, res.cookies);
  };
  /** Signs in a staff member made by createStaff. */
  const signInAs = async (staff: Ctx & { actor: StaffActor }) =>
    signIn(await usernameOf(database, staff.actor.userId));
  /** Signs a customer in to the portal with the one-time code sent to a contact's mobile. */
  const signInCustomer = async (mobile: string): Promise<Client> => {
    const destination = { org: org.slug, destination: mobile };
    await app.inject({ method: "POST", url: "/api/portal/code", payload: destination });
    const code = await lastCode(database, org, mobile);
    const res = await app.inject({
      method: "POST",
      url: "/api/portal/sign-in",
      payload: { ...destination, code },
    });
    if (res.statusCode >= 300) throw new Error(`portal sign-in failed: ${res.body}`);
    return new Client(app, res.cookies);
  };
  return { app, signIn, signInAs, signInCustomer };
}

/** The usual start of a test file: its database, an organisation and the HTTP app over them. */
export function setupTestOrg() {
  const env = {} as { database: Database; org: TestOrg; http: Awaited<ReturnType<typeof testApp>> };
  beforeAll(async () => {
    env.database = await testDatabase();
    env.org = await createOrg(env.database);
    env.http = await testApp(env.database, env.org);
  });
  return env;
}

export class Client {
  readonly cookie: string;
  readonly csrf: string;
  constructor(
    private readonly app: FastifyInstance,
    cookies: { name: string; value: string }[],
  ) {
    this.cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    this.csrf = cookies.find((c) => c.name === "kefu_csrf")?.value ?? "";
  }
  request(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
    locale: Locale = "zh-CN",
  ) {
    return this.app.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie: this.cookie, "x-csrf-token": this.csrf, "accept-language": locale },
    });
  }
}

/** A multipart/form-data body with one file, for app.inject. */
export function multipartFile(field: string, fileName: string, mimeType: string, content: Buffer) {
  const boundary = `----kefu${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${mimeType}\r\n\r\n`,
  );
  const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload: body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** What a call came to: "OK", or the stable code of the AppError it threw. */
export const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );

/**
 * Runs the survey sender, as its job would round after round, until none of the organisation's due
 * surveys is left unsent. On the shared PostgreSQL test database other files' invitations come first
 * (a round sends 50) and another file's sender may hold some of ours until its transaction commits.
 */
export async function sendOrgSurveys(database: Database, orgId: string, publicUrl: string) {
  const unsent = () =>
    database.db
      .select({ id: surveyInvitations.id })
      .from(surveyInvitations)
      .where(
        and(
          eq(surveyInvitations.orgId, orgId),
          isNull(surveyInvitations.sentAt),
          lte(surveyInvitations.sendAt, new Date()),
        ),
      )
      .limit(1);
  for (let round = 0; round < 200; round++) {
    await sendDueSurveys(database.db, publicUrl);
    if ((await unsent()).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`surveys of ${orgId} still unsent`);
}

/**
 * Runs one organisation's due jobs of one kind as the job runner would — a test's own, not other test
 * files' (they share the database) — and returns how many ran.
 */
export async function runDueJobs<P>(
  database: Database,
  orgId: string,
  definition: JobDefinition<z.ZodType<P>>,
) {
  const { db } = database;
  const due = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.orgId, orgId),
        eq(jobs.name, definition.name),
        isNull(jobs.completedAt),
        lte(jobs.runAt, new Date()),
      ),
    );
  for (const job of due) {
    await definition.handle(
      { db, orgId, jobId: job.id, attempt: job.attempts + 1 },
      definition.payload.parse(job.payload),
    );
    await db
      .update(jobs)
      .set({ completedAt: new Date() })
      .where(and(eq(jobs.orgId, orgId), eq(jobs.id, job.id)));
  }
  return due.length;
}
