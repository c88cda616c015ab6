import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { roles } from "../db/schema";
import { saveRole } from "../modules/identity/org-structure";
import { updateUser } from "../modules/identity/users";
import { createStaff, setupTestOrg } from "../test/factories";

// Sessions, service-time policies and calendars, rules and webhook endpoints are kept in memory
// (lib/org-cache.ts); a change must hold from the next request on, never seconds later. The two-server
// test (multi-server.test.ts) shows the same across processes.

const env = setupTestOrg();

describe("what a server keeps in memory follows every change at once", () => {
  it("a disabled user's next request is refused, with their session kept a moment before", async () => {
    const admin = await createStaff(env.database, env.org, "admin");
    const agent = await createStaff(env.database, env.org, "agent");
    const http = await env.http.signInAs(agent);
    expect((await http.request("GET", "/api/tickets")).statusCode).toBe(200);
    expect((await http.request("GET", "/api/tickets")).statusCode).toBe(200);
    await updateUser(admin, agent.actor.userId, { isDisabled: true });
    expect((await http.request("GET", "/api/tickets")).statusCode).toBe(401);
  });

  it("a session signed out is refused at once; the same user's other session goes on", async () => {
    const agent = await createStaff(env.database, env.org, "agent");
    const first = await env.http.signInAs(agent);
    const second = await env.http.signInAs(agent);
    expect((await first.request("GET", "/api/tickets")).statusCode).toBe(200);
    expect((await second.request("GET", "/api/tickets")).statusCode).toBe(200);
    expect((await first.request("POST", "/api/auth/sign-out")).statusCode).toBeLessThan(300);
    expect((await first.request("GET", "/api/tickets")).statusCode).toBe(401);
    expect((await second.request("GET", "/api/tickets")).statusCode).toBe(200);
  });

  it("a role losing a capability refuses it at the next request; given back, it is allowed again", async () => {
    const admin = await createStaff(env.database, env.org, "admin");
    const supervisor = await createStaff(env.database, env.org, "supervisor");
    const http = await env.http.signInAs(supervisor);
    expect((await http.request("GET", "/api/tickets")).statusCode).toBe(200);
    const [role] = await env.database.db
      .select()
      .from(roles)
      .where(and(eq(roles.orgId, env.org.orgId), eq(roles.key, "supervisor")));
    const without = role.capabilities.filter((c) => c !== "ticket.view");
    await saveRole(admin, role.id, {
      name: role.name,
      capabilities: without as never,
      dataScope: role.dataScope,
    });
    expect((await http.request("GET", "/api/tickets")).statusCode).toBe(403);
    await saveRole(admin, role.id, {
      name: role.name,
      capabilities: role.capabilities as never,
      dataScope: role.dataScope,
    });
    expect((await http.request("GET", "/api/tickets")).statusCode).toBe(200);
  });
});
