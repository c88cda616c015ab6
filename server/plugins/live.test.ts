import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createStaff, setupTestOrg, TEST_PASSWORD, usernameOf } from "../test/factories";
import { MAX_SOCKETS_PER_SESSION } from "./live";

const env = setupTestOrg();

/** A socket to /api/live with a session's cookie; resolves with its close code (or "open" after a while). */
async function connect(port: number, cookie: string, headers: Record<string, string> = { cookie }) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live`, { headers });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.on("open", () => resolve());
    socket.on("error", reject);
  });
  return { socket, closed };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<"still open">((resolve) => setTimeout(() => resolve("still open"), ms)),
  ]);

describe("live updates", () => {
  let port = 0;
  it("a socket lives as long as its session: signing out or a password change elsewhere closes it; one session holds a few at most", async () => {
    await env.http.app.listen({ port: 0, host: "127.0.0.1" });
    port = (env.http.app.server.address() as AddressInfo).port;
    const agent = await createStaff(env.database, env.org, "agent");
    const username = await usernameOf(env.database, agent.actor.userId);

    const first = await env.http.signIn(username);
    const live = await connect(port, first.cookie);
    expect((await first.request("POST", "/api/auth/sign-out")).statusCode).toBe(204);
    expect(await within(live.closed, 5000)).toBe(4401);

    // Signed in twice: a password change in one session closes the other's socket, not its own.
    const here = await env.http.signIn(username);
    const there = await env.http.signIn(username);
    const mine = await connect(port, here.cookie);
    const theirs = await connect(port, there.cookie);
    const changed = await here.request("POST", "/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "Lamp-7351-ready",
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await within(theirs.closed, 5000)).toBe(4401);
    expect(await within(mine.closed, 300)).toBe("still open");

    // A thousand sockets from one session are not accepted: the ones over the cap close at once.
    const more = [];
    for (let i = 1; i < MAX_SOCKETS_PER_SESSION; i++) more.push(await connect(port, here.cookie));
    const over = await connect(port, here.cookie);
    expect(await within(over.closed, 5000)).toBe(4429);
    for (const s of [mine, ...more]) s.socket.close();
  });

  it("a socket opened with an API token closes when the token is revoked or its owner is disabled", async () => {
    const admin = await env.http.signIn("admin");
    const owner = await createStaff(env.database, env.org, "admin");
    const ownerClient = await env.http.signInAs(owner);
    const tokenFor = async () =>
      (await ownerClient.request("POST", "/api/api-tokens", { name: "大屏看板", days: 30 })).json() as {
        id: string;
        token: string;
      };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const revoked = await tokenFor();
    const kept = await tokenFor();
    const first = await connect(port, "", bearer(revoked.token));
    const second = await connect(port, "", bearer(kept.token));
    expect((await admin.request("DELETE", `/api/api-tokens/${revoked.id}`)).statusCode).toBe(204);
    expect(await within(first.closed, 5000)).toBe(4401);
    expect(await within(second.closed, 300)).toBe("still open");
    // Disabling the owner stops every token of theirs, and its sockets.
    const disabled = await admin.request("PATCH", `/api/users/${owner.actor.userId}`, { isDisabled: true });
    expect(disabled.statusCode, disabled.body).toBe(204);
    expect(await within(second.closed, 5000)).toBe(4401);
  });
});
