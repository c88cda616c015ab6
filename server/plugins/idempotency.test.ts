import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tickets } from "../db/schema";
import { createStaff, setupTestOrg } from "../test/factories";

const env = setupTestOrg();

describe("Idempotency-Key", () => {
  it("a retried creation gets the first answer, never a second ticket; a changed request or a failure is told apart", async () => {
    const agent = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    const create = (key: string, title: string) =>
      env.http.app.inject({
        method: "POST",
        url: "/api/tickets",
        headers: { cookie: agent.cookie, "x-csrf-token": agent.csrf, "idempotency-key": key },
        payload: { type: "inquiry", channel: "phone", title, description: "灯具咨询" },
      });
    const count = async (title: string) =>
      (await env.database.db.select().from(tickets).where(eq(tickets.title, title))).length;

    const first = await create("retry-0001", "重试不重复");
    const again = await create("retry-0001", "重试不重复");
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(await count("重试不重复")).toBe(1);

    // Five retries at once: one ticket, whatever each of them hears.
    const burst = await Promise.all(Array.from({ length: 5 }, () => create("burst-0001", "同时重试")));
    expect(burst.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    expect(
      burst
        .filter((r) => r.statusCode === 201)
        .every((r) => r.json().id === burst.find((b) => b.statusCode === 201)!.json().id),
    ).toBe(true);
    expect(await count("同时重试")).toBe(1);

    // The same key for something else is refused, not silently answered with the first ticket.
    const other = await create("retry-0001", "另一个请求");
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    // A refused request does not hold its key: corrected, it goes through.
    const refused = await create("fix-00001", "");
    expect(refused.statusCode).toBe(422);
    expect((await create("fix-00001", "改正后提交")).statusCode).toBe(201);

    // A key is the caller's own: a colleague's same key is another request.
    const colleague = await env.http.signInAs(await createStaff(env.database, env.org, "agent"));
    const theirs = await env.http.app.inject({
      method: "POST",
      url: "/api/tickets",
      headers: { cookie: colleague.cookie, "x-csrf-token": colleague.csrf, "idempotency-key": "retry-0001" },
      payload: { type: "inquiry", channel: "phone", title: "重试不重复", description: "灯具咨询" },
    });
    expect(theirs.json().id).not.toBe(first.json().id);
    expect((await create("short", "键太短")).json().error.code).toBe("IDEMPOTENCY_KEY_INVALID");
  });
});
