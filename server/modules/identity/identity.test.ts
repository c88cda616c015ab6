import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditLog, roles, users } from "../../db/schema";
import type { AppError } from "../../lib/errors";
import {
  createOrg,
  createStaff,
  createTestTicket,
  setupTestOrg,
  TEST_PASSWORD,
  testApp,
  usernameOf,
} from "../../test/factories";
import { loadStaffActor, MAX_FAILED_SIGN_INS } from "./sessions";
import { updateUser } from "./users";

const env = setupTestOrg();

const signInRaw = (username: string, password: string, slug = env.org.slug) =>
  env.http.app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { org: slug, username, password },
  });

describe("staff sign-in", () => {
  it("signs in with an httpOnly session cookie and a CSRF cookie; /me lists capabilities", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const res = await signInRaw(await usernameOf(env.database, agent.actor.userId), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === "kefu_session")!;
    expect(session.httpOnly).toBe(true);
    expect(res.cookies.find((c) => c.name === "kefu_csrf")!.httpOnly).toBeFalsy();
    const client = await env.http.signInAs(agent);
    const me = (await client.request("GET", "/api/auth/me")).json();
    expect(me.capabilities).toContain("ticket.create");
    expect(me.capabilities).not.toContain("user.manage");
  });

  it("wrong password is refused with a clear, translated message", async () => {
    const res = await signInRaw("admin", "wrong-password-1");
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
  });

  it(`locks the account after ${MAX_FAILED_SIGN_INS} failures, even for the right password`, async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const username = await usernameOf(env.database, agent.actor.userId);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++)
      expect((await signInRaw(username, "nope-12345")).statusCode).toBe(401);
    expect((await signInRaw(username, "nope-12345")).json().error.code).toBe("ACCOUNT_LOCKED");
    expect((await signInRaw(username, TEST_PASSWORD)).json().error.code).toBe("ACCOUNT_LOCKED");
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, agent.actor.userId));
    expect(audits.map((a) => a.action)).toContain("user.locked");
  });

  it("concurrent wrong passwords cannot outrun the lockout: 40 at once lock the account, and the right one among 30 wrong does not get in", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const username = await usernameOf(env.database, agent.actor.userId);
    // Each from its own address, so that the per-address limit is not what stops them.
    const attempt = (password: string, n: number) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { org: env.org.slug, username, password },
        remoteAddress: `10.0.${Math.floor(n / 250)}.${n % 250}`,
      });
    const wrong = await Promise.all(Array.from({ length: 40 }, (_, n) => attempt("nope-12345", n)));
    const codes = wrong.map((r) => r.statusCode);
    // Only the allowance was ever checked against the password; the rest were refused as locked.
    expect(codes.filter((c) => c === 401).length).toBe(MAX_FAILED_SIGN_INS - 1);
    expect(codes.filter((c) => c === 423).length).toBe(40 - (MAX_FAILED_SIGN_INS - 1));
    const [locked] = await env.database.db.select().from(users).where(eq(users.id, agent.actor.userId));
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    // A second account: 30 wrong guesses and the right password sent last, all at once.
    const other = await createStaff(env.database, env.org, "agent");
    const otherName = await usernameOf(env.database, other.actor.userId);
    const mixed = await Promise.all(
      [...Array.from({ length: 30 }, () => "nope-12345"), TEST_PASSWORD].map((password, n) =>
        env.http.app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { org: env.org.slug, username: otherName, password },
          remoteAddress: `10.1.0.${n}`,
        }),
      ),
    );
    expect(mixed.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(mixed.at(-1)!.json().error.code).toBe("ACCOUNT_LOCKED");
  });

  it("one address trying many accounts is slowed down (429 with Retry-After); its successful sign-ins do not count", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const username = await usernameOf(env.database, agent.actor.userId);
    const from = (password: string, user = `nobody-${Math.random()}`) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { org: env.org.slug, username: user, password },
        remoteAddress: "192.0.2.7",
      });
    // An office behind one address signs in all morning.
    for (let i = 0; i < 40; i++) expect((await from(TEST_PASSWORD, username)).statusCode).toBe(200);
    for (let i = 0; i < 30; i++) expect((await from("nope-12345")).statusCode).toBe(401);
    const refused = await from("nope-12345");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect(refused.json().error.message).toMatch(/请 1[0-5] 分钟后再试/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await signInRaw(username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("a one-time password must be changed before anything else", async () => {
    const admin = await env.http.signIn("admin");
    const created = (
      await admin.request("POST", "/api/users", {
        username: "li.si",
        displayName: "李四",
        roleIds: [
          (await admin.request("GET", "/api/roles")).json().find((r: { key: string }) => r.key === "agent")
            .id,
        ],
      })
    ).json();
    const first = await signInRaw("li.si", created.oneTimePassword);
    expect(first.json()).toEqual({ mustChangePassword: true });
    const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const csrf = first.cookies.find((c) => c.name === "kefu_csrf")!.value;
    const headers = { cookie, "x-csrf-token": csrf };
    expect(
      (await env.http.app.inject({ method: "GET", url: "/api/tickets", headers })).json().error.code,
    ).toBe("PASSWORD_CHANGE_REQUIRED");
    const weak = await env.http.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers,
      payload: { currentPassword: created.oneTimePassword, newPassword: "short" },
    });
    expect(weak.json().error.code).toBe("PASSWORD_TOO_WEAK");
    const changed = await env.http.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers,
      payload: { currentPassword: created.oneTimePassword, newPassword: "Li-si-2026-ok" },
    });
    expect(changed.statusCode).toBe(204);
    expect((await env.http.app.inject({ method: "GET", url: "/api/tickets", headers })).statusCode).toBe(200);
  });

  it("a new password ends every other session and API token of its user, keeps this one, and is not one guessed first", async () => {
    const agent = await createStaff(env.database, env.org, "admin");
    const username = await usernameOf(env.database, agent.actor.userId);
    const here = await env.http.signIn(username);
    const elsewhere = await env.http.signIn(username);
    const { token } = (await here.request("POST", "/api/api-tokens", { name: "脚本" })).json();
    const bearer = { authorization: `Bearer ${token}` };
    const change = (newPassword: string) =>
      here.request("POST", "/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword });
    for (const guessable of [
      "password12",
      "1234567890a",
      "aaaaaaaaa1",
      "qwertyuiop1",
      "Woaini13145",
      `${username}2026x`,
    ]) {
      const refused = await change(guessable);
      expect(refused.json().error.code, guessable).toBe("PASSWORD_TOO_COMMON");
    }
    // Nothing changed while refused: both sessions and the token still work.
    expect((await elsewhere.request("GET", "/api/auth/me")).statusCode).toBe(200);
    expect(
      (await env.http.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer })).statusCode,
    ).toBe(200);

    expect((await change("Lamp-7351-ready")).statusCode).toBe(204);
    expect((await here.request("GET", "/api/auth/me")).statusCode).toBe(200);
    expect((await elsewhere.request("GET", "/api/auth/me")).statusCode).toBe(401);
    expect(
      (await env.http.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer })).statusCode,
    ).toBe(401);
  });

  it("an unsafe request without the CSRF header is refused", async () => {
    const res = await signInRaw("admin", TEST_PASSWORD);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const post = await env.http.app.inject({
      method: "POST",
      url: "/api/forbidden-phrases",
      headers: { cookie },
      payload: { phrase: "随便" },
    });
    expect(post.statusCode).toBe(403);
    expect(post.json().error.code).toBe("CSRF_TOKEN_INVALID");
  });

  it("API tokens: made by those allowed, read-only unless asked, running out, listed and revoked by administrators", async () => {
    const agent = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    const refused = await agent.request("POST", "/api/api-tokens", { name: "我的脚本" });
    expect(refused.statusCode).toBe(403);

    const admin = await env.http.signIn("admin");
    const made = await admin.request("POST", "/api/api-tokens", { name: "报表同步", days: 30 });
    expect(made.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${made.json().token}` };
    const call = (method: "GET" | "POST", url: string, payload?: object) =>
      env.http.app.inject({ method, url, headers: bearer, payload });
    expect((await call("GET", "/api/tickets")).statusCode).toBe(200);
    // Read-only by default: no change goes through it.
    const write = await call("POST", "/api/forbidden-phrases", { phrase: "不可能" });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe("API_TOKEN_READ_ONLY");
    const writer = await admin.request("POST", "/api/api-tokens", {
      name: "ERP",
      readOnly: false,
      days: 365,
    });
    expect(
      (
        await env.http.app.inject({
          method: "POST",
          url: "/api/forbidden-phrases",
          headers: { authorization: `Bearer ${writer.json().token}` },
          payload: { phrase: "绝不可能" },
        })
      ).statusCode,
    ).toBe(201);
    // Lifetimes are chosen from a list: never "forever".
    expect((await admin.request("POST", "/api/api-tokens", { name: "永久", days: 10_000 })).statusCode).toBe(
      422,
    );

    const listed = (await admin.request("GET", "/api/api-tokens")).json();
    const sync = listed.find((t: { name: string }) => t.name === "报表同步");
    expect(sync).toMatchObject({ readOnly: true, expired: false, owner: expect.any(String) });
    expect(new Date(sync.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(Math.round((new Date(sync.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(30);

    // Once run out it opens nothing.
    await env.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, sync.id));
    expect((await call("GET", "/api/tickets")).statusCode).toBe(401);
    // An administrator revokes anybody's token; nobody else can.
    expect((await agent.request("DELETE", `/api/api-tokens/${writer.json().id}`)).statusCode).toBe(404);
    expect((await admin.request("DELETE", `/api/api-tokens/${writer.json().id}`)).statusCode).toBe(204);
  });

  it("an API token acts with its owner's permissions and stops working when revoked", async () => {
    const admin = await env.http.signIn("admin");
    const { id, token } = (await admin.request("POST", "/api/api-tokens", { name: "ERP 集成" })).json();
    const auth = { authorization: `Bearer ${token}` };
    expect((await env.http.app.inject({ method: "GET", url: "/api/users", headers: auth })).statusCode).toBe(
      200,
    );
    await admin.request("DELETE", `/api/api-tokens/${id}`);
    expect((await env.http.app.inject({ method: "GET", url: "/api/users", headers: auth })).statusCode).toBe(
      401,
    );
  });
});

describe("access", () => {
  it("a role without the capability gets 403 (agent managing users, engineer creating phrases, finance creating tickets)", async () => {
    const agent = await env.http.signIn(
      await usernameOf(env.database, (await createStaff(env.database, env.org, "agent")).actor.userId),
    );
    expect((await agent.request("GET", "/api/users")).statusCode).toBe(403);
    const engineer = await env.http.signIn(
      await usernameOf(env.database, (await createStaff(env.database, env.org, "engineer")).actor.userId),
    );
    expect((await engineer.request("POST", "/api/forbidden-phrases", { phrase: "不行" })).statusCode).toBe(
      403,
    );
    const finance = await env.http.signIn(
      await usernameOf(env.database, (await createStaff(env.database, env.org, "finance")).actor.userId),
    );
    const res = await finance.request("POST", "/api/tickets", {
      type: "inquiry",
      channel: "phone",
      title: "x",
      description: "y",
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe("您没有执行此操作的权限（需要 登记工单）");
  });

  it("a disabled user's sessions end at once", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const client = await env.http.signInAs(agent);
    const admin = await env.http.signIn("admin");
    expect(
      (await admin.request("PATCH", `/api/users/${agent.actor.userId}`, { isDisabled: true })).statusCode,
    ).toBe(204);
    expect((await client.request("GET", "/api/tickets")).statusCode).toBe(401);
    const [row] = await env.database.db.select().from(users).where(eq(users.id, agent.actor.userId));
    expect(row.isDisabled).toBe(true);
  });

  it("one organisation's administrator cannot see or change another's users or departments", async () => {
    const other = await createOrg(env.database);
    const otherApp = await testApp(env.database, other);
    const outsider = await otherApp.signIn("admin");
    const list = (await outsider.request("GET", "/api/users")).json();
    expect(list.map((u: { id: string }) => u.id)).not.toContain(env.org.adminId);
    expect(
      (await outsider.request("PATCH", `/api/users/${env.org.adminId}`, { displayName: "x" })).statusCode,
    ).toBe(404);
    const dept = env.org.departments.get("技术部")!;
    expect((await outsider.request("PATCH", `/api/departments/${dept}`, { name: "被改了" })).statusCode).toBe(
      404,
    );
  });

  it("departments are seeded nested and a department with members cannot be deleted", async () => {
    const admin = await env.http.signIn("admin");
    const dir = (await admin.request("GET", "/api/directory")).json();
    const service = dir.departments.find((d: { name: string }) => d.name === "售后服务部");
    expect(
      dir.departments
        .filter((d: { parentId: string }) => d.parentId === service.id)
        .map((d: { name: string }) => d.name),
    ).toEqual(["售后服务组", "维修服务组"]);
    expect(dir.servicePoints.map((p: { name: string }) => p.name)).toContain("华东本部");
    const res = await admin.request("DELETE", `/api/departments/${env.org.departments.get("客服部")}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("DEPARTMENT_IN_USE");
  });
});

