import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "./db/schema";
import { createOrg, TEST_PASSWORD, testApp, testDatabase } from "./test/factories";

const signIn = (app: Awaited<ReturnType<typeof testApp>>["app"], slug: string, headers = {}) =>
  app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { org: slug, username: "admin", password: TEST_PASSWORD },
    remoteAddress: "192.0.2.10",
    headers,
  });

describe("what every response tells the browser, and whom the server believes", () => {
  it("responses forbid framing, sniffing and foreign scripts; HSTS only where cookies are secure", async () => {
    const database = await testDatabase();
    const org = await createOrg(database);
    const plain = (await testApp(database, org)).app;
    const res = await plain.inject({ method: "GET", url: "/api/health" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(res.headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    const secure = (await testApp(database, org, { secureCookies: true })).app;
    const overTls = await secure.inject({ method: "GET", url: "/api/health" });
    expect(overTls.headers["strict-transport-security"]).toContain("max-age=31536000");
  });

  it("X-Forwarded-For is believed only from a configured proxy: a client cannot choose the address the audit records", async () => {
    const database = await testDatabase();
    const org = await createOrg(database);
    const lastSignInIp = async () => {
      const [row] = await database.db
        .select({ ip: auditLog.ip })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "user.signed_in")))
        .orderBy(desc(auditLog.id))
        .limit(1);
      return row.ip;
    };
    const direct = (await testApp(database, org)).app;
    expect((await signIn(direct, org.slug, { "x-forwarded-for": "1.2.3.4" })).statusCode).toBe(200);
    expect(await lastSignInIp()).toBe("192.0.2.10");

    const behindProxy = (await testApp(database, org, { trustProxy: ["192.0.2.0/24"] })).app;
    expect((await signIn(behindProxy, org.slug, { "x-forwarded-for": "1.2.3.4" })).statusCode).toBe(200);
    expect(await lastSignInIp()).toBe("1.2.3.4");
  });

  it("the API documentation asks staff to sign in, unless the operator made it public", async () => {
    const database = await testDatabase();
    const org = await createOrg(database);
    const { app, signIn: staff } = await testApp(database, org);
    expect((await app.inject({ method: "GET", url: "/api/docs/json" })).statusCode).toBe(401);
    const admin = await staff("admin");
    expect((await admin.request("GET", "/api/docs/json")).statusCode).toBe(200);
    const open = (await testApp(database, org, { publicApiDocs: true })).app;
    expect((await open.inject({ method: "GET", url: "/api/docs/json" })).statusCode).toBe(200);
  });
});
