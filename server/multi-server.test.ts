import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";
import { type Database, openDatabase, queryRows } from "./db/client";
import { SCHEDULES } from "./jobs/schedules";
import { exited, freshDatabase, signIn, startServer } from "./test/processes";

// Several servers on one PostgreSQL (DESIGN, "Growing past one machine"), as an operator runs them: two
// real server processes started at once on an empty database, every periodic task each second
// (KEFU_SCHEDULE_EVERY_MS). Each tick runs on one server only, nothing is sent or reminded twice, a change made on
// one server reaches a browser connected to the other, a role taken away, a sign-out or a disabled
// account on one holds on the other from its next request, and when one server is killed mid-work the
// other carries on. PostgreSQL only: the embedded database serves one process.

const adminUrl = inject("testDatabaseUrl");
const PASSWORD = "Two-Servers-2026";
const PORTS = [3981, 3982];
const base = (port: number) => `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!adminUrl)("two servers on one PostgreSQL", () => {
  const servers: ChildProcess[] = [];
  let database: Database;
  let drop = async () => {};
  let dataDir = "";
  afterAll(async () => {
    for (const server of servers) server.kill("SIGKILL");
    await database?.close();
    await drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const rows = <T>(query: SQL) => queryRows<T>(database.db, query);

  it("each periodic tick runs once across them, nothing is sent twice, live changes and changed permissions cross over, and a killed server's work is taken up", async () => {
    const fresh = await freshDatabase(adminUrl!, "kefu_two_servers");
    drop = fresh.drop;
    dataDir = await mkdtemp(path.join(tmpdir(), "kefu-two-"));
    const env = {
      DATABASE_URL: fresh.url,
      KEFU_DATA_DIR: dataDir,
      KEFU_ADMIN_PASSWORD: PASSWORD,
      KEFU_SCHEDULE_EVERY_MS: "1000",
    };
    // Both at once on an empty database: one migrates and seeds, the other waits and finds it done.
    servers.push(...(await Promise.all(PORTS.map((port) => startServer(port, env)))));
    database = await openDatabase({ url: fresh.url, poolSize: 2 });
    const [a, b] = PORTS.map(base);
    const { headers } = await signIn(a, PASSWORD, "Two-Servers-Chosen-7");

    // A browser on server B.
    const live: string[] = [];
    const socket = new WebSocket(`${b.replace("http", "ws")}/api/live`, {
      headers: { cookie: headers.cookie },
    });
    socket.on("message", (data) => live.push(String(data)));
    await new Promise((resolve, reject) => {
      socket.on("open", resolve);
      socket.on("error", reject);
    });

    // Work for the periodic tasks, made on server A: tickets received 20 days ago (their time limits
    // are long past: the sweep records each breach), resolved (each customer is sent one survey).
    const created: { id: string; number: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${a}/api/tickets`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          type: "repair",
          channel: "phone",
          priority: "P1",
          title: "车间高棚灯不亮",
          description: `第 ${i} 位客户：车间高棚灯整排不亮`,
          // Weeks back, so that working hours have passed whatever the day and hour of the run (two days
          // back, a run on Sunday evening found Friday's last minutes and no time limit yet missed).
          receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
          newCustomer: { name: `客户${i}`, phone: `1391234560${i}` },
        }),
      });
      expect(response.status).toBe(201);
      created.push((await response.json()) as { id: string; number: string });
    }
    await expect
      .poll(() => created.every((t) => live.some((m) => m.includes(t.id))), { timeout: 10_000 })
      .toBe(true);
    for (const ticket of created.slice(0, 4)) {
      for (const body of [{ action: "start" }, { action: "resolve", text: "已更换镇流器" }]) {
        const response = await fetch(`${a}/api/tickets/${ticket.id}/status`, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(200);
      }
    }
    // A timed rule (made on A) for the two still open, quiet for weeks: each is reminded once, whichever
    // server sweeps, however often.
    await rows(sql`UPDATE tickets SET updated_at = now() - interval '20 days'
                     WHERE id IN (${created[4].id}, ${created[5].id})`);
    const rule = await fetch(`${a}/api/automations`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        name: "两台服务器的停滞提醒",
        kind: "timed",
        afterHours: 1,
        conditions: { types: ["repair"] },
        actions: { notify: { recipients: ["holder"] } },
      }),
    });
    expect(rule.status).toBe(201);

    // Who may do what, changed on A, holds on B from the next request: B keeps sessions and roles in
    // memory, checked against versions the change raised in its own transaction (no notice to miss).
    const roles = (await (await fetch(`${a}/api/roles`, { headers })).json()) as {
      id: string;
      key: string;
      capabilities: string[];
    }[];
    const agentRole = roles.find((r) => r.key === "agent")!;
    const madeRole = await fetch(`${a}/api/roles`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "只看报表", capabilities: ["report.view"], dataScope: "own" }),
    });
    expect(madeRole.status).toBe(201);
    const blind = (await madeRole.json()) as { id: string };
    const made = await fetch(`${a}/api/users`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        username: "two-servers-agent",
        displayName: "跨服坐席",
        roleIds: [agentRole.id],
      }),
    });
    expect(made.status).toBe(201);
    const agent = (await made.json()) as { id: string; oneTimePassword: string };
    const onB = await signIn(b, agent.oneTimePassword, "Bridge-Lantern-Night-58", "two-servers-agent");
    const queueOnB = async (session = onB.headers) =>
      (await fetch(`${b}/api/tickets?queue=mine`, { headers: session })).status;
    const change = async (body: object) =>
      expect(
        (await fetch(`${a}/api/users/${agent.id}`, { method: "PATCH", headers, body: JSON.stringify(body) }))
          .status,
      ).toBe(204);
    expect(await queueOnB()).toBe(200);
    await change({ roleIds: [blind.id] });
    expect(await queueOnB()).toBe(403);
    await change({ roleIds: [agentRole.id] });
    expect(await queueOnB()).toBe(200);
    // Signed out through A: the session is over on B too.
    const { "content-type": _, ...noBody } = onB.headers;
    expect((await fetch(`${a}/api/auth/sign-out`, { method: "POST", headers: noBody })).status).toBe(204);
    expect(await queueOnB()).toBe(401);
    // Disabled on A: a fresh session of theirs on B stops at its next request.
    const again = await signIn(b, onB.password, onB.password, "two-servers-agent");
    expect(await queueOnB(again.headers)).toBe(200);
    await change({ isDisabled: true });
    expect(await queueOnB(again.headers)).toBe(401);

    await sleep(6000);

    // Server A dies in the middle of whatever it was doing; B carries on.
    const killedAt = new Date();
    servers[0].kill("SIGKILL");
    await exited(servers[0]);
    await sleep(8000);

    // Each task's runs never overlap (a tick runs on one server, the next only after it), both servers
    // took part, and after the kill B ran every task again.
    const runs = await rows<{
      name: string;
      tick: number;
      locked_by: string;
      started_at: Date;
      finished_at: Date | null;
      error: string | null;
    }>(sql`SELECT * FROM schedule_runs ORDER BY name, tick`);
    expect(runs.length).toBeGreaterThan(30);
    const byName = new Map<string, typeof runs>();
    for (const run of runs) byName.set(run.name, [...(byName.get(run.name) ?? []), run]);
    expect([...byName.keys()].sort()).toEqual(SCHEDULES.map((s) => s.name).sort());
    for (const [name, list] of byName) {
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1];
        if (previous.error?.startsWith("abandoned")) continue;
        expect(previous.finished_at, `${name} tick ${previous.tick}`).not.toBeNull();
        expect(new Date(list[i].started_at) >= new Date(previous.finished_at!), `${name} overlaps`).toBe(
          true,
        );
      }
      expect(
        list.some((r) => r.finished_at && new Date(r.started_at) > killedAt),
        `${name} ran after the kill`,
      ).toBe(true);
    }
    expect(new Set(runs.map((r) => r.locked_by.split(":")[1])).size).toBe(2);
    // What A left unfinished is no longer held: taken up (finished) or recorded as abandoned.
    expect(runs.filter((r) => !r.finished_at && new Date(r.started_at) < killedAt)).toEqual([]);

    // Every breach recorded once, every survey sent once.
    const breaches = await rows<{
      ticket: string;
      metric: string;
      n: number;
    }>(sql`SELECT payload->>'ticketId' AS ticket, payload->>'metric' AS metric, count(*)::int AS n
              FROM domain_events WHERE type = 'sla.breached' GROUP BY 1, 2`);
    expect(new Set(breaches.map((b) => b.ticket))).toEqual(new Set(created.map((t) => t.id)));
    expect(breaches.filter((b) => b.n !== 1)).toEqual([]);
    const surveys = await rows<{
      recipient: string;
      n: number;
    }>(sql`SELECT recipient, count(*)::int AS n FROM outbox_messages
             WHERE recipient LIKE '1391234560%' GROUP BY recipient ORDER BY recipient`);
    expect(surveys).toEqual(created.slice(0, 4).map((_, i) => ({ recipient: `1391234560${i}`, n: 1 })));

    const reminders = await rows<{ ticket: string; n: number }>(sql`
      SELECT ticket_id AS ticket, count(*)::int AS n FROM notifications
       WHERE kind = 'automation' AND params->>'rule' = '两台服务器的停滞提醒' GROUP BY 1 ORDER BY 1`);
    expect(reminders).toEqual([created[4].id, created[5].id].sort().map((ticket) => ({ ticket, n: 1 })));

    // B stops gracefully: readiness says so, its work finishes, nothing of it is left held.
    servers[1].kill("SIGTERM");
    expect(await exited(servers[1])).toBe(0);
    const held = await rows<{ name: string }>(sql`SELECT name FROM schedule_runs WHERE finished_at IS NULL`);
    expect(held).toEqual([]);
    socket.close();
  });
});
