import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_ROLES } from "../common/capabilities";
import { errorMessage } from "../common/errors";
import type { Access } from "./lib/request-context";
import { type Client, createStaff, createTestTicket, setupTestOrg } from "./test/factories";

// The authorization matrix: every route the server registers × every seeded role × no session × a
// portal customer, each answered as the route's declared access says — refused by the gate with 401
// or 403 naming what is needed, or let through to the route (whose answer may still be a 404 for a
// record that does not exist, a 422 for the empty body, or the domain's own refusal). A route that
// declares no access cannot be registered at all (plugins/auth.ts), so none escapes this table.

const env = setupTestOrg();

type Caller = {
  who: string;
  capabilities: readonly string[] | null;
  customer: boolean;
  client: Client | null;
};

/** What the gate must do for this caller: "through", or the refusal it answers with. */
function expected(access: Access, caller: Caller): "through" | 401 | { forbidden: string } {
  if (access === "public") return "through";
  if (!caller.client) return 401;
  if (caller.customer)
    return access.portal ? "through" : { forbidden: access.staff === true ? "staff" : access.staff! };
  if (!access.staff) return { forbidden: "portal" };
  if (access.staff === true || caller.capabilities?.includes(access.staff)) return "through";
  return { forbidden: access.staff };
}

describe("authorization matrix", () => {
  it("every route × every seeded role × no session × a portal customer: the gate answers as the route declares", async () => {
    const { app } = env.http;
    await app.ready();
    const callers: Caller[] = [{ who: "no session", capabilities: null, customer: false, client: null }];
    for (const role of DEFAULT_ROLES) {
      const staff = await createStaff(env.database, env.org, role.key);
      callers.push({
        who: role.key,
        capabilities: role.capabilities,
        customer: false,
        client: await env.http.signInAs(staff),
      });
    }
    const agent = await createStaff(env.database, env.org, "agent");
    await createTestTicket(agent, { newCustomer: { name: "陈十", phone: "13600009999" } });
    callers.push({
      who: "portal customer",
      capabilities: null,
      customer: true,
      client: await env.http.signInCustomer("13600009999"),
    });
    expect(callers).toHaveLength(DEFAULT_ROLES.length + 2);

    // The live socket is an upgrade, not a request (plugins/live.test.ts covers who may open one);
    // signing out comes last, since it ends the session the other requests use.
    const routes = app.routeAccess
      .filter((r) => !r.websocket)
      .sort((a, b) => Number(a.url === "/api/auth/sign-out") - Number(b.url === "/api/auth/sign-out"));
    expect(routes.length).toBeGreaterThan(250);

    const wrong: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:\w+/g, () => randomUUID());
      const method = route.method as "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      const payload = method === "GET" || method === "DELETE" ? undefined : {};
      for (const caller of callers) {
        const reply = caller.client
          ? await caller.client.request(method, url, payload, "en-US")
          : await app.inject({ method, url, payload, headers: { "accept-language": "en-US" } });
        const error =
          reply.statusCode >= 400
            ? (reply.json() as { error: { code: string; message: string } }).error
            : null;
        const want = expected(route.access, caller);
        const refusedFor = (capability: string) =>
          reply.statusCode === 403 &&
          error?.code === "FORBIDDEN" &&
          error.message === errorMessage("FORBIDDEN", "en-US", { capability });
        const ok =
          want === 401
            ? reply.statusCode === 401 && error?.code === "UNAUTHENTICATED"
            : want === "through"
              ? reply.statusCode !== 401 &&
                reply.statusCode < 500 &&
                !(
                  route.access !== "public" &&
                  ["staff", "portal", route.access.staff ?? ""].some((c) => refusedFor(String(c)))
                )
              : refusedFor(want.forbidden);
        if (!ok)
          wrong.push(
            `${route.method} ${route.url} as ${caller.who}: wanted ${JSON.stringify(want)}, got ${reply.statusCode} ${error?.code ?? ""}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