describe("the database's own keys", () => {
  it("a duplicate name or a record still in use is a 409 naming the conflict, never a 500", async () => {
    const admin = await env.http.signIn("admin");
    const dir = (await admin.request("GET", "/api/directory")).json();
    const [first, second] = dir.servicePoints;
    const renamed = await admin.request("PUT", `/api/service-points/${second.id}`, { name: first.name });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.message).toBe("输入有误：名称：已存在，不能重复");

    // An empty department that tickets were once routed to.
    const created = await admin.request("POST", "/api/departments", { name: "临时专班" });
    expect(created.statusCode).toBe(201);
    const agent = await createStaff(env.database, env.org, "agent");
    const ticket = await createTestTicket(agent, { departmentId: created.json().id });
    expect(ticket.departmentId).toBe(created.json().id);
    const removed = await admin.request("DELETE", `/api/departments/${created.json().id}`);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error).toMatchObject({
      code: "RECORD_IN_USE_BY",
      message: "该记录仍被工单引用，不能删除",
    });
  });
});

describe("administrators", () => {
  it("nobody disables themself, and the last account that can manage users is never disabled or demoted", async () => {
    const org = await createOrg(env.database);
    const first = {
      db: env.database.db,
      actor: (await loadStaffActor(env.database.db, org.orgId, org.adminId))!,
      ip: "127.0.0.1",
      filesDir: org.filesDir,
    };
    const second = await createStaff(env.database, org, "admin");
    const agentRole = (
      await env.database.db
        .select()
        .from(roles)
        .where(and(eq(roles.orgId, org.orgId), eq(roles.key, "agent")))
    )[0];
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "OK",
        (e: AppError) => e.code,
      );
    expect(await code(updateUser(second, second.actor.userId, { isDisabled: true }))).toBe(
      "USER_DISABLE_SELF",
    );
    await updateUser(second, org.adminId, { isDisabled: true });
    // Now the second is the only one left: demoting them would lock the organisation out.
    expect(await code(updateUser(second, second.actor.userId, { roleIds: [agentRole.id] }))).toBe(
      "LAST_ADMINISTRATOR",
    );
    const [kept] = await env.database.db.select().from(users).where(eq(users.id, org.adminId));
    expect(kept.isDisabled).toBe(true);
    await updateUser(second, org.adminId, { isDisabled: false });
    // Two administrators disabling each other at once: one of them stays.
    const results = await Promise.all([
      code(updateUser(first, second.actor.userId, { isDisabled: true })),
      code(updateUser(second, org.adminId, { isDisabled: true })),
    ]);
    expect(results.sort()).toEqual(["LAST_ADMINISTRATOR", "OK"]);
    const active = await env.database.db
      .select()
      .from(users)
      .where(and(eq(users.orgId, org.orgId), eq(users.isDisabled, false)));
    expect(
      active.map((u) => u.id).filter((id) => [org.adminId, second.actor.userId].includes(id)),
    ).toHaveLength(1);
  });
});
